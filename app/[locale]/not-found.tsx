import { BrowserAccountLink } from "@/components/layout/browser-account-link";
import { NotFoundContent } from "@/components/layout/not-found-content";
import { PageFrame } from "@/components/layout/page-frame";

// Reached only when a route group's own layout gives up; the pages' 404s are the groups'.
export default function NotFound() {
  return (
    <PageFrame account={<BrowserAccountLink />}>
      <NotFoundContent />
    </PageFrame>
  );
}
