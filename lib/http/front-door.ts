// What the server (scripts/server.ts) checks before a request reaches Next.js: cheap
// checks that must hold for every request, even one answered from Next's page cache.
// - A malformed %-escape in the path is a 400 (it would otherwise end in a 500).
// - A client that connects directly cannot name its own address: X-Forwarded-For and
//   X-Real-IP are believed only from a proxy on this machine or a private network (or
//   those TRUSTED_PROXIES lists), else replaced by the connection's address. Every
//   per-client limit downstream (sign-in, codes, look-ups) reads them.
// - Certificate look-ups (/verify/<code>, with or without a locale prefix) are limited
//   per client. The page is served from the cache at a thousand requests a second,
//   which proxy.ts would cut by half, so the limit is here and proxy.ts skips the page.
import type { IncomingHttpHeaders } from "node:http";
import { clientIp } from "@/lib/auth/limits";
import { createLookupLimit, type LookupLimit } from "./lookup-limit";
import { webHeaders } from "./node-headers";

export type Refusal = { status: 400 | 429; headers: Record<string, string>; body: string };
export type Arrival = { url: string; headers: IncomingHttpHeaders; peer?: string };

export const VERIFY_PAGE = /^\/(?:[a-z]{2,3}(?:-[A-Za-z]{2,4})?\/)?verify\/[^/]+\/?$/;

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

const html = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };

const badRequest = (): Refusal => ({
  status: 400,
  headers: html,
  body: page("Bad request", "The address is not valid."),
});

const tooManyLookups = (seconds: number): Refusal => ({
  status: 429,
  headers: { ...html, "Retry-After": String(seconds) },
  body: page(
    "Too many look-ups",
    `Too many certificate look-ups from your connection. Please try again in ${seconds} seconds.`,
  ),
});

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** An address without the IPv4-in-IPv6 prefix Node gives on dual-stack sockets. */
const plain = (address: string) =>
  (address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address).toLowerCase();

/** This machine, or a private network (RFC 1918, IPv6 unique-local and link-local). */
export function isPrivateAddress(address: string): boolean {
  const a = plain(address);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(a);
  if (v4) {
    const [x, y] = [Number(v4[1]), Number(v4[2])];
    return x === 127 || x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168);
  }
  return a === "::1" || /^f[cd][0-9a-f]{0,2}:/.test(a) || /^fe[89ab][0-9a-f]?:/.test(a);
}

/**
 * Whether `peer` may tell us the client's address: by default a proxy on this machine
 * or a private network; `trusted` (TRUSTED_PROXIES: "*" for any, or a comma-separated
 * list of addresses) widens that.
 */
export function isTrustedProxy(peer: string | undefined, trusted = process.env.TRUSTED_PROXIES ?? ""): boolean {
  if (!peer) return false;
  if (trusted.trim() === "*" || isPrivateAddress(peer)) return true;
  return trusted.split(",").some((t) => t.trim() !== "" && plain(t.trim()) === plain(peer));
}

/**
 * The checks, with their own look-up counter: undefined lets the request through. Before
 * that, the forwarding headers of an untrusted connection are replaced in `arrival.headers`
 * (the request's own headers, which Next reads next).
 */
export function createFrontDoor(limit: LookupLimit = createLookupLimit(), trusted = process.env.TRUSTED_PROXIES ?? "") {
  return async function check(arrival: Arrival): Promise<Refusal | undefined> {
    if (!isTrustedProxy(arrival.peer, trusted)) {
      delete arrival.headers["x-real-ip"];
      if (arrival.peer) arrival.headers["x-forwarded-for"] = plain(arrival.peer);
      else delete arrival.headers["x-forwarded-for"];
    }
    const q = arrival.url.indexOf("?");
    const path = q === -1 ? arrival.url : arrival.url.slice(0, q);
    if (!decodable(path)) return badRequest();
    if (VERIFY_PAGE.test(path)) {
      const allowed = await limit(clientIp(webHeaders(arrival.headers), arrival.peer));
      if (!allowed.ok) return tooManyLookups(allowed.retryAfterSeconds);
    }
    return undefined;
  };
}
