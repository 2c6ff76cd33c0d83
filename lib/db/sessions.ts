// Live sessions of a cohort. Admin functions: callers check the role; every
// change is audit-logged with before and after. Participant functions are
// scoped to the acting user's own active enrolments.
import type { Prisma } from "@/generated/prisma/client";
import type { TSessionInput } from "@/lib/schemas/session";
import { asJson, recordAudit } from "./audit";
import type { Db } from "./client";
import { cancelSessionReminders, scheduleSessionReminders } from "./session-reminders";

export function listCohortSessions(db: Db, cohortId: string) {
  return db.liveSession.findMany({ where: { cohortId }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] });
}

export function getCohortSession(db: Db, cohortId: string, sessionId: string) {
  return db.liveSession.findFirst({ where: { id: sessionId, cohortId } });
}

export async function createSession(db: Db, actorId: string, cohortId: string, data: TSessionInput) {
  return db.$transaction(async (tx) => {
    const session = await tx.liveSession.create({ data: { ...data, cohortId } });
    await scheduleSessionReminders(tx, session);
    await recordAudit(tx, {
      action: "session.create",
      actorId,
      entity: "live_session",
      entityId: session.id,
      cohortId,
      after: asJson(session),
    });
    return session;
  });
}

/** False when the session is not one of this cohort's. */
export async function updateSession(
  db: Db,
  actorId: string,
  cohortId: string,
  sessionId: string,
  data: TSessionInput,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const before = await tx.liveSession.findFirst({ where: { id: sessionId, cohortId } });
    if (!before) return false;
    const after = await tx.liveSession.update({ where: { id: sessionId }, data });
    // A new time moves the reminders; the join link they carry is read when they are sent.
    if (after.startsAt.getTime() !== before.startsAt.getTime()) await scheduleSessionReminders(tx, after);
    await recordAudit(tx, {
      action: "session.update",
      actorId,
      entity: "live_session",
      entityId: sessionId,
      cohortId,
      before: asJson(before),
      after: asJson(after),
    });
    return true;
  });
}

/** What deleting a session would take with it: its attendance records, excuse requests and Zoom imports. */
export async function sessionDeletionImpact(db: Db, cohortId: string, sessionId: string) {
  const found = await db.liveSession.findFirst({
    where: { id: sessionId, cohortId },
    select: { _count: { select: { attendance: true, excuses: true, zoomImports: true } } },
  });
  return found ? found._count : null;
}

/**
 * Deletes a session. One with attendance records stays unless `withAttendance` says the
 * organiser saw them and chose to delete them too; they go in the same transaction, and
 * the audit log keeps every record (who, status, minutes, note) in its "before".
 * Certificates already issued stay as they are.
 */
export async function deleteSession(
  db: Db,
  actorId: string,
  cohortId: string,
  sessionId: string,
  options: { withAttendance?: boolean } = {},
): Promise<"deleted" | "not-found" | "has-attendance"> {
  return db.$transaction(async (tx) => {
    const before = await tx.liveSession.findFirst({ where: { id: sessionId, cohortId } });
    if (!before) return "not-found";
    // Locked, so that no attendance is marked between the count and the delete.
    await tx.$executeRaw`SELECT 1 FROM live_sessions WHERE id = ${sessionId} FOR UPDATE`;
    const attendance = await tx.attendanceRecord.findMany({ where: { sessionId }, orderBy: { userId: "asc" } });
    if (attendance.length > 0 && !options.withAttendance) return "has-attendance";
    if (attendance.length > 0) await tx.attendanceRecord.deleteMany({ where: { sessionId } });
    await tx.liveSession.delete({ where: { id: sessionId } });
    await cancelSessionReminders(tx, sessionId);
    await recordAudit(tx, {
      action: "session.delete",
      actorId,
      entity: "live_session",
      entityId: sessionId,
      cohortId,
      before: asJson(attendance.length > 0 ? { ...before, attendance } : before),
    });
    return "deleted";
  });
}

const ownCohortSelect = {
  id: true,
  name: true,
  slug: true,
  description: true,
  timeZone: true,
  startsOn: true,
  endsOn: true,
  // Named fields only: the check-in secret never leaves the server this way.
  sessions: {
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: { id: true, lectureSlug: true, startsAt: true, endsAt: true, joinUrl: true, updatedAt: true },
  },
} satisfies Prisma.CohortSelect;

/**
 * The acting user's cohorts for the dashboard: active places with their
 * schedule, and requests still waiting (without the schedule).
 */
export async function listOwnCohortSchedules(db: Db, userId: string) {
  const enrolments = await db.enrolment.findMany({
    where: { userId, status: { in: ["ACTIVE", "PENDING"] }, cohort: { archivedAt: null } },
    orderBy: { createdAt: "desc" },
    select: { status: true, cohort: { select: ownCohortSelect } },
  });
  return enrolments.map((e) => ({
    status: e.status,
    cohort: e.status === "ACTIVE" ? e.cohort : { ...e.cohort, sessions: [] },
  }));
}

/** One cohort's schedule, only if the user holds an active place in it; null otherwise. */
export async function getOwnCohortSchedule(db: Db, userId: string, cohortId: string) {
  const enrolment = await db.enrolment.findFirst({
    where: { userId, cohortId, status: "ACTIVE" },
    select: { cohort: { select: ownCohortSelect } },
  });
  return enrolment?.cohort ?? null;
}
