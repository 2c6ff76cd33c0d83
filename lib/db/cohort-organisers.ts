// Organisers and the cohorts they manage. An admin assigns an organiser to a cohort; the
// organiser then manages that cohort (every tab of it) and no other. Assigning someone who
// is a participant makes them an organiser; an admin manages every cohort already.
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "./audit";
import type { Db } from "./client";

type Tx = Prisma.TransactionClient;

/** Whether the user is an organiser assigned to the cohort (their role is checked by the caller). */
export async function organisesCohort(db: Db | Tx, userId: string, cohortId: string): Promise<boolean> {
  const row = await db.cohortOrganiser.findUnique({
    where: { cohortId_userId: { cohortId, userId } },
    select: { userId: true },
  });
  return row !== null;
}

/**
 * Whether the user may manage the cohort: an admin always, an organiser if assigned to it.
 * Read inside a transaction, it decides with the rows that transaction sees.
 */
export async function managesCohort(db: Db | Tx, userId: string, cohortId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (user?.role === "ADMIN") return true;
  return user?.role === "ORGANISER" && (await organisesCohort(db, userId, cohortId));
}

/** A cohort's organisers, for the admin's list on the cohort's page. */
export function listCohortOrganisers(db: Db, cohortId: string) {
  return db.cohortOrganiser.findMany({
    where: { cohortId },
    orderBy: { assignedAt: "asc" },
    select: {
      assignedAt: true,
      user: { select: { id: true, email: true, name: true, role: true } },
      assignedBy: { select: { email: true, name: true } },
    },
  });
}

export type AssignResult =
  | { ok: true; promoted: boolean }
  | { ok: false; error: "no-account" | "is-admin" | "already" | "erased" | "cohort-not-found" };

/**
 * Assigns the person with this e-mail address to organise the cohort, audit-logged. They
 * need an account (they signed in once, or a roster made one). A participant becomes an
 * organiser (their role change is logged too); an admin is refused, since they manage every
 * cohort already.
 */
export function assignOrganiser(db: Db, adminId: string, cohortId: string, email: string): Promise<AssignResult> {
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.findUnique({ where: { id: cohortId }, select: { id: true } });
    if (!cohort) return { ok: false, error: "cohort-not-found" };
    // The person's row is locked before their role is read: a role change made meanwhile
    // (say, to admin) is waited for and seen, never overwritten by the promotion below.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM users WHERE email = ${email.toLowerCase()} FOR UPDATE`;
    if (!locked) return { ok: false, error: "no-account" };
    const user = await tx.user.findUniqueOrThrow({
      where: { id: locked.id },
      select: { id: true, email: true, role: true, erasedAt: true },
    });
    if (user.erasedAt) return { ok: false, error: "erased" };
    if (user.role === "ADMIN") return { ok: false, error: "is-admin" };
    const inserted = await tx.cohortOrganiser.createMany({
      data: [{ cohortId, userId: user.id, assignedById: adminId }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return { ok: false, error: "already" };
    const promoted = user.role === "PARTICIPANT";
    if (promoted) {
      await tx.user.update({ where: { id: user.id }, data: { role: "ORGANISER" } });
      await recordAudit(tx, {
        action: "user.role_changed",
        actorId: adminId,
        subject: user.email,
        entity: "user",
        entityId: user.id,
        before: { role: user.role },
        after: { role: "ORGANISER" },
      });
    }
    await recordAudit(tx, {
      action: "cohort.organiser_assigned",
      actorId: adminId,
      subject: user.email,
      entity: "user",
      entityId: user.id,
      cohortId,
    });
    return { ok: true, promoted };
  });
}

/** Ends an organiser's assignment to the cohort, audit-logged. Their role stays as it is. */
export function removeOrganiser(db: Db, adminId: string, cohortId: string, userId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const removed = await tx.cohortOrganiser.deleteMany({ where: { cohortId, userId } });
    if (removed.count === 0) return false;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    await recordAudit(tx, {
      action: "cohort.organiser_removed",
      actorId: adminId,
      subject: user?.email ?? null,
      entity: "user",
      entityId: userId,
      cohortId,
    });
    return true;
  });
}
