// What the server (scripts/server.ts) checks before a request reaches Next.js: cheap
// checks that must hold for every request, even one answered from Next's page cache.
// - A malformed %-escape in the path is a 400 (it would otherwise end in a 500).
// - Certificate look-ups (/verify/<code>, with or without a locale prefix) are limited
//   per client. The page is served from the cache at a thousand requests a second,
//   which proxy.ts would cut by half, so the limit is here and proxy.ts skips the page.
import type { IncomingHttpHeaders } from "node:http";
import { clientIp } from "@/lib/auth/limits";
import { createLookupLimit, type LookupLimit } from "./lookup-limit";

export type Refusal = { status: 400 | 429; headers: Record<string, string>; body: string };
export type Arrival = { url: string; headers: IncomingHttpHeaders; peer?: string };

export const VERIFY_PAGE = /^\/(?:[a-z]{2,3}(?:-[A-Za-z]{2,4})?\/)?verify\/[^/]+\/?$/;

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

const html = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };

export const badRequest = (): Refusal => ({ status: 400, headers: html, body: page("Bad request", "The address is not valid.") });

export const tooManyLookups = (seconds: number): Refusal => ({
  status: 429,
  headers: { ...html, "Retry-After": String(seconds) },
  body: page("Too many look-ups", `Too many certificate look-ups from your connection. Please try again in ${seconds} seconds.`),
});

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

const header = (headers: IncomingHttpHeaders) => ({
  get: (name: string) => {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  },
});

/** The checks, with their own look-up counter: undefined lets the request through. */
export function createFrontDoor(limit: LookupLimit = createLookupLimit()) {
  return async function check(arrival: Arrival): Promise<Refusal | undefined> {
    const q = arrival.url.indexOf("?");
    const path = q === -1 ? arrival.url : arrival.url.slice(0, q);
    if (!decodable(path)) return badRequest();
    if (VERIFY_PAGE.test(path)) {
      const allowed = await limit(clientIp(header(arrival.headers), arrival.peer));
      if (!allowed.ok) return tooManyLookups(allowed.retryAfterSeconds);
    }
    return undefined;
  };
}
