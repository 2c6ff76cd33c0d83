import type { ReactNode } from "react";
import { SiteHeader } from "./site-header";

/** The header and the page's main landmark (the skip link's target) under it. */
export function PageFrame({ account, children }: { account: ReactNode; children: ReactNode }) {
  return (
    <>
      <SiteHeader account={account} />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
    </>
  );
}
