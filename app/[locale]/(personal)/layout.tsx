import { AccountLink } from "@/components/layout/account-link";
import { PageFrame } from "@/components/layout/page-frame";

// Pages rendered for each request because they read the person's session (sign-in, the
// dashboard, the course, the profile, enrolment, check-in, the account and admin areas):
// the header's account link is rendered here on the server too.
export default function PersonalLayout({ children }: { children: React.ReactNode }) {
  return <PageFrame account={<AccountLink />}>{children}</PageFrame>;
}
