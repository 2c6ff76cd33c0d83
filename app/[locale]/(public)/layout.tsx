import { BrowserAccountLink } from "@/components/layout/browser-account-link";
import { PageFrame } from "@/components/layout/page-frame";

// Pages the same for everyone, rendered ahead and served from the cache: the home page,
// the lectures, a certificate's public page and help. Nothing here reads the session on
// the server; the header's account link is asked for by the browser.
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return <PageFrame account={<BrowserAccountLink />}>{children}</PageFrame>;
}
