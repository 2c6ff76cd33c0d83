// Cohort administration. Callers check the role (an admin, or an organiser of the cohort); every change is
// audit-logged with before and after, in the same transaction.
import { Prisma } from "@/generated/prisma/client";
import type { TCohortInput } from "@/lib/schemas/cohort";
import { asJson, recordAudit } from "./audit";
import type { Db } from "./client";
import { isUniqueViolation } from "./errors";

export type CohortWriteResult =
  | { ok: true; id: string }
  | { ok: false; field: "slug"; error: "slug-taken" }
  | { ok: false; field: null; error: "not-found" };

function isNotFound(err: unknown) {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025";
}

/**
 * Every cohort for an admin; for an organiser (`organiserId`), only the cohorts they are
 * assigned to. Each with its count of active places.
 */
export function listCohortsForAdmin(db: Db, organiserId?: string) {
  return db.cohort.findMany({
    ...(organiserId && { where: { organisers: { some: { userId: organiserId } } } }),
    include: { _count: { select: { enrolments: { where: { status: "ACTIVE" } } } } },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { startsOn: "desc" }, { name: "asc" }],
  });
}

export function getCohortForAdmin(db: Db, id: string) {
  return db.cohort.findUnique({ where: { id } });
}

export async function createCohort(db: Db, actorId: string, data: TCohortInput): Promise<CohortWriteResult> {
  try {
    return await db.$transaction(async (tx) => {
      const cohort = await tx.cohort.create({ data });
      await recordAudit(tx, {
        action: "cohort.create",
        actorId,
        entity: "cohort",
        entityId: cohort.id,
        cohortId: cohort.id,
        after: asJson(cohort),
      });
      return { ok: true as const, id: cohort.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "slug", error: "slug-taken" };
    throw err;
  }
}

export async function updateCohort(
  db: Db,
  actorId: string,
  id: string,
  data: TCohortInput,
): Promise<CohortWriteResult> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.cohort.findUniqueOrThrow({ where: { id } });
      const after = await tx.cohort.update({ where: { id }, data });
      await recordAudit(tx, {
        action: "cohort.update",
        actorId,
        entity: "cohort",
        entityId: id,
        cohortId: id,
        before: asJson(before),
        after: asJson(after),
      });
      return { ok: true as const, id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "slug", error: "slug-taken" };
    if (isNotFound(err)) return { ok: false, field: null, error: "not-found" };
    throw err;
  }
}

/** False when there is no such cohort. */
export async function setCohortArchived(db: Db, actorId: string, id: string, archived: boolean): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const before = await tx.cohort.findUnique({ where: { id }, select: { archivedAt: true } });
    if (!before) return false;
    if (Boolean(before.archivedAt) === archived) return true;
    const after = await tx.cohort.update({
      where: { id },
      data: { archivedAt: archived ? new Date() : null },
      select: { archivedAt: true },
    });
    await recordAudit(tx, {
      action: archived ? "cohort.archive" : "cohort.unarchive",
      actorId,
      entity: "cohort",
      entityId: id,
      cohortId: id,
      before: asJson(before),
      after: asJson(after),
    });
    return true;
  });
}
