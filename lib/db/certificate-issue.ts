// Issuing, revoking and reissuing certificates. Each change and its audit entry
// commit together; the partial unique index keeps one valid certificate per
// participant and cohort whatever runs at the same time.
import { randomBytes, randomInt } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { buildOpenBadgeCredential, signCredential } from "@/lib/certificates/credential";
import { MIN_STATUS_LIST_BITS } from "@/lib/certificates/status-list";
import { certificateCode, nameChangedSinceIssue } from "@/lib/domain/certificates";
import { recordAudit } from "./audit";
import { cohortAutoIssues, cohortEligibility, type LectureRef } from "./certificates";
import type { Db } from "./client";
import { isUniqueViolation } from "./errors";
import { signingKey } from "./issuer-keys";

type Tx = Prisma.TransactionClient;

/** What every credential of this deployment says about the issuer and the achievement. */
export type IssueContext = {
  origin: string;
  issuerName: string;
  achievement: { name: string; description: string; criteria: string };
  lectures: readonly LectureRef[];
};

export type IssueResult =
  | { ok: true; created: boolean; certificate: { id: string; code: string } }
  | { ok: false; error: "not-enrolled" | "not-eligible" | "no-name" };

async function insertCertificate(
  db: Db,
  tx: Tx,
  input: { userId: string; cohortId: string; actorId: string | null; context: IssueContext; replaces?: string },
) {
  const [person, cohort] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { certificateName: true, nativeName: true } }),
    tx.cohort.findUniqueOrThrow({ where: { id: input.cohortId }, select: { startsOn: true } }),
  ]);
  const name = person.certificateName?.trim();
  if (!name) return null;
  const nativeName = person.nativeName?.trim() || null;
  // Random (the status list spec's advice): sequential positions would tell the order of issue.
  // A position already taken fails the unique index, and the caller tries again.
  const statusIndex = randomInt(0, MIN_STATUS_LIST_BITS);
  const code = certificateCode(cohort.startsOn.getUTCFullYear(), randomBytes(5));
  const issuedAt = new Date();
  const { context } = input;
  const key = await signingKey(db);
  const credential = await signCredential(
    buildOpenBadgeCredential({
      origin: context.origin,
      code,
      issuedAt,
      name,
      nativeName,
      statusIndex,
      achievement: context.achievement,
      issuerName: context.issuerName,
    }),
    key.privateJwk,
  );
  const created = await tx.certificate.create({
    data: {
      code,
      userId: input.userId,
      cohortId: input.cohortId,
      name,
      nativeName,
      issuedAt,
      issuedById: input.actorId,
      statusIndex,
      credential,
    },
    select: { id: true, code: true },
  });
  await recordAudit(tx, {
    action: input.replaces ? "certificate.reissued" : "certificate.issued",
    actorId: input.actorId,
    entity: "Certificate",
    entityId: created.id,
    after: {
      code,
      name,
      nativeName,
      cohortId: input.cohortId,
      userId: input.userId,
      replaces: input.replaces ?? null,
      automatic: input.actorId === null,
    },
  });
  return created;
}

/**
 * Issues the participant's certificate if they meet the cohort's rule and have none valid.
 * `actorId` null: issued automatically. Idempotent: a valid certificate is returned as it is.
 */
export async function issueCertificate(
  db: Db,
  input: { userId: string; cohortId: string; actorId: string | null; context: IssueContext },
): Promise<IssueResult> {
  const eligibility = (
    await cohortEligibility(db, input.cohortId, input.context.lectures, { userIds: [input.userId] })
  ).get(input.userId);
  if (!eligibility) return { ok: false, error: "not-enrolled" };
  if (!eligibility.eligible) return { ok: false, error: "not-eligible" };
  for (let tries = 0; ; tries++) {
    const valid = await db.certificate.findFirst({
      where: { userId: input.userId, cohortId: input.cohortId, revokedAt: null },
      select: { id: true, code: true },
    });
    if (valid) return { ok: true, created: false, certificate: valid };
    try {
      const created = await db.$transaction((tx) => insertCertificate(db, tx, input));
      return created ? { ok: true, created: true, certificate: created } : { ok: false, error: "no-name" };
    } catch (err) {
      // Someone else issued it meanwhile, or the code or status position was taken: look again.
      if (!isUniqueViolation(err) || tries >= 5) throw err;
    }
  }
}

/**
 * Admin: issues to every eligible participant of the cohort without a valid certificate,
 * one at a time, reporting progress. Returns the counts.
 */
export async function issueCohortCertificates(
  db: Db,
  actorId: string,
  cohortId: string,
  context: IssueContext,
  onProgress?: (p: { done: number; total: number; issued: number }) => void | Promise<void>,
) {
  const eligibility = await cohortEligibility(db, cohortId, context.lectures);
  const holders = new Set(
    (await db.certificate.findMany({ where: { cohortId, revokedAt: null }, select: { userId: true } })).map(
      (c) => c.userId,
    ),
  );
  const due = [...eligibility].filter(([userId, e]) => e.eligible && !holders.has(userId)).map(([userId]) => userId);
  let issued = 0;
  let noName = 0;
  await onProgress?.({ done: 0, total: due.length, issued });
  for (const [i, userId] of due.entries()) {
    const result = await issueCertificate(db, { userId, cohortId, actorId, context });
    if (result.ok && result.created) issued++;
    if (!result.ok && result.error === "no-name") noName++;
    await onProgress?.({ done: i + 1, total: due.length, issued });
  }
  return {
    eligible: [...eligibility.values()].filter((e) => e.eligible).length,
    participants: eligibility.size,
    issued,
    noName,
    alreadyHeld: holders.size,
  };
}

/** Admin: revokes a valid certificate. False when there is no such valid certificate. */
export async function revokeCertificate(
  db: Db,
  actorId: string,
  certificateId: string,
  reason: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.certificate.updateMany({
      where: { id: certificateId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason, revokedById: actorId },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      action: "certificate.revoked",
      actorId,
      entity: "Certificate",
      entityId: certificateId,
      before: { revoked: false },
      after: { revoked: true, reason },
    });
    return true;
  });
}

export const REPLACED_REASON = "Replaced by a corrected certificate";

/**
 * Admin: after a name correction, replaces a valid certificate with a new one carrying the
 * profile's current names; the old one is revoked and points to its replacement. Refused
 * ("name-unchanged") when the names it would print are those it already carries.
 */
export async function reissueCertificate(db: Db, actorId: string, certificateId: string, context: IssueContext) {
  for (let tries = 0; ; tries++) {
    try {
      return await reissueOnce(db, actorId, certificateId, context);
    } catch (err) {
      // A random status position (or code) already taken: the transaction rolled back, try again.
      if (!isUniqueViolation(err) || tries >= 5) throw err;
    }
  }
}

function reissueOnce(db: Db, actorId: string, certificateId: string, context: IssueContext) {
  return db.$transaction(async (tx) => {
    const old = await tx.certificate.findFirst({
      where: { id: certificateId, revokedAt: null },
      select: { id: true, userId: true, cohortId: true, name: true, nativeName: true },
    });
    if (!old) return { ok: false as const, error: "not-found" as const };
    const person = await tx.user.findUniqueOrThrow({
      where: { id: old.userId },
      select: { certificateName: true, nativeName: true },
    });
    if (!person.certificateName?.trim()) return { ok: false as const, error: "no-name" as const };
    // Replacing a certificate whose names would print the same only revokes a good one.
    if (!nameChangedSinceIssue(old, person)) return { ok: false as const, error: "name-unchanged" as const };
    await tx.certificate.update({
      where: { id: old.id },
      data: { revokedAt: new Date(), revokedReason: REPLACED_REASON, revokedById: actorId },
    });
    const created = await insertCertificate(db, tx, {
      userId: old.userId,
      cohortId: old.cohortId,
      actorId,
      context,
      replaces: old.id,
    });
    if (!created) throw new Error("unreachable: the certificate name was checked above");
    await tx.certificate.update({ where: { id: old.id }, data: { replacedById: created.id } });
    return { ok: true as const, certificate: created };
  });
}

/**
 * Issues to those of `userIds` who now meet the rule, when the cohort issues automatically.
 * Called after whatever may have made someone eligible (a quiz passed, attendance marked).
 */
export async function autoIssueCertificates(
  db: Db,
  cohortId: string,
  userIds: readonly string[],
  context: IssueContext,
): Promise<number> {
  if (userIds.length === 0) return 0;
  if (!(await cohortAutoIssues(db, cohortId))) return 0;
  const eligibility = await cohortEligibility(db, cohortId, context.lectures, { userIds });
  const holders = new Set(
    (
      await db.certificate.findMany({
        where: { cohortId, revokedAt: null, userId: { in: [...userIds] } },
        select: { userId: true },
      })
    ).map((c) => c.userId),
  );
  let issued = 0;
  for (const [userId, e] of eligibility) {
    if (!e.eligible || holders.has(userId)) continue;
    const result = await issueCertificate(db, { userId, cohortId, actorId: null, context });
    if (result.ok && result.created) issued++;
  }
  return issued;
}
