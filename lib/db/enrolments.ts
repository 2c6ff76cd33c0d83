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
          cohortId: cohort.id,
          before: existing ? { status: existing.status } : undefined,
          after: { status, cohortId: cohort.id },
        });
      }
      return { outcome, cohort: { name: cohort.name, slug: cohort.slug } };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/**
 * What pressing Enrol (or Request a place) would come to now, for the signed-in person or
 * (userId null) for anyone new, without writing anything: the invite page and the cohort's
 * page say at once when a cohort is full, closed or by invitation only, rather than after
 * someone has signed in and filled in a profile. The press itself decides again, locked.
 */
export async function previewEnrolment(
  db: Db,
  where: { inviteCode: string } | { slug: string },
  userId: string | null,
  now = new Date(),
): Promise<EnrolmentOutcome | "invalid-code"> {
  const cohort = await db.cohort.findUnique({
    where,
    select: {
      id: true,
      capacity: true,
      enrolmentMode: true,
      enrolmentOpensAt: true,
      enrolmentClosesAt: true,
      archivedAt: true,
    },
  });
  if (!cohort) return "invalid-code";
  const [activeCount, existing] = await Promise.all([
    db.enrolment.count({ where: { cohortId: cohort.id, status: "ACTIVE" } }),
    userId
      ? db.enrolment.findUnique({
          where: { userId_cohortId: { userId, cohortId: cohort.id } },
          select: { status: true },
        })
      : null,
  ]);
  return decideEnrolment({ cohort, activeCount, existing: existing?.status ?? null, now });
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
    await recordAudit(tx, { action: "cohort.invite_rotate", actorId, entity: "cohort", entityId: cohortId, cohortId });
    return true;
  });
}
