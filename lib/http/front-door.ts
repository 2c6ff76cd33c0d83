// What the server (scripts/server.ts) checks before a request reaches Next.js: cheap
// checks that must hold for every request, even one answered from Next's page cache.
// - A malformed %-escape in the path is a 400 (it would otherwise end in a 500).
// - The client's address (lib/http/client-ip.ts): X-Forwarded-For is left holding exactly
//   the resolved client, which every per-client limit downstream reads. A connection that
//   is not a trusted proxy cannot name the host or scheme either: its X-Forwarded-Host,
//   -Proto, -Port and Forwarded headers are dropped.
// - A body declared larger than its path's cap (lib/http/body-limit.ts) is a 413. An
//   admin's page takes a larger body (an upload) only once the session in its cookies is
//   found to be a signed-in admin's or organiser's, before any byte of the body is read.
// - Certificate look-ups (/verify/<code>, with or without a locale prefix, however the
//   path is spelled) are limited per client: every look-up of a code whose page the
//   server's shared cache does not hold counts, which is every guess of a code that does
//   not exist. A page it holds, that of an existing certificate, is answered without
//   counting, so that verifying many real certificates is not refused, unless the client is
//   being refused already (lib/http/lookup-limit.ts). The page is served from the cache at
//   a thousand requests a second, which proxy.ts would cut by half, so the limit is here
//   and proxy.ts skips the page.
import type { IncomingHttpHeaders } from "node:http";
import path from "node:path";
import { bodyLimit, declaredTooLarge, hasAdminAllowance } from "./body-limit";
import { clientKey, forwardedChain, resolveClient, trustedProxies, type TrustedProxies } from "./client-ip";
import { createLookupLimit, type LookupLimit } from "./lookup-limit";
import { contentSecurityPolicy, newNonce } from "./security-headers";

export type Refusal = { status: 400 | 413 | 429; headers: Record<string, string>; body: string };
export type Arrival = {
  url: string;
  headers: IncomingHttpHeaders;
  peer?: string;
  method?: string;
  /** Called with a larger cap on the body once the sender is known to be a signed-in admin. */
  raiseBodyCap?: (bytes: number) => void;
  /**
   * Whether the server's shared cache holds the answer: a certificate's page there is one
   * whose code exists (an unknown code's 404 is never kept), and looking it up is not counted.
   */
  cached?: () => boolean;
};

/** Whether the request's cookies (its Cookie header) carry the session of a signed-in admin or organiser. */
export type IsAdmin = (cookieHeader: string | undefined) => Promise<boolean>;

export const VERIFY_PAGE = /^\/(?:[a-z]{2,3}(?:-[A-Za-z]{2,4})?\/)?verify\/[^/]+\/?$/;

// Headers only a trusted proxy may set: they name the host and scheme the client used.
const PROXY_ONLY = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-ssl", "forwarded"];

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

const html = () => ({
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Content-Security-Policy": contentSecurityPolicy(newNonce()),
});

const badRequest = (): Refusal => ({
  status: 400,
  headers: html(),
  body: page("Bad request", "The address is not valid."),
});

/** 413, as JSON for the API and as a page elsewhere. */
export function tooLarge(pathname: string): Refusal {
  if (pathname.startsWith("/api/"))
    return {
      status: 413,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
      body: JSON.stringify({ error: "too-large" }),
    };
  return { status: 413, headers: html(), body: page("Too large", "The request is too large.") };
}

const tooManyLookups = (seconds: number): Refusal => ({
  status: 429,
  headers: { ...html(), "Retry-After": String(seconds) },
  body: page(
    "Too many look-ups",
    `Too many certificate look-ups from your connection. Please try again in ${seconds} seconds.`,
  ),
});

/**
 * The path as the router will see it: each segment decoded, dot segments resolved,
 * repeated slashes merged; undefined for a malformed %-escape.
 */
export function normalisePath(url: string): string | undefined {
  const q = url.indexOf("?");
  const raw = q === -1 ? url : url.slice(0, q);
  let decoded: string;
  try {
    decoded = raw
      .split("/")
      // An encoded slash stays one: the router takes it as part of a segment.
      .map((segment) => segment.split(/%2f/i).map(decodeURIComponent).join("%2F"))
      .join("/");
  } catch {
    return undefined;
  }
  const normal = path.posix.normalize(`/${decoded}`);
  return normal.length > 1 && raw.endsWith("/") && !normal.endsWith("/") ? `${normal}/` : normal;
}

/**
 * Replaces the forwarding headers in `headers` (the request's own, which Next reads next):
 * X-Forwarded-For holds exactly the client, the others only what a trusted proxy set.
 */
function settleForwarding(headers: IncomingHttpHeaders, peer: string | undefined, trusted: TrustedProxies): string {
  const client = resolveClient(peer, forwardedChain(headers["x-forwarded-for"]), trusted);
  if (!trusted.has(peer)) for (const name of PROXY_ONLY) delete headers[name];
  delete headers["x-real-ip"];
  // Next reads a nonce from a request's policy header: only the server puts nonces in pages.
  delete headers["content-security-policy"];
  delete headers["content-security-policy-report-only"];
  if (client) headers["x-forwarded-for"] = client;
  else delete headers["x-forwarded-for"];
  return client ? clientKey(client) : "unknown";
}

/**
 * The checks, with their own look-up counter and list of trusted proxies: undefined lets
 * the request through.
 */
export function createFrontDoor(
  limit: LookupLimit = createLookupLimit(),
  trusted: TrustedProxies | string = trustedProxies(),
  isAdmin: IsAdmin = async () => false,
) {
  const proxies = typeof trusted === "string" ? trustedProxies(trusted) : trusted;
  return async function check(arrival: Arrival): Promise<Refusal | undefined> {
    const client = settleForwarding(arrival.headers, arrival.peer, proxies);
    const pathname = normalisePath(arrival.url);
    if (pathname === undefined) return badRequest();
    const length = arrival.headers["content-length"];
    // A body past the ordinary cap, or of a length not declared, to a path with an admin's
    // allowance: the session is looked up first, and only an admin's raises the cap.
    if (
      arrival.method === "POST" &&
      hasAdminAllowance(pathname) &&
      (length === undefined || declaredTooLarge(length, bodyLimit(pathname))) &&
      (await isAdmin(arrival.headers.cookie))
    ) {
      if (declaredTooLarge(length, bodyLimit(pathname, true))) return tooLarge(pathname);
      arrival.raiseBodyCap?.(bodyLimit(pathname, true));
    } else if (declaredTooLarge(length, bodyLimit(pathname))) return tooLarge(pathname);
    if (VERIFY_PAGE.test(pathname)) {
      const refusing = limit.refusing(client);
      if (refusing !== undefined) return tooManyLookups(refusing);
      if (!arrival.cached?.()) {
        const allowed = await limit.count(client);
        if (!allowed.ok) return tooManyLookups(allowed.retryAfterSeconds);
      }
    }
    return undefined;
  };
}
