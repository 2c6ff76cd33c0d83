// The headers every response carries (scripts/server.ts sets them before Next.js, the
// JSON API or the front door answers), and the Content-Security-Policy of HTML responses.
import { randomBytes } from "node:crypto";

/**
 * Headers for every response. HSTS only when the site's public address is https: a
 * browser told so over plain http ignores it, and a local http deployment must stay usable.
 */
export function securityHeaders(siteUrl = process.env.SITE_URL ?? ""): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(siteUrl.startsWith("https://") ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** A fresh nonce for one HTML response: 128 random bits. */
export const newNonce = () => randomBytes(16).toString("base64");

/**
 * The policy of an HTML response whose script tags carry `nonce`. 'strict-dynamic' lets
 * those scripts load the chunks they need and nothing else runs: no inline handler, no
 * script an injection could add. Development adds 'unsafe-eval' (React's debugging needs it).
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return policy(`script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`);
}

/**
 * The policy of a page that is the same bytes for everybody (lib/http/shared-page-cache.ts):
 * its inline scripts by their hashes (`'sha256-…'` source expressions), and script files
 * from the site itself, which is where Next.js's chunks are.
 */
export function contentSecurityPolicyWithHashes(hashes: readonly string[]): string {
  return policy(["script-src 'self'", ...hashes].join(" "));
}

function policy(scriptSrc: string): string {
  return [
    "default-src 'self'",
    scriptSrc,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The certificate template's live preview: a PDF the page fetched, shown in a frame.
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}
