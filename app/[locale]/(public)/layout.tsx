import { setRequestLocale } from "next-intl/server";
import { BrowserAccountLink } from "@/components/layout/browser-account-link";
import { PageFrame } from "@/components/layout/page-frame";

// Pages the same for everyone, rendered ahead and served from the cache: the home page,
// the lectures, a certificate's public page and help. Nothing here reads the session on
// the server; the header's account link is asked for by the browser.
export default async function PublicLayout({ children, params }: LayoutProps<"/[locale]">) {
  // Each layout sets the locale itself: layouts and pages render independently, and
  // without it next-intl would read the request's headers, which a cached page may not do.
  setRequestLocale((await params).locale);
  return <PageFrame account={<BrowserAccountLink />}>{children}</PageFrame>;
}
