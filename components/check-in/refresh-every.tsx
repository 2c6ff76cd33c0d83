"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page from the server when the shown code changes. Without JavaScript the
 * browser reloads the page then: a refresh in <noscript>, which a browser running scripts
 * reads as text and ignores.
 */
export function RefreshWhenCodeChanges({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const first = setTimeout(() => router.refresh(), seconds * 1000 + 200);
    return () => clearTimeout(first);
  }, [router, seconds]);
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(seconds + 1)} />
    </noscript>
  );
}
