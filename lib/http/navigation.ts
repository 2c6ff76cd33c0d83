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

/** The sign-in page, to come back to `returnTo` (a path of this site) once signed in. */
export const signInPath = (returnTo: string) => `/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`;

/**
 * The answer to a request that needs a session and has none: a person's browser (a link in
 * an e-mail followed) is sent to sign in and brought back to the same path; anything else
 * gets 401. The address is a path of this site: nothing of the request's host goes into it.
 */
export function signInRequired(request: Request): Response {
  if (!isDocumentNavigation(request.headers)) return Response.json({ error: "sign-in-required" }, { status: 401 });
  return new Response(null, {
    status: 303,
    headers: { Location: signInPath(new URL(request.url).pathname), "Cache-Control": "no-store" },
  });
}
