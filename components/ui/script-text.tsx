"use client";

import { useHydrated } from "./use-hydrated";

/**
 * A sentence whose truth depends on the page's JavaScript: `withoutScript` in the server's
 * HTML (what a browser without JavaScript keeps showing, and true too while the scripts
 * load), `withScript` once they run.
 */
export function ScriptText({ withScript, withoutScript }: { withScript: string; withoutScript: string }) {
  return useHydrated() ? withScript : withoutScript;
}
