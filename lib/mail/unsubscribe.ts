// One-click unsubscribe links (RFC 8058) for optional mail (lib/domain/mail-preferences.ts).
// The link names the person and the kind of mail and carries an HMAC of both under the
// app's AUTH_SECRET, so that it works without signing in and cannot be made for anyone else.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { OptionalMailKind } from "@/lib/domain/mail-preferences";

export function unsubscribeToken(secret: string, userId: string, kind: OptionalMailKind): string {
  return createHmac("sha256", secret).update(`unsubscribe\0${userId}\0${kind}`).digest("base64url").slice(0, 32);
}

export function isValidUnsubscribeToken(secret: string, userId: string, kind: OptionalMailKind, token: string) {
  const expected = Buffer.from(unsubscribeToken(secret, userId, kind));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The two addresses of a mail's unsubscribe link: `oneClick` for the List-Unsubscribe header
 * (a mail client POSTs to it, with no page in between), `page` for the link in the mail's
 * text (a page that asks before it acts, since link scanners open every link they see).
 */
export function unsubscribeUrls(site: string, secret: string, userId: string, kind: OptionalMailKind) {
  const query = new URLSearchParams({ u: userId, k: kind, t: unsubscribeToken(secret, userId, kind) });
  return { oneClick: `${site}/api/unsubscribe?${query}`, page: `${site}/unsubscribe?${query}` };
}
