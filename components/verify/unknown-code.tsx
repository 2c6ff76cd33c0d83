"use client";

import { usePathname } from "next/navigation";

/**
 * The "no certificate has this code" sentence, with the code read from the address: the
 * not-found page of /verify/<code> has no parameters of its own.
 */
export function UnknownCode({ template }: { template: string }) {
  const last = (usePathname() ?? "").split("/").pop() ?? "";
  let code = last;
  try {
    code = decodeURIComponent(last);
  } catch {
    // a malformed %-escape is shown as typed
  }
  return <>{template.replace("{code}", code.slice(0, 40))}</>;
}
