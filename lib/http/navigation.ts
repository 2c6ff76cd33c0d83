/**
 * Whether a request is a browser loading a page for a person (a link followed, an address
 * typed), not a script's fetch: `Sec-Fetch-Mode: navigate`, which browsers send on such
 * loads, or, from a browser too old to send it, an Accept that asks for HTML.
 */
export function isDocumentNavigation(headers: Headers): boolean {
  const mode = headers.get("sec-fetch-mode");
  if (mode !== null) return mode === "navigate";
  return /(^|,)\s*text\/html\b/i.test(headers.get("accept") ?? "");
}
