// Admins' passkeys, the challenges handed to a session, and the session's passkey check.
// Every function takes the acting user (or session) and scopes its `where` to it.
import { z } from "zod";
import { removalNeedsCheck, type ChallengePurpose } from "@/lib/domain/passkeys";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { checkedRows, sql, ZIdRow } from "./sql";

export type StoredPasskey = {
  id: string;
  credentialId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
};

/** The user's passkeys as the security page lists them, oldest first. */
export function listPasskeys(db: Db, userId: string) {
  return db.passkey.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, credentialId: true, transports: true },
  });
}

export function countPasskeys(db: Db, userId: string) {
  return db.passkey.count({ where: { userId } });
}

/** One of the user's passkeys by the credential id an authenticator answered with; another user's is none. */
export async function findUserPasskey(db: Db, userId: string, credentialId: string): Promise<StoredPasskey | null> {
  const row = await db.passkey.findFirst({ where: { userId, credentialId } });
  if (!row) return null;
  return {
    id: row.id,
    credentialId: row.credentialId,
    publicKey: new Uint8Array(row.publicKey),
    counter: Number(row.counter),
    transports: row.transports,
  };
}

/** Hands the session a new challenge for `purpose`, replacing any earlier one of the same purpose. */
export async function storeChallenge(
  db: Db,
  c: { sessionToken: string; purpose: ChallengePurpose; challenge: string; expiresAt: Date },
) {
  await db.passkeyChallenge.upsert({
    where: { sessionToken_purpose: { sessionToken: c.sessionToken, purpose: c.purpose } },
    create: c,
    update: { challenge: c.challenge, expiresAt: c.expiresAt },
  });
}

const ZChallengeRow = z.strictObject({ challenge: z.string(), expires_at: z.date() });

/**
 * Takes the session's challenge for `purpose`: removed in the same statement that reads it,
 * so that it answers one ceremony only, even when two requests race. Null when there is
 * none or it has expired.
 */
export async function consumeChallenge(
  db: Db,
  sessionToken: string,
  purpose: ChallengePurpose,
  now = new Date(),
): Promise<string | null> {
  const [row] = await sql(db).rows(ZChallengeRow)`DELETE FROM passkey_challenges
    WHERE session_token = ${sessionToken} AND purpose = ${purpose} RETURNING challenge, expires_at`;
  return row && row.expires_at > now ? row.challenge : null;
}

const ZPendingRow = z.strictObject({ passkeys: z.number(), second_factor_at: z.date().nullable() });

/** What the passkey rule needs of a session: the user's passkey count and when the session passed its check. */
export async function sessionPasskeyState(db: Db, sessionToken: string, userId: string) {
  const [row] = await sql(db).rows(ZPendingRow)`SELECT
      (SELECT count(*)::int FROM passkeys WHERE user_id = ${userId}) AS passkeys,
      (SELECT second_factor_at FROM sessions WHERE session_token = ${sessionToken} AND user_id = ${userId}) AS second_factor_at`;
  return { passkeys: row?.passkeys ?? 0, secondFactorAt: row?.second_factor_at ?? null };
}

/** A passkey the admin has just registered; the session that registered it counts as checked. */
export async function addPasskey(
  db: Db,
  p: {
    userId: string;
    sessionToken: string;
    credentialId: string;
    publicKey: Uint8Array;
    counter: number;
    transports: string[];
    name: string;
  },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const created = await tx.passkey.create({
      data: {
        userId: p.userId,
        credentialId: p.credentialId,
        publicKey: Buffer.from(p.publicKey),
        counter: BigInt(p.counter),
        transports: p.transports,
        name: p.name,
      },
      select: { id: true, name: true },
    });
    await tx.session.updateMany({
      where: { sessionToken: p.sessionToken, userId: p.userId },
      data: { secondFactorAt: now },
    });
    await recordAudit(tx, {
      action: "auth.passkey_registered",
      actorId: p.userId,
      entity: "Passkey",
      entityId: created.id,
      after: { name: created.name },
    });
    return created;
  });
}

/** A passkey check passed: the counter moves on, and the session may use the admin pages. */
export async function recordPasskeyCheck(
  db: Db,
  c: { userId: string; sessionToken: string; passkeyId: string; counter: number; markSession: boolean },
  now = new Date(),
) {
  await db.$transaction(async (tx) => {
    await tx.passkey.update({
      where: { id: c.passkeyId, userId: c.userId },
      data: { counter: BigInt(c.counter), lastUsedAt: now },
    });
    if (c.markSession)
      await tx.session.updateMany({
        where: { sessionToken: c.sessionToken, userId: c.userId },
        data: { secondFactorAt: now },
      });
    await recordAudit(tx, {
      action: "auth.passkey_verified",
      actorId: c.userId,
      entity: "Passkey",
      entityId: c.passkeyId,
    });
  });
}

/** Renames one of the user's passkeys; false when it is not theirs. */
export async function renamePasskey(db: Db, userId: string, id: string, name: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const before = await tx.passkey.findFirst({ where: { id, userId }, select: { name: true } });
    if (!before) return false;
    await tx.passkey.update({ where: { id }, data: { name } });
    await recordAudit(tx, {
      action: "auth.passkey_renamed",
      actorId: userId,
      entity: "Passkey",
      entityId: id,
      before: { name: before.name },
      after: { name },
    });
    return true;
  });
}

/**
 * Removes one of the user's passkeys. Removing the last one needs a passkey check made for
 * the removal (`checked`); the user's rows are locked first, so that two removals racing
 * cannot each leave one behind and together leave none.
 */
export async function removePasskey(
  db: Db,
  r: { userId: string; id: string; checked: boolean },
): Promise<"removed" | "not-found" | "needs-check"> {
  return db.$transaction(async (tx) => {
    const rows = checkedRows(
      ZIdRow,
      await tx.$queryRaw`SELECT id FROM passkeys WHERE user_id = ${r.userId} ORDER BY id FOR UPDATE`,
    );
    const gone = await tx.passkey.findFirst({ where: { id: r.id, userId: r.userId }, select: { name: true } });
    if (!gone) return "not-found";
    if (removalNeedsCheck(rows.length) && !r.checked) return "needs-check";
    await tx.passkey.delete({ where: { id: r.id } });
    await recordAudit(tx, {
      action: "auth.passkey_removed",
      actorId: r.userId,
      entity: "Passkey",
      entityId: r.id,
      before: { name: gone.name },
    });
    return "removed";
  });
}

/** A passkey answer that did not verify (wrong credential, stale challenge, bad signature). */
export function recordPasskeyFailure(db: Db, userId: string, reason: string) {
  return recordAudit(db, { action: "auth.passkey_failed", actorId: userId, after: { reason } });
}
