// The rules of admins' passkeys (WebAuthn), over plain values: which site a passkey is
// bound to, how long a challenge lives, when a session must pass the passkey check, and
// when removing one needs a fresh check.

/** How long a challenge handed to the browser can be answered. */
export const CHALLENGE_MINUTES = 5;

export type ChallengePurpose = "register" | "authenticate";

/**
 * The relying party a passkey is bound to, from the site's configured public address: its
 * host name is the RP ID the authenticator scopes the credential to, and its origin the only
 * one an answer may come from. Never from the request's Host, which a client can set.
 */
export function relyingPartyOf(siteUrl: string): { id: string; origin: string } {
  const url = new URL(siteUrl);
  return { id: url.hostname, origin: url.origin };
}

/** When a challenge made at `now` stops being accepted. */
export function challengeExpiry(now: Date): Date {
  return new Date(now.getTime() + CHALLENGE_MINUTES * 60 * 1000);
}

/**
 * Whether a session is held at the passkey step: an admin who has a passkey must use it
 * once per session, after the e-mail sign-in. Participants have no second factor.
 */
export function needsPasskeyCheck(s: { role: string; passkeys: number; secondFactorAt: Date | null }): boolean {
  return s.role === "ADMIN" && s.passkeys > 0 && s.secondFactorAt === null;
}

/**
 * Removing the admin's last passkey turns the second factor off: that takes a passkey
 * check made for the removal itself, so that a session left open (or taken over)
 * cannot switch it off alone. With others left, the session's own check suffices.
 */
export function removalNeedsCheck(passkeys: number): boolean {
  return passkeys <= 1;
}

/** The name a passkey gets when none is typed: "Passkey 2" after "Passkey 1". */
export function defaultPasskeyName(existing: readonly string[]): string {
  const taken = new Set(existing);
  for (let n = existing.length + 1; ; n++) if (!taken.has(`Passkey ${n}`)) return `Passkey ${n}`;
}
