import "server-only";
import { headers } from "next/headers";

/** The site's address as the browser used it, read from a request's headers. */
export function originOf(h: Pick<Headers, "get">): string {
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
}

/** The site's address as the browser used it, for links in e-mails and on admin pages. */
export async function requestOrigin(): Promise<string> {
  return originOf(await headers());
}

/**
 * Whether a state-changing request comes from our own pages: browsers send Origin on
 * POST, and it must name the host the request came to. (Server actions check this
 * themselves; route handlers that change data call this.)
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || !URL.canParse(origin)) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return new URL(origin).host === host;
}
