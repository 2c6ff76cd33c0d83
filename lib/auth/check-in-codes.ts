// The rotating self check-in code: six digits from an HMAC of the session's
// secret and the current 30-second step, like an authenticator app's codes.
// The code of the step before is accepted too, so a code read just before it
// changed still works.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { asciiDigits } from "@/lib/domain/digits";

export const STEP_SECONDS = 30;

const stepOf = (at: Date) => Math.floor(at.getTime() / 1000 / STEP_SECONDS);

function codeForStep(secret: string, step: number): string {
  const digest = createHmac("sha256", secret).update(String(step)).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, "0");
}

export function checkInCode(secret: string, at: Date): string {
  return codeForStep(secret, stepOf(at));
}

/** What a person typed, in ASCII digits (lib/domain/digits.ts), without the spaces between them. */
export function normaliseCheckInCode(code: string): string {
  return asciiDigits(code).replace(/\s+/g, "");
}

export function isValidCheckInCode(secret: string, code: string, now: Date): boolean {
  const typed = normaliseCheckInCode(code);
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

/**
 * How long a code that came with the QR link stays good for the person who opened it:
 * long enough to sign in with an e-mailed code (10 minutes) and complete a profile.
 */
export const CHECK_IN_PASS_MINUTES = 20;

export type CheckInPass = { code: string; seenAt: Date };

const passMac = (key: string, sessionId: string, code: string, seconds: number) =>
  createHmac("sha256", key).update(`check-in-pass\n${sessionId}\n${code}\n${seconds}`).digest("base64url");

/**
 * A pass records, under the server's key, that `code` was presented for the session at
 * `seenAt`. It is carried through sign-in in the return address, so that a phone that
 * opened the QR link before signing in is judged on the code as it stood when scanned.
 * It is made for any code: whether the code was right is decided only when the signed-in
 * person checks in, under the usual limit on tries.
 */
export function signCheckInPass(key: string, sessionId: string, pass: CheckInPass): string {
  const seconds = Math.floor(pass.seenAt.getTime() / 1000);
  return `${pass.code}.${seconds}.${passMac(key, sessionId, pass.code, seconds)}`;
}

/** The pass's code and time, when it was made by this server for this session and is still fresh. */
export function readCheckInPass(key: string, sessionId: string, pass: string, now: Date): CheckInPass | undefined {
  const match = /^(\d{6})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(pass);
  if (!match) return undefined;
  const [, code = "", secondsText = "", mac = ""] = match;
  const seconds = Number(secondsText);
  const expected = Buffer.from(passMac(key, sessionId, code, seconds));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const age = now.getTime() - seconds * 1000;
  if (age < -1000 || age > CHECK_IN_PASS_MINUTES * 60_000) return undefined;
  return { code, seenAt: new Date(seconds * 1000) };
}

/**
 * When `code` counts as seen: when the QR link was opened, if `pass` is good and carries that
 * same code (spaces aside); otherwise now, as for a code typed from the screen.
 */
export function codeSeenAt(key: string, sessionId: string, code: string, pass: string, now: Date): Date {
  const carried = readCheckInPass(key, sessionId, pass, now);
  return carried && carried.code === normaliseCheckInCode(code) ? carried.seenAt : now;
}
