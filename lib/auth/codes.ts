// Sign-in secrets and how they are stored. Pure, apart from randomness.
// An e-mail carries two: a link with a long random token (Auth.js verifies it at
// /api/auth/callback/nodemailer) and a separate 6-digit code typed on the check-email
// page, which has few tries. Neither is stored in the clear.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { asciiDigits } from "@/lib/domain/digits";

/** How long a sign-in link and its code work. */
export const SIGN_IN_MINUTES = 10;
/** Wrong codes before the code stops working. */
export const CODE_TRIES = 5;

/** Six digits, leading zeros kept. */
export function generateSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** 256 random bits, base64url: the secret in the sign-in link. */
export function generateLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** 256 random bits, base64url: the value of the session cookie. */
export function generateSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What a person typed, in ASCII digits (lib/domain/digits.ts): spaces and dashes between the digits are fine. */
export function normaliseCode(input: string): string {
  return asciiDigits(input).replace(/[\s-]/g, "");
}

/** The hash Auth.js keeps in verification_tokens.token (sha256 of token + secret, hex). */
export function hashVerificationToken(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

/** The stored form of a 6-digit code: keyed by the server's secret and bound to the address. */
export function hashSignInCode(email: string, code: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(`${email.toLowerCase()}\n${normaliseCode(code)}`)
    .digest("hex");
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The path, query and hash of a URL: what stays when a redirect must not leave the site. */
export function toLocalPath(url: string): string {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return "/";
  }
}

/**
 * The address and token of a sign-in link's query, or undefined when either is missing,
 * empty or given more than once: Auth.js reads the last of repeated parameters, so a guard
 * that read another one would count guesses against a different address than the one checked.
 */
export function readLinkQuery(query: URLSearchParams): { email: string; token: string } | undefined {
  const emails = query.getAll("email");
  const tokens = query.getAll("token");
  if (emails.length !== 1 || tokens.length !== 1 || query.getAll("callbackUrl").length > 1) return undefined;
  const email = emails[0]!.trim().toLowerCase();
  const token = tokens[0]!.trim();
  if (!email || !token) return undefined;
  return { email, token };
}
