import type { Db } from "./client";

export function deleteSignInTokens(db: Db, email: string) {
  return db.verificationToken.deleteMany({ where: { identifier: email.toLowerCase() } });
}

export function createSignInToken(db: Db, email: string, tokenHash: string, expires: Date) {
  return db.verificationToken.create({ data: { identifier: email.toLowerCase(), token: tokenHash, expires } });
}
