// Issuing, revoking and reissuing certificates. Each change and its audit entry
// commit together; the partial unique index keeps one valid certificate per
// participant and cohort whatever runs at the same time.
import { randomBytes, randomInt } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { buildOpenBadgeCredential, signCredential } from "@/lib/certificates/credential";
import { MIN_STATUS_LIST_BITS } from "@/lib/certificates/status-list";
import {
  certificateCode,
  certificateDue,
  nameChangedSinceIssue,
  type HeldCertificate,
} from "@/lib/domain/certificates";
import { recordAudit } from "./audit";
import { currentTemplateId } from "./certificate-templates";
import { cohortAutoIssues, cohortEligibility, type LectureRef } from "./certificates";
import type { Db } from "./client";
import { isUniqueViolation } from "./errors";
import { signingKeyInUse } from "./issuer-keys";
import { recordNotice } from "./notices";

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
  | { ok: false; error: "not-enrolled" | "not-eligible" | "no-name" | "revoked" };

/**
 * Locks the participant's place in the cohort for the rest of the transaction: issuing and
 * revoking take turns, so an automatic issue that started before a revocation cannot
 * land after it.
 */
async function lockPlace(tx: Tx, userId: string, cohortId: string) {
  await tx.$executeRaw`SELECT 1 FROM enrolments WHERE user_id = ${userId} AND cohort_id = ${cohortId} FOR UPDATE`;
}

const HELD = { id: true, code: true, revokedAt: true, replacedById: true } as const;
const held = (c: { revokedAt: Date | null; replacedById: string | null }): HeldCertificate => ({
  revoked: c.revokedAt !== null,
  replaced: c.replacedById !== null,
});

async function insertCertificate(
  db: Db,
  tx: Tx,
  input: {
    userId: string;
    cohortId: string;
    actorId: string | null;
    context: IssueContext;
    replaces?: string;
    afterRevocation?: boolean;
  },
) {
  const [person, cohort, templateId] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { certificateName: true, nativeName: true } }),
    tx.cohort.findUniqueOrThrow({ where: { id: input.cohortId }, select: { startsOn: true } }),
    // Printed with the cohort's template as it is now (a reissue too), for good.
    currentTemplateId(tx, input.cohortId),
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
  const key = await signingKeyInUse(db, tx);
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
      templateId,
    },
    select: { id: true, code: true },
  });
  await recordAudit(tx, {
    action: input.replaces
      ? "certificate.reissued"
      : input.afterRevocation
        ? "certificate.issued_after_revocation"
        : "certificate.issued",
    actorId: input.actorId,
    entity: "Certificate",
    entityId: created.id,
    cohortId: input.cohortId,
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
  await recordNotice(tx, {
    userId: input.userId,
    cohortId: input.cohortId,
    kind: "certificate.issued",
    data: { certificateId: created.id, code: created.code, issuedAt: issuedAt.toISOString() },
  });
  return created;
}

/**
 * Issues the participant's certificate if they are due one (lib/domain/certificates.ts
 * certificateDue). `actorId` null: issued automatically. Idempotent: a valid certificate
 * is returned as it is. After an organiser revoked their certificate nobody is due one,
 * unless an organiser issues again on purpose (`afterRevocation`).
 */
export async function issueCertificate(
  db: Db,
  input: { userId: string; cohortId: string; actorId: string | null; context: IssueContext; afterRevocation?: boolean },
): Promise<IssueResult> {
  const eligibility = (
    await cohortEligibility(db, input.cohortId, input.context.lectures, { userIds: [input.userId] })
  ).get(input.userId);
  if (!eligibility) return { ok: false, error: "not-enrolled" };
  return issueIfDue(db, { ...input, eligible: eligibility.eligible });
}

/** Issues when due, given the participant's eligibility as just computed. */
async function issueIfDue(
  db: Db,
  input: {
    userId: string;
    cohortId: string;
    actorId: string | null;
    context: IssueContext;
    eligible: boolean;
    afterRevocation?: boolean;
  },
): Promise<IssueResult> {
  for (let tries = 0; ; tries++) {
    try {
      return await db.$transaction(async (tx): Promise<IssueResult> => {
        await lockPlace(tx, input.userId, input.cohortId);
        const [certificates, person] = await Promise.all([
          tx.certificate.findMany({ where: { userId: input.userId, cohortId: input.cohortId }, select: HELD }),
          tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { certificateName: true } }),
        ]);
        const due = certificateDue({
          eligible: input.eligible,
          certificateName: person.certificateName,
          certificates: certificates.map(held),
          afterRevocation: input.afterRevocation,
        });
        if (!due.due) {
          const valid = certificates.find((c) => c.revokedAt === null);
          return valid
            ? { ok: true, created: false, certificate: { id: valid.id, code: valid.code } }
            : { ok: false, error: due.reason === "held" ? "not-eligible" : due.reason };
        }
        const created = await insertCertificate(db, tx, input);
        return created ? { ok: true, created: true, certificate: created } : { ok: false, error: "no-name" };
      });
    } catch (err) {
      // The code or status position was taken: look again.
      if (!isUniqueViolation(err) || tries >= 5) throw err;
    }
  }
}

export const SKIP_REASONS = ["no-name", "revoked", "not-eligible"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export type Skipped = { userId: string; email: string; reason: SkipReason };
export type BulkProgress = { done: number; total: number; issued: number };

/** Each active participant's standing for issuing (lib/domain/certificates.ts certificateDue), in a few queries. */
async function cohortDue(db: Db, cohortId: string, context: IssueContext, userIds?: readonly string[]) {
  const users = userIds ? { in: [...userIds] } : undefined;
  const [eligibility, certificates, people] = await Promise.all([
    cohortEligibility(db, cohortId, context.lectures, { userIds }),
    db.certificate.findMany({ where: { cohortId, userId: users }, select: { userId: true, ...HELD } }),
    db.enrolment.findMany({
      where: { cohortId, status: "ACTIVE", userId: users },
      orderBy: { user: { email: "asc" } },
      select: { user: { select: { id: true, email: true, certificateName: true } } },
    }),
  ]);
  const byUser = new Map<string, typeof certificates>();
  for (const c of certificates) byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), c]);
  return people.flatMap(({ user }) => {
    const e = eligibility.get(user.id);
    if (!e) return [];
    const due = certificateDue({
      eligible: e.eligible,
      certificateName: user.certificateName,
      certificates: (byUser.get(user.id) ?? []).map(held),
    });
    return [{ userId: user.id, email: user.email, eligible: e.eligible, due }];
  });
}

/**
 * Admin: issues to every participant of the cohort who is due a certificate, one at a
 * time, reporting how many were issued so far. Returns the counts and who was skipped
 * and why (no certificate name, revoked by an organiser, not eligible).
 */
export async function issueCohortCertificates(
  db: Db,
  actorId: string | null,
  cohortId: string,
  context: IssueContext,
  onProgress?: (p: BulkProgress) => void | Promise<void>,
) {
  const standing = await cohortDue(db, cohortId, context);
  const due = standing.filter((p) => p.due.due);
  const skipped: Skipped[] = standing.flatMap((p) =>
    !p.due.due && p.due.reason !== "held" ? [{ userId: p.userId, email: p.email, reason: p.due.reason }] : [],
  );
  let issued = 0;
  await onProgress?.({ done: 0, total: due.length, issued });
  for (const [i, p] of due.entries()) {
    const result = await issueIfDue(db, { userId: p.userId, cohortId, actorId, context, eligible: p.eligible });
    if (result.ok && result.created) issued++;
    // Something changed since the list was made (a name removed, a revocation): say so.
    if (!result.ok && result.error !== "not-enrolled")
      skipped.push({ userId: p.userId, email: p.email, reason: result.error });
    await onProgress?.({ done: i + 1, total: due.length, issued });
  }
  return {
    eligible: standing.filter((p) => p.eligible).length,
    participants: standing.length,
    issued,
    noName: skipped.filter((s) => s.reason === "no-name").length,
    alreadyHeld: standing.filter((p) => !p.due.due && p.due.reason === "held").length,
    skipped,
  };
}

/**
 * Admin: issues a certificate to one participant whose certificate an organiser revoked,
 * on purpose. Refused when they hold a valid one or do not meet the rule.
 */
export function issueAfterRevocation(
  db: Db,
  input: { actorId: string; userId: string; cohortId: string; context: IssueContext },
) {
  return issueCertificate(db, { ...input, afterRevocation: true });
}

/** Admin: revokes a valid certificate. False when there is no such valid certificate. */
export async function revokeCertificate(
  db: Db,
  actorId: string,
  certificateId: string,
  reason: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const target = await tx.certificate.findUnique({
      where: { id: certificateId },
      select: { userId: true, cohortId: true },
    });
    if (!target) return false;
    await lockPlace(tx, target.userId, target.cohortId);
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
      cohortId: target.cohortId,
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
 * Issues to those of `userIds` who are now due a certificate, when the cohort issues
 * automatically. Called after whatever may have made someone eligible (a quiz passed,
 * attendance marked, a rule saved); never brings back a certificate an organiser revoked.
 */
/** The ids of the cohort's active participants: whom a cohort-wide automatic issuing considers. */
export async function activeParticipantIds(db: Db, cohortId: string): Promise<string[]> {
  const rows = await db.enrolment.findMany({ where: { cohortId, status: "ACTIVE" }, select: { userId: true } });
  return rows.map((e) => e.userId);
}

export async function autoIssueCertificates(
  db: Db,
  cohortId: string,
  userIds: readonly string[],
  context: IssueContext,
): Promise<number> {
  if (userIds.length === 0) return 0;
  if (!(await cohortAutoIssues(db, cohortId))) return 0;
  let issued = 0;
  for (const p of await cohortDue(db, cohortId, context, userIds)) {
    if (!p.due.due) continue;
    const result = await issueIfDue(db, { userId: p.userId, cohortId, actorId: null, context, eligible: p.eligible });
    if (result.ok && result.created) issued++;
  }
  return issued;
}
