// Admins' work on enrolments: the list of a cohort's people, and approve,
// reject, withdraw, reinstate and move. Callers check the role. Each change
// locks the cohort rows it touches (so capacity holds) and is audit-logged
// with before and after in the same transaction.
import { decideAdminChange, type AdminChange, type EnrolmentAction } from "@/lib/domain/enrolment";
import { PAGE_SIZE } from "@/lib/domain/paging";
import type { Prisma } from "@/generated/prisma/client";
import type { EnrolmentStatus } from "@/generated/prisma/enums";
import { enrolmentNotice } from "@/lib/domain/notices";
import { recordAudit } from "./audit";
import { managesCohort } from "./cohort-organisers";
import type { Db } from "./client";
import { recordNotice } from "./notices";
import { checkedRows, ZIdRow } from "./sql";

/** One page of a cohort's people, filtered by status and by a search on name or e-mail. */
export async function listCohortEnrolments(
  db: Db,
  cohortId: string,
  filter: { status?: EnrolmentStatus; query?: string; page?: number } = {},
) {
  const q = filter.query?.trim();
  const where = {
    cohortId,
    status: filter.status,
    ...(q
      ? {
          user: {
            OR: [
              { email: { contains: q, mode: "insensitive" as const } },
              { name: { contains: q, mode: "insensitive" as const } },
              { certificateName: { contains: q, mode: "insensitive" as const } },
            ],
          },
        }
      : {}),
  };
  const page = Math.max(1, filter.page ?? 1);
  const [total, rows] = await Promise.all([
    db.enrolment.count({ where }),
    listEnrolmentRows(db, where, { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  return { total, page, pageSize: PAGE_SIZE, rows };
}

/** Every person of the cohort, for the CSV export. */
export function listAllCohortEnrolments(db: Db, cohortId: string) {
  return listEnrolmentRows(db, { cohortId }, {});
}

function listEnrolmentRows(db: Db, where: Prisma.EnrolmentWhereInput, page: { skip?: number; take?: number }) {
  return db.enrolment.findMany({
    where,
    ...page,
    orderBy: [{ status: "asc" }, { user: { name: "asc" } }, { user: { email: "asc" } }],
    select: {
      id: true,
      status: true,
      source: true,
      createdAt: true,
      updatedAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          certificateName: true,
          nativeName: true,
          country: true,
          organisation: true,
          position: true,
          organisationType: true,
          timeZone: true,
          profileCompletedAt: true,
        },
      },
    },
  });
}

/** Other cohorts a person can be moved to. */
/** The cohorts a place can move to: every other open cohort, or for an organiser (`organiserId`) the others they organise. */
export function listMoveTargets(db: Db, cohortId: string, organiserId?: string) {
  return db.cohort.findMany({
    where: {
      id: { not: cohortId },
      archivedAt: null,
      ...(organiserId && { organisers: { some: { userId: organiserId } } }),
    },
    orderBy: { startsOn: "desc" },
    select: { id: true, name: true },
  });
}

export async function countCohortEnrolments(db: Db, cohortId: string): Promise<Record<EnrolmentStatus, number>> {
  const rows = await db.enrolment.groupBy({ by: ["status"], where: { cohortId }, _count: { _all: true } });
  const counts: Record<EnrolmentStatus, number> = { PENDING: 0, ACTIVE: 0, WITHDRAWN: 0, REJECTED: 0 };
  for (const r of rows) counts[r.status] = r._count._all;
  return counts;
}

export type ChangeResult = AdminChange | { ok: false; error: "not-found" };

/**
 * Applies an admin's action to the enrolment `enrolmentId` of cohort `cohortId`
 * (an id from another cohort is "not-found"). `targetCohortId` is required for "move".
 */
export async function changeEnrolment(
  db: Db,
  actorId: string,
  input: { cohortId: string; enrolmentId: string; action: EnrolmentAction; targetCohortId?: string },
): Promise<ChangeResult> {
  return db.$transaction((tx) => changeEnrolmentIn(tx, actorId, input), { maxWait: 10_000, timeout: 10_000 });
}

/**
 * changeEnrolment inside the caller's transaction, so a bulk decision applies the same
 * rule to each of its enrolments and commits them together.
 */
export async function changeEnrolmentIn(
  tx: Prisma.TransactionClient,
  actorId: string,
  input: { cohortId: string; enrolmentId: string; action: EnrolmentAction; targetCohortId?: string },
): Promise<ChangeResult> {
  const { cohortId, enrolmentId, action, targetCohortId } = input;
  const destination = action === "move" ? targetCohortId : cohortId;
  if (!destination) return { ok: false, error: "not-found" } as const;
  // Lock both cohorts in a fixed order, so two moves in opposite directions cannot deadlock.
  const ids = [...new Set([cohortId, destination])].sort();
  const locked = checkedRows(
    ZIdRow,
    await tx.$queryRaw`SELECT id FROM cohorts WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`,
  );
  if (locked.length !== ids.length) return { ok: false, error: "not-found" } as const;
  // A move takes a place from one cohort to another: the actor manages both (an organiser
  // may not move people into, or out of, cohorts that are not theirs).
  if (
    destination !== cohortId &&
    !((await managesCohort(tx, actorId, cohortId)) && (await managesCohort(tx, actorId, destination)))
  )
    return { ok: false, error: "not-found" } as const;
  const before = await tx.enrolment.findFirst({ where: { id: enrolmentId, cohortId } });
  if (!before) return { ok: false, error: "not-found" } as const;
  const target = await tx.cohort.findUniqueOrThrow({
    where: { id: destination },
    select: { capacity: true, archivedAt: true },
  });
  const activeCount = await tx.enrolment.count({ where: { cohortId: destination, status: "ACTIVE" } });
  const existingInTarget =
    action === "move"
      ? ((
          await tx.enrolment.findUnique({
            where: { userId_cohortId: { userId: before.userId, cohortId: destination } },
          })
        )?.status ?? null)
      : null;
  const decision = decideAdminChange({
    action,
    status: before.status,
    capacity: target.capacity,
    activeCount,
    move:
      action === "move"
        ? { sameCohort: destination === cohortId, targetArchived: Boolean(target.archivedAt), existingInTarget }
        : undefined,
  });
  if (!decision.ok) return decision;
  const after = await tx.enrolment.update({
    where: { id: enrolmentId },
    data: { status: decision.status, cohortId: destination },
  });
  await recordAudit(tx, {
    action: `enrolment.${action}`,
    actorId,
    entity: "enrolment",
    entityId: enrolmentId,
    cohortId: after.cohortId,
    before: { status: before.status, cohortId: before.cohortId, userId: before.userId },
    after: { status: after.status, cohortId: after.cohortId, userId: after.userId },
  });
  // The person is told (by e-mail and on their dashboard), once the change commits.
  const fromCohort =
    action === "move"
      ? (await tx.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { name: true } })).name
      : "";
  await recordNotice(tx, { userId: after.userId, cohortId: after.cohortId, ...enrolmentNotice(action, fromCohort) });
  return decision;
}
