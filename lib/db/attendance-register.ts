// The session register and the attendance matrix, one page of people at a time: the
// filter, the search and the paging are done in SQL, so a cohort of thousands never
// loads whole. Admin functions: callers check the role; every query is scoped to the
// cohort (and the session to the cohort).
import type { Prisma } from "@/generated/prisma/client";
import type { AttendanceStatus } from "@/generated/prisma/enums";
import { z } from "zod";
import { attendanceRate } from "@/lib/domain/attendance";
import { pageWindow, PAGE_SIZE } from "@/lib/domain/paging";
import { getAttendanceSettings } from "./attendance";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";
import { checkedRows } from "./sql";

export const REGISTER_STATUSES = ["PRESENT", "LATE", "EXCUSED", "ABSENT"] as const;
export type RegisterShow = "all" | "unmarked" | AttendanceStatus;

const byName: Prisma.EnrolmentOrderByWithRelationInput[] = [
  { user: { certificateName: "asc" } },
  { user: { email: "asc" } },
  { userId: "asc" },
];

/** People whose name, certificate name, native name, e-mail or a Zoom name remembered in this cohort holds `q`, any case. */
function searchPeople(cohortId: string, q: string): Prisma.UserWhereInput {
  const has = { contains: q, mode: "insensitive" as const };
  return {
    OR: [
      { email: has },
      { name: has },
      { certificateName: has },
      { nativeName: has },
      { zoomNameMatches: { some: { cohortId, zoomName: has } } },
    ],
  };
}

function showWhere(sessionId: string, show: RegisterShow): Prisma.UserWhereInput {
  if (show === "all") return {};
  if (show === "unmarked") return { attendance: { none: { sessionId } } };
  return { attendance: { some: { sessionId, status: show } } };
}

/**
 * One page of a session's register: the session (null when it is not this cohort's), the
 * people with an active place that the filter and search keep, each with their record, and
 * the counts per status of the whole session (for the filter's labels).
 */
export async function sessionRegister(
  db: Db,
  cohortId: string,
  sessionId: string,
  view: { show: RegisterShow; q: string; page: number; pageSize?: number },
) {
  const session = await db.liveSession.findFirst({ where: { id: sessionId, cohortId } });
  if (!session) return null;
  const where: Prisma.EnrolmentWhereInput = {
    cohortId,
    status: "ACTIVE",
    user: { AND: [showWhere(sessionId, view.show), view.q ? searchPeople(cohortId, view.q) : {}] },
  };
  const [total, active, grouped] = await Promise.all([
    db.enrolment.count({ where }),
    db.enrolment.count({ where: { cohortId, status: "ACTIVE" } }),
    db.attendanceRecord.groupBy({
      by: ["status"],
      where: { sessionId, user: { enrolments: { some: { cohortId, status: "ACTIVE" } } } },
      _count: { _all: true },
    }),
  ]);
  const window = pageWindow(view.page, total, view.pageSize ?? PAGE_SIZE);
  const people = await db.enrolment.findMany({
    where,
    orderBy: byName,
    skip: window.skip,
    take: window.take,
    select: {
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          certificateName: true,
          attendance: {
            where: { sessionId },
            select: {
              status: true,
              source: true,
              minutes: true,
              note: true,
              updatedAt: true,
              updatedBy: { select: { email: true } },
            },
          },
        },
      },
    },
  });
  const counts: Record<RegisterShow, number> = {
    all: active,
    unmarked: active,
    PRESENT: 0,
    LATE: 0,
    EXCUSED: 0,
    ABSENT: 0,
  };
  for (const g of grouped) {
    counts[g.status] = g._count._all;
    counts.unmarked -= g._count._all;
  }
  return {
    session,
    window,
    counts,
    rows: people.map(({ user: { attendance, ...user } }) => ({
      user,
      record: attendance[0]
        ? { ...attendance[0], minutes: attendance[0].minutes === null ? null : Number(attendance[0].minutes) }
        : null,
    })),
  };
}

const ZMarkedRow = z.strictObject({ user_id: z.string() });

/**
 * Marks every participant with an active place and no record for the session as `status`, in
 * one statement, each with its audit entry and the job that issues to them (queueIssuing) in
 * the same transaction; returns who was marked.
 * Null when the session is not this cohort's.
 */
export async function markUnmarked(
  db: Db,
  actorId: string,
  cohortId: string,
  sessionId: string,
  status: AttendanceStatus,
): Promise<string[] | null> {
  return db.$transaction(
    async (tx) => {
      const session = await tx.liveSession.findFirst({ where: { id: sessionId, cohortId }, select: { id: true } });
      if (!session) return null;
      const rows = checkedRows(
        ZMarkedRow,
        await tx.$queryRaw`
          WITH marked AS (
            INSERT INTO attendance_records (id, session_id, user_id, status, source, updated_by_id, updated_at)
            SELECT gen_random_uuid()::text, ${sessionId}, e.user_id, ${status}::"AttendanceStatus", 'MANUAL', ${actorId}, now()
            FROM enrolments e
            WHERE e.cohort_id = ${cohortId} AND e.status = 'ACTIVE'
              AND NOT EXISTS (SELECT 1 FROM attendance_records r WHERE r.session_id = ${sessionId} AND r.user_id = e.user_id)
            ON CONFLICT (session_id, user_id) DO NOTHING
            RETURNING user_id
          ), audited AS (
            INSERT INTO audit_events (id, actor_id, action, entity, entity_id, after)
            SELECT gen_random_uuid()::text, ${actorId}, 'attendance.mark', 'attendance', ${sessionId} || ':' || user_id,
              jsonb_build_object('status', ${status}::text, 'source', 'MANUAL', 'note', NULL, 'sessionId', ${sessionId}::text, 'userId', user_id)
            FROM marked
          )
          SELECT user_id FROM marked`,
      );
      const marked = rows.map((r) => r.user_id);
      await queueIssuing(tx, cohortId, marked);
      return marked;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/**
 * One page of the cohort's matrix: the sessions as columns, a page of people (by name, or
 * those the search finds) as rows with their rates, and each held session's rate over the
 * whole cohort, counted in SQL.
 */
export async function cohortAttendancePage(
  db: Db,
  cohortId: string,
  view: { q: string; page: number; pageSize?: number },
  now = new Date(),
) {
  const where: Prisma.EnrolmentWhereInput = {
    cohortId,
    status: "ACTIVE",
    ...(view.q ? { user: searchPeople(cohortId, view.q) } : {}),
  };
  const [settings, sessions, total, active, grouped] = await Promise.all([
    getAttendanceSettings(db, cohortId),
    db.liveSession.findMany({
      where: { cohortId },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: { id: true, lectureSlug: true, startsAt: true, endsAt: true },
    }),
    db.enrolment.count({ where }),
    db.enrolment.count({ where: { cohortId, status: "ACTIVE" } }),
    db.attendanceRecord.groupBy({
      by: ["sessionId", "status"],
      where: { session: { cohortId }, user: { enrolments: { some: { cohortId, status: "ACTIVE" } } } },
      _count: { _all: true },
    }),
  ]);
  const window = pageWindow(view.page, total, view.pageSize ?? PAGE_SIZE);
  const people = await db.enrolment.findMany({
    where,
    orderBy: byName,
    skip: window.skip,
    take: window.take,
    select: {
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          certificateName: true,
          attendance: { where: { session: { cohortId } }, select: { sessionId: true, status: true } },
        },
      },
    },
  });
  const held = sessions.filter((s) => s.startsAt <= now);
  const rows = people.map(({ user: { attendance, ...user } }) => {
    const status = new Map(attendance.map((a) => [a.sessionId, a.status]));
    const statuses = sessions.map((s) => status.get(s.id) ?? null);
    const heldStatuses = sessions.flatMap((s, i) => (s.startsAt <= now ? [statuses[i]!] : []));
    return { user, statuses, rate: attendanceRate(heldStatuses, settings) };
  });
  const perSession = sessions.map((s) => {
    if (s.startsAt > now) return null;
    // The session's statuses over everyone with a place, rebuilt from the counts: the rate only counts them.
    const statuses: (AttendanceStatus | null)[] = [];
    let marked = 0;
    for (const g of grouped)
      if (g.sessionId === s.id) {
        marked += g._count._all;
        for (let i = 0; i < g._count._all; i++) statuses.push(g.status);
      }
    for (let i = marked; i < active; i++) statuses.push(null);
    return attendanceRate(statuses, settings);
  });
  return { settings, sessions, rows, perSession, held: held.length, window, active };
}
