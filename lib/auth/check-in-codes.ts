// The rotating self check-in code: six digits from an HMAC of the session's
// secret and the current 30-second step, like an authenticator app's codes.
// The code of the step before is accepted too, so a code read just before it
// changed still works.
import { createHmac, randomBytes } from "node:crypto";

export const STEP_SECONDS = 30;

const stepOf = (at: Date) => Math.floor(at.getTime() / 1000 / STEP_SECONDS);

function codeForStep(secret: string, step: number): string {
  const digest = createHmac("sha256", secret).update(String(step)).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, "0");
}

export function checkInCode(secret: string, at: Date): string {
  return codeForStep(secret, stepOf(at));
}

export function isValidCheckInCode(secret: string, code: string, now: Date): boolean {
  const typed = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(typed)) return false;
  const step = stepOf(now);
  return typed === codeForStep(secret, step) || typed === codeForStep(secret, step - 1);
}

/** Seconds until the code changes. */
export function secondsToNextCode(now: Date): number {
  return STEP_SECONDS - (Math.floor(now.getTime() / 1000) % STEP_SECONDS);
}

export function newCheckInSecret(): string {
  return randomBytes(20).toString("hex");
}
