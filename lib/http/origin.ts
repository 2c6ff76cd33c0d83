/**
 * The address a request names in its Host / X-Forwarded-* headers. Never a source of
 * links (those come from SITE_URL, lib/http/site-url.ts): a client can set these headers.
 */
export function originOf(h: Pick<Headers, "get">): string {
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
}
