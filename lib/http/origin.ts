import "server-only";
import { headers } from "next/headers";

/** The site's address as the browser used it, for links in e-mails and on admin pages. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
}
