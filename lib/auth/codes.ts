// Sign-in codes and how Auth.js stores them. Pure, apart from randomness.
import { createHash, randomInt } from "node:crypto";

export const SIGN_IN_MINUTES = 15;

/** Six digits: the token of the magic link is also the code people type. */
export function generateSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** What a person typed: spaces and dashes between the digits are fine. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** The hash Auth.js keeps in verification_tokens.token (sha256 of token + secret, hex). */
export function hashVerificationToken(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
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
