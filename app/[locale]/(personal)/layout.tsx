import { setRequestLocale } from "next-intl/server";
import { AccountLink } from "@/components/layout/account-link";
import { PageFrame } from "@/components/layout/page-frame";

// Pages rendered for each request because they read the person's session (sign-in, the
// dashboard, the course, the profile, enrolment, check-in, the account and admin areas):
// the header's account link is rendered here on the server too.
export default async function PersonalLayout({ children, params }: LayoutProps<"/[locale]">) {
  // Each layout sets the locale itself: layouts and pages render independently, and
  // without it next-intl would read the request's headers, which a cached page may not do.
  setRequestLocale((await params).locale);
  return <PageFrame account={<AccountLink />}>{children}</PageFrame>;
}
