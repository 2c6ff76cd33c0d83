// Sign-in secrets: the link's token (Auth.js's verification_tokens, which Auth.js
// consumes at its callback) and the 6-digit code (sign_in_codes, checked by the app).
// Both are stored hashed; an address has at most one live pair.
import type { Db } from "./client";

/** Forgets every pending link and code of the address. */
export async function deleteSignInTokens(db: Db, email: string) {
  const identifier = email.toLowerCase();
  await db.$transaction([
    db.verificationToken.deleteMany({ where: { identifier } }),
    db.signInCode.deleteMany({ where: { email: identifier } }),
  ]);
}

/** A link token on its own (the admin's one-time link that `npm start` prints). */
export function createSignInToken(db: Db, email: string, tokenHash: string, expires: Date) {
  return db.verificationToken.create({ data: { identifier: email.toLowerCase(), token: tokenHash, expires } });
}

/** The address's new link and code, replacing every earlier one, in one transaction. */
export async function replaceSignInSecrets(
  db: Db,
  input: { email: string; linkTokenHash: string; codeHash: string; expires: Date },
) {
  const email = input.email.toLowerCase();
  await db.$transaction([
    db.verificationToken.deleteMany({ where: { identifier: email } }),
    db.signInCode.deleteMany({ where: { email } }),
    db.verificationToken.create({ data: { identifier: email, token: input.linkTokenHash, expires: input.expires } }),
    db.signInCode.create({ data: { email, codeHash: input.codeHash, expires: input.expires } }),
  ]);
}

/** A wrong code says how many tries remain, so the page can tell the person. */
export type CodeCheck = { result: "ok" | "locked" | "invalid" } | { result: "wrong"; triesLeft: number };

/**
 * Checks a typed code against the address's live code. Each check uses up one of `tries`
 * first (one statement, so concurrent guesses cannot exceed it); the right code deletes the
 * code, and the last wrong one deletes the code and the link with it.
 */
export async function checkSignInCode(
  db: Db,
  input: { email: string; matches: (storedHash: string) => boolean; tries: number },
  now = new Date(),
): Promise<CodeCheck> {
  const email = input.email.toLowerCase();
  const [row] = await db.signInCode.updateManyAndReturn({
    where: { email, attempts: { lt: input.tries }, expires: { gt: now } },
    data: { attempts: { increment: 1 } },
    select: { codeHash: true, attempts: true },
  });
  if (!row) return { result: "invalid" };
  if (input.matches(row.codeHash)) {
    const { count } = await db.signInCode.deleteMany({ where: { email, codeHash: row.codeHash } });
    return { result: count === 1 ? "ok" : "invalid" };
  }
  if (row.attempts >= input.tries) {
    await deleteSignInTokens(db, email);
    return { result: "locked" };
  }
  return { result: "wrong", triesLeft: input.tries - row.attempts };
}
