import type { ComponentProps } from "react";
import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

const navigation = createNavigation(routing);

export const { redirect, usePathname, useRouter, getPathname } = navigation;

/**
 * next-intl's Link, not prefetched unless a link asks for it with `prefetch`. Next.js
 * prefetches every link that scrolls into view (and on hover), with two requests or more
 * each, whether or not the link is followed: a participant's dashboard, with its links to
 * lectures, quizzes and excuse forms, made 44, and its first visit in Chromium cost the
 * server 830 ms of CPU, against 190 ms without them (`npm run bench:visit`). A prefetch of a
 * page rendered per request (a quiz, an excuse form) costs a render of its route tree and
 * metadata, and these pages have no loading state for a prefetch to show early. Without
 * prefetching, a followed link is fetched on the click, by the client-side router as before.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof navigation.Link>) {
  return <navigation.Link prefetch={prefetch} {...props} />;
}
