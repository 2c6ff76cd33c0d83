// How long a signed-in session lives. Two clocks: an absolute lifetime from sign-in,
// which no amount of use extends, and an idle limit since the session was last used.
// A stolen cookie therefore works at most as long as the absolute lifetime, and a
// forgotten device is signed out after a week without use.

export type SessionPolicy = {
  /** From sign-in: the session ends then, however recently it was used. */
  absoluteSeconds: number;
  /** Since the last recorded use. */
  idleSeconds: number;
  /** How stale the recorded last use may get before a request writes it again. */
  touchSeconds: number;
};

export const SESSION_POLICY: SessionPolicy = {
  absoluteSeconds: 30 * 24 * 60 * 60,
  idleSeconds: 7 * 24 * 60 * 60,
  touchSeconds: 60 * 60,
};

/** What the session row holds: when it was made, when its use was last recorded, and its stored expiry. */
export type SessionTimes = { createdAt: Date; lastUsedAt: Date; expires: Date };

export type SessionState =
  | { live: false; reason: "expired" | "absolute" | "idle" }
  | { live: true; touch: { lastUsedAt: Date; expires: Date } | null };

/** The moment the session ends if it is not used again. */
export function sessionEnd(times: SessionTimes, policy: SessionPolicy = SESSION_POLICY): Date {
  const absolute = times.createdAt.getTime() + policy.absoluteSeconds * 1000;
  const idle = times.lastUsedAt.getTime() + policy.idleSeconds * 1000;
  return new Date(Math.min(absolute, idle, times.expires.getTime()));
}

/**
 * Whether a session may serve a request at `now`, and if so whether its last use should
 * be recorded (at most once per `touchSeconds`). The stored expiry moves to the earlier
 * of the idle limit and the absolute lifetime, never past it.
 */
export function sessionState(times: SessionTimes, now: Date, policy: SessionPolicy = SESSION_POLICY): SessionState {
  const t = now.getTime();
  if (t >= times.createdAt.getTime() + policy.absoluteSeconds * 1000) return { live: false, reason: "absolute" };
  if (t >= times.lastUsedAt.getTime() + policy.idleSeconds * 1000) return { live: false, reason: "idle" };
  if (t >= times.expires.getTime()) return { live: false, reason: "expired" };
  if (t - times.lastUsedAt.getTime() < policy.touchSeconds * 1000) return { live: true, touch: null };
  const expires = sessionEnd({ createdAt: times.createdAt, lastUsedAt: now, expires: new Date(8.64e15) }, policy);
  return { live: true, touch: { lastUsedAt: now, expires } };
}

/**
 * Whether a role change leaves the platform with at least one admin. `admins` counts the
 * admins before the change.
 */
export function roleChangeAllowed(change: {
  from: "ADMIN" | "ORGANISER" | "PARTICIPANT";
  to: "ADMIN" | "ORGANISER" | "PARTICIPANT";
  admins: number;
}) {
  if (change.from === "ADMIN" && change.to !== "ADMIN" && change.admins <= 1) return false;
  return true;
}
