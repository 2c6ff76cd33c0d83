// A cohort's inbox: its pending enrolment and excuse requests, their counts, and the
// organiser's bulk decisions. A bulk decision applies the single-request rules
// (changeEnrolmentIn, decideExcuseIn) to each chosen request in one transaction, with
// one audit entry per request; ids that are not pending requests of the cohort are
// reported as skipped and never written. The actor's role is checked here as well as
// by the action, so no other path can decide in bulk.
import { z } from "zod";
import { INBOX_PAGE_SIZE, planBulkApproval, type BulkDecision, type BulkOutcome } from "@/lib/domain/inbox";
import type { Db } from "./client";
import { managesCohort } from "./cohort-organisers";
import { changeEnrolmentIn } from "./enrolments-admin";
import { decideExcuseIn } from "./excuses";
import { checkedRows, ZIdRow } from "./sql";

export type InboxCounts = { enrolments: number; excuses: number };

const ZCountRow = z.strictObject({ cohort_id: z.string(), kind: z.enum(["enrolment", "excuse"]), n: z.number() });

/** Pending requests of every cohort, in one grouped query; cohorts with none are absent. */
export async function countPendingByCohort(db: Db): Promise<Map<string, InboxCounts>> {
  const rows = checkedRows(
    ZCountRow,
    await db.$queryRaw`
      SELECT cohort_id, kind, count(*)::int AS n FROM (
        SELECT cohort_id, 'enrolment' AS kind FROM enrolments WHERE status = 'PENDING'
        UNION ALL
        SELECT s.cohort_id, 'excuse' AS kind
          FROM excuse_requests x JOIN live_sessions s ON s.id = x.session_id
         WHERE x.status = 'PENDING'
      ) pending
      GROUP BY cohort_id, kind`,
  );
  const counts = new Map<string, InboxCounts>();
  for (const r of rows) {
    const c = counts.get(r.cohort_id) ?? { enrolments: 0, excuses: 0 };
    c[r.kind === "enrolment" ? "enrolments" : "excuses"] = r.n;
    counts.set(r.cohort_id, c);
  }
  return counts;
}

/** One cohort's pending requests. */
export async function countCohortInbox(db: Db, cohortId: string): Promise<InboxCounts> {
  const [enrolments, excuses] = await Promise.all([
    db.enrolment.count({ where: { cohortId, status: "PENDING" } }),
    db.excuseRequest.count({ where: { status: "PENDING", session: { cohortId } } }),
  ]);
  return { enrolments, excuses };
}

/** One page of the cohort's pending enrolment requests, oldest first. */
export function listPendingEnrolments(db: Db, cohortId: string, page: number) {
  return db.enrolment.findMany({
    where: { cohortId, status: "PENDING" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * INBOX_PAGE_SIZE,
    take: INBOX_PAGE_SIZE,
    select: {
      id: true,
      createdAt: true,
      user: { select: { email: true, name: true, certificateName: true, country: true, organisation: true } },
    },
  });
}

/** One page of the cohort's pending excuse requests, oldest first. */
export function listPendingExcuses(db: Db, cohortId: string, page: number) {
  return db.excuseRequest.findMany({
    where: { status: "PENDING", session: { cohortId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * INBOX_PAGE_SIZE,
    take: INBOX_PAGE_SIZE,
    select: {
      id: true,
      reason: true,
      createdAt: true,
      session: { select: { lectureSlug: true, startsAt: true } },
      user: { select: { email: true, name: true, certificateName: true } },
    },
  });
}

export type BulkResult =
  { ok: true; outcomes: Map<string, BulkOutcome> } | { ok: false; error: "not-allowed" | "not-found" };

type BulkInput = { cohortId: string; ids: readonly string[]; decision: BulkDecision };

/** Lists the chosen ids in the order given, each "skipped" until decided. */
const skippedAll = (ids: readonly string[]) => new Map(ids.map((id) => [id, "skipped" as BulkOutcome]));

/**
 * Approves or refuses the chosen enrolment requests of the cohort. Approving fills the
 * free places oldest request first; the rest stay pending, reported as "full".
 */
export function decideEnrolmentsInBulk(db: Db, actorId: string, input: BulkInput): Promise<BulkResult> {
  return db.$transaction(
    async (tx) => {
      if (!(await managesCohort(tx, actorId, input.cohortId))) return { ok: false, error: "not-allowed" } as const;
      const { cohortId, decision } = input;
      // The cohort's row lock orders this against single decisions and enrolments.
      const locked = checkedRows(ZIdRow, await tx.$queryRaw`SELECT id FROM cohorts WHERE id = ${cohortId} FOR UPDATE`);
      if (locked.length === 0) return { ok: false, error: "not-found" } as const;
      const outcomes = skippedAll(input.ids);
      const pending = await tx.enrolment.findMany({
        where: { id: { in: [...outcomes.keys()] }, cohortId, status: "PENDING" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, userId: true },
      });
      const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { capacity: true } });
      const activeCount = await tx.enrolment.count({ where: { cohortId, status: "ACTIVE" } });
      const plan =
        decision === "approve"
          ? planBulkApproval({ capacity: cohort.capacity, activeCount, pending })
          : { approve: pending, full: [] };
      for (const e of plan.approve) {
        const result = await changeEnrolmentIn(tx, actorId, { cohortId, enrolmentId: e.id, action: decision });
        outcomes.set(e.id, result.ok ? "done" : result.error === "full" ? "full" : "skipped");
      }
      for (const e of plan.full) outcomes.set(e.id, "full");
      return { ok: true, outcomes } as const;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Accepts or refuses the chosen excuse requests of the cohort, each with the same optional message. */
export function decideExcusesInBulk(
  db: Db,
  actorId: string,
  input: BulkInput & { note?: string | null },
): Promise<BulkResult> {
  return db.$transaction(
    async (tx) => {
      if (!(await managesCohort(tx, actorId, input.cohortId))) return { ok: false, error: "not-allowed" } as const;
      const { cohortId, decision, note } = input;
      const outcomes = skippedAll(input.ids);
      // Locks the pending requests: a decision made meanwhile on the session's page waits, then finds them decided.
      const pending = checkedRows(
        ZIdRow,
        await tx.$queryRaw`
          SELECT x.id FROM excuse_requests x JOIN live_sessions s ON s.id = x.session_id
           WHERE x.id = ANY(${[...outcomes.keys()]}) AND s.cohort_id = ${cohortId} AND x.status = 'PENDING'
           ORDER BY x.created_at, x.id
             FOR UPDATE OF x`,
      );
      for (const x of pending) {
        const result = await decideExcuseIn(tx, actorId, {
          cohortId,
          requestId: x.id,
          approve: decision === "approve",
          note,
        });
        outcomes.set(x.id, result.ok ? "done" : "skipped");
      }
      return { ok: true, outcomes } as const;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
