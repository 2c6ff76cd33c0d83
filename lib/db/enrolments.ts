// Enrolment through a cohort's invite link or its public listing. The cohort row is locked for the
// length of the decision, so concurrent requests cannot overfill it.
import { randomBytes } from "node:crypto";
import { decideEnrolment, WRITES, type EnrolmentOutcome } from "@/lib/domain/enrolment";
import { recordAudit } from "./audit";
import type { Db } from "./client";

export type EnrolResult = { outcome: EnrolmentOutcome | "invalid-code"; cohort?: { name: string; slug: string } };

/** What the invite page may show to anyone holding the link. */
export function getInvitation(db: Db, code: string) {
  return db.cohort.findUnique({
    where: { inviteCode: code },
    select: {
      name: true,
      slug: true,
      description: true,
      timeZone: true,
      startsOn: true,
      endsOn: true,
      enrolmentMode: true,
      enrolmentOpensAt: true,
      enrolmentClosesAt: true,
      archivedAt: true,
    },
  });
}

export function enrolWithInvite(db: Db, userId: string, code: string, now = new Date()): Promise<EnrolResult> {
  return enrolIn(db, userId, { inviteCode: code }, now);
}

/**
 * Enrolment from a cohort's public listing (the Enrol / Request a place button of the
 * landing page): the same rules as the invite link, so an invitation-only cohort refuses.
 */
export function enrolFromListing(db: Db, userId: string, slug: string, now = new Date()): Promise<EnrolResult> {
  return enrolIn(db, userId, { slug }, now);
}

async function enrolIn(
  db: Db,
  userId: string,
  where: { inviteCode: string } | { slug: string },
  now: Date,
): Promise<EnrolResult> {
  return db.$transaction(
    async (tx) => {
      const cohort = await tx.cohort.findUnique({ where });
      if (!cohort) return { outcome: "invalid-code" as const };
      await tx.$executeRaw`SELECT 1 FROM cohorts WHERE id = ${cohort.id} FOR UPDATE`;
      const existing = await tx.enrolment.findUnique({ where: { userId_cohortId: { userId, cohortId: cohort.id } } });
      const activeCount = await tx.enrolment.count({ where: { cohortId: cohort.id, status: "ACTIVE" } });
      const outcome = decideEnrolment({ cohort, activeCount, existing: existing?.status ?? null, now });
      const status = WRITES[outcome];
      if (status) {
        const after = await tx.enrolment.upsert({
          where: { userId_cohortId: { userId, cohortId: cohort.id } },
          create: { userId, cohortId: cohort.id, status },
          update: { status },
        });
        await recordAudit(tx, {
          action: "enrolment.create",
          actorId: userId,
          entity: "enrolment",
          entityId: after.id,
          before: existing ? { status: existing.status } : undefined,
          after: { status, cohortId: cohort.id },
        });
      }
      return { outcome, cohort: { name: cohort.name, slug: cohort.slug } };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/** The acting user's own cohorts. */
export function listOwnEnrolments(db: Db, userId: string) {
  return db.enrolment.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { status: true, cohort: { select: { name: true, startsOn: true, endsOn: true, timeZone: true } } },
  });
}

/** A new invite code: links carrying the old one stop working at once. */
export async function rotateInviteCode(db: Db, actorId: string, cohortId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const found = await tx.cohort.findUnique({ where: { id: cohortId }, select: { id: true } });
    if (!found) return false;
    await tx.cohort.update({ where: { id: cohortId }, data: { inviteCode: randomBytes(16).toString("hex") } });
    await recordAudit(tx, { action: "cohort.invite_rotate", actorId, entity: "cohort", entityId: cohortId });
    return true;
  });
}
