// Attendance of live sessions. Admin functions: callers check the role; every
// change is audit-logged with the old and the new value, in the same
// transaction. Participant functions read only the acting user's own records.
import type { Prisma } from "@/generated/prisma/client";
import type { AttendanceStatus } from "@/generated/prisma/enums";
import { attendanceRate } from "@/lib/domain/attendance";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";

export type AttendanceSettingsValues = {
  presentPercent: number;
  latePercent: number;
  lateAfterMinutes: number;
  excusedCounts: boolean;
};
export const DEFAULT_ATTENDANCE_SETTINGS: AttendanceSettingsValues = {
  presentPercent: 75,
  latePercent: 40,
  lateAfterMinutes: 10,
  excusedCounts: true,
};

export async function getAttendanceSettings(
  db: Db | Prisma.TransactionClient,
  cohortId: string,
): Promise<AttendanceSettingsValues> {
  const row = await db.attendanceSettings.findUnique({ where: { cohortId } });
  if (!row) return { ...DEFAULT_ATTENDANCE_SETTINGS };
  return {
    presentPercent: row.presentPercent,
    latePercent: row.latePercent,
    lateAfterMinutes: row.lateAfterMinutes,
    excusedCounts: row.excusedCounts,
  };
}

export type Mark = { userId: string; status: AttendanceStatus; note: string | null };
export type MarkResult = { ok: true; changed: number } | { ok: false; error: "not-found" | "not-enrolled" };

/**
 * An admin's marks for one session. Only participants with an active place in
 * the session's cohort can be marked; a mark equal to the record changes
 * nothing; each change is audit-logged with before and after, and queues automatic issuing
 * to those whose record changed (queueIssuing), in the same transaction.
 */
export async function markAttendance(
  db: Db,
  actorId: string,
  cohortId: string,
  sessionId: string,
  marks: readonly Mark[],
): Promise<MarkResult> {
  return db.$transaction(
    async (tx) => {
      const session = await tx.liveSession.findFirst({ where: { id: sessionId, cohortId }, select: { id: true } });
      if (!session) return { ok: false, error: "not-found" } as const;
      const userIds = [...new Set(marks.map((m) => m.userId))];
      const enrolled = await tx.enrolment.count({ where: { cohortId, status: "ACTIVE", userId: { in: userIds } } });
      if (enrolled !== userIds.length) return { ok: false, error: "not-enrolled" } as const;
      const existing = new Map(
        (await tx.attendanceRecord.findMany({ where: { sessionId, userId: { in: userIds } } })).map((r) => [
          r.userId,
          r,
        ]),
      );
      const changedUsers: string[] = [];
      for (const m of marks) {
        const before = existing.get(m.userId);
        const note = m.note?.trim() || null;
        if (before && before.status === m.status && (before.note ?? null) === note) continue;
        await tx.attendanceRecord.upsert({
          where: { sessionId_userId: { sessionId, userId: m.userId } },
          create: { sessionId, userId: m.userId, status: m.status, source: "MANUAL", note, updatedById: actorId },
          update: { status: m.status, source: "MANUAL", note, updatedById: actorId },
        });
        await recordAudit(tx, {
          action: "attendance.mark",
          actorId,
          entity: "attendance",
          entityId: `${sessionId}:${m.userId}`,
          cohortId,
          before: before ? { status: before.status, source: before.source, note: before.note } : undefined,
          after: { status: m.status, source: "MANUAL", note, sessionId, userId: m.userId },
        });
        changedUsers.push(m.userId);
      }
      await queueIssuing(tx, cohortId, changedUsers);
      return { ok: true, changed: changedUsers.length } as const;
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/** The cohort's participants by sessions, for the admin's matrix and rates. */
export async function cohortAttendance(db: Db, cohortId: string, now = new Date()) {
  const [settings, sessions, people, records] = await Promise.all([
    getAttendanceSettings(db, cohortId),
    db.liveSession.findMany({
      where: { cohortId },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: { id: true, lectureSlug: true, startsAt: true, endsAt: true },
    }),
    db.enrolment.findMany({
      where: { cohortId, status: "ACTIVE" },
      orderBy: [{ user: { certificateName: "asc" } }, { user: { email: "asc" } }],
      select: { user: { select: { id: true, email: true, name: true, certificateName: true } } },
    }),
    db.attendanceRecord.findMany({
      where: { session: { cohortId } },
      select: { sessionId: true, userId: true, status: true },
    }),
  ]);
  const status = new Map(records.map((r) => [`${r.sessionId}:${r.userId}`, r.status]));
  const held = sessions.filter((s) => s.startsAt <= now);
  const rows = people.map(({ user }) => {
    const statuses = sessions.map((s) => status.get(`${s.id}:${user.id}`) ?? null);
    const heldStatuses = sessions.flatMap((s, i) => (s.startsAt <= now ? [statuses[i]!] : []));
    return { user, statuses, rate: attendanceRate(heldStatuses, settings) };
  });
  const perSession = sessions.map((s, i) =>
    s.startsAt <= now
      ? attendanceRate(
          rows.map((r) => r.statuses[i]!),
          settings,
        )
      : null,
  );
  return { settings, sessions, rows, perSession, held: held.length };
}

/**
 * Every attendance record of the cohort, one per participant and session, with what the
 * matrix leaves out: minutes attended, how it was recorded, the note and who marked it.
 * Ordered by session, then name.
 */
export async function cohortAttendanceRecords(db: Db, cohortId: string) {
  return db.attendanceRecord.findMany({
    where: { session: { cohortId } },
    orderBy: [
      { session: { startsAt: "asc" } },
      { sessionId: "asc" },
      { user: { certificateName: "asc" } },
      { user: { email: "asc" } },
    ],
    select: {
      status: true,
      source: true,
      minutes: true,
      note: true,
      updatedAt: true,
      session: { select: { lectureSlug: true, startsAt: true } },
      user: { select: { name: true, certificateName: true, email: true, country: true } },
      updatedBy: { select: { email: true } },
    },
  });
}

/** The acting user's attendance in one of their cohorts: each session with their record, and their rate. */
export async function ownAttendance(db: Db, userId: string, cohortId: string, now = new Date()) {
  const [settings, sessions] = await Promise.all([
    getAttendanceSettings(db, cohortId),
    db.liveSession.findMany({
      where: { cohortId, cohort: { enrolments: { some: { userId, status: "ACTIVE" } } } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        lectureSlug: true,
        startsAt: true,
        endsAt: true,
        attendance: { where: { userId }, select: { status: true, source: true } },
        excuses: { where: { userId }, select: { status: true, decisionNote: true } },
      },
    }),
  ]);
  const rows = sessions.map(({ attendance, excuses, ...s }) => ({
    ...s,
    status: attendance[0]?.status ?? null,
    source: attendance[0]?.source ?? null,
    excuse: excuses[0]?.status ?? null,
    excuseNote: excuses[0]?.decisionNote ?? null,
  }));
  const held = rows.filter((s) => s.startsAt <= now);
  return {
    sessions: rows,
    rate: attendanceRate(
      held.map((s) => s.status),
      settings,
    ),
    held: held.length,
    excusedCounts: settings.excusedCounts,
  };
}

/** Admin: sets a cohort's attendance rules, audit-logged with before and after. */
export async function saveAttendanceSettings(
  db: Db,
  actorId: string,
  cohortId: string,
  values: AttendanceSettingsValues,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await tx.cohort.findUnique({ where: { id: cohortId }, select: { id: true } }))) return false;
    const before = await getAttendanceSettings(tx, cohortId);
    await tx.attendanceSettings.upsert({ where: { cohortId }, create: { cohortId, ...values }, update: values });
    await recordAudit(tx, {
      action: "attendance.settings_update",
      actorId,
      entity: "cohort",
      entityId: cohortId,
      cohortId,
      before,
      after: values,
    });
    return true;
  });
}
