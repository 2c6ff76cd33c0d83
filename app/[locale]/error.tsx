"use client";

import { ErrorContent } from "@/components/layout/error-content";

// An error in a route group's layout itself: no header, but still the page's main landmark.
export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
      <ErrorContent {...props} />
    </main>
  );
}
