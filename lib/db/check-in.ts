// Self check-in to a live session while the admin has it open. A participant
// can only check themselves in, only into a session of a cohort where they
// hold an active place; guessing codes is rate-limited.
import { isValidCheckInCode, newCheckInSecret } from "@/lib/auth/check-in-codes";
import type { CheckInRefusal } from "@/lib/domain/check-in";
import { getAttendanceSettings } from "./attendance";
import { recordAudit } from "./audit";
import { recordNotices } from "./notices";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";
import { consumeLimits, type Limit } from "./rate-limits";

export const CHECK_IN_LIMIT: Limit = { name: "check_in", points: 10, durationSeconds: 10 * 60 };

/** Admin: opens check-in for `minutes` (a new secret, so old codes never work again), or closes it. */
export async function setCheckIn(
  db: Db,
  actorId: string,
  cohortId: string,
  sessionId: string,
  open: { minutes: number } | null,
  now = new Date(),
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const session = await tx.liveSession.findFirst({
      where: { id: sessionId, cohortId },
      select: { id: true, lectureSlug: true, checkInClosesAt: true },
    });
    if (!session) return false;
    const wasOpen = session.checkInClosesAt !== null && session.checkInClosesAt > now;
    const closesAt = open ? new Date(now.getTime() + open.minutes * 60_000) : null;
    await tx.liveSession.update({
      where: { id: sessionId },
      data: { checkInSecret: open ? newCheckInSecret() : null, checkInClosesAt: closesAt },
    });
    await recordAudit(tx, {
      action: open ? "session.check_in_open" : "session.check_in_close",
      actorId,
      entity: "live_session",
      entityId: sessionId,
      cohortId,
      after: { closesAt: closesAt?.toISOString() ?? null },
    });
    // Opening (not extending) tells those not yet marked for the session, on their dashboard and by e-mail.
    if (closesAt && !wasOpen) {
      const unmarked = await tx.enrolment.findMany({
        where: { cohortId, status: "ACTIVE", user: { attendance: { none: { sessionId } } } },
        select: { userId: true },
      });
      await recordNotices(
        tx,
        unmarked.map(({ userId }) => ({
          userId,
          cohortId,
          kind: "checkin.open" as const,
          data: { sessionId, lectureSlug: session.lectureSlug, closesAt: closesAt.toISOString() },
        })),
      );
    }
    return true;
  });
}

/** Admin: the secret and closing time while check-in is open, else null. */
export async function getOpenCheckIn(db: Db, cohortId: string, sessionId: string, now = new Date()) {
  const s = await db.liveSession.findFirst({
    where: { id: sessionId, cohortId },
    select: { checkInSecret: true, checkInClosesAt: true },
  });
  if (!s?.checkInSecret || !s.checkInClosesAt || s.checkInClosesAt <= now) return null;
  return { secret: s.checkInSecret, closesAt: s.checkInClosesAt };
}

export type CheckInResult =
  | { ok: true; status: "PRESENT" | "LATE" }
  | { ok: false; error: Exclude<CheckInRefusal, "rate-limited"> }
  | { ok: false; error: "rate-limited"; retryAfterSeconds: number };

/**
 * Checks the user in with `code`, judged as at `seenAt`: now for a typed code, or the time
 * a pass (lib/auth/check-in-codes.ts) says the QR link was opened. Either way check-in must
 * be open now, and the arrival counts as late or not from that time.
 */
export async function checkIn(
  db: Db,
  userId: string,
  sessionId: string,
  code: string,
  now = new Date(),
  seenAt = now,
): Promise<CheckInResult> {
  const session = await db.liveSession.findFirst({
    where: { id: sessionId, cohort: { enrolments: { some: { userId, status: "ACTIVE" } } } },
    select: { id: true, cohortId: true, startsAt: true, checkInSecret: true, checkInClosesAt: true },
  });
  if (!session) return { ok: false, error: "not-found" };
  if (!session.checkInSecret || !session.checkInClosesAt || session.checkInClosesAt <= now)
    return { ok: false, error: "closed" };
  const limited = await consumeLimits(db, [{ limit: CHECK_IN_LIMIT, key: `${userId}:${sessionId}` }]);
  if (!limited.ok) return { ok: false, error: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  if (seenAt > now || !isValidCheckInCode(session.checkInSecret, code, seenAt))
    return { ok: false, error: "wrong-code" };
  const settings = await getAttendanceSettings(db, session.cohortId);
  const status =
    seenAt.getTime() > session.startsAt.getTime() + settings.lateAfterMinutes * 60_000 ? "LATE" : "PRESENT";
  return db.$transaction(async (tx) => {
    const existing = await tx.attendanceRecord.findUnique({ where: { sessionId_userId: { sessionId, userId } } });
    // A mark already given (by hand, an excuse, or an earlier check-in) stays.
    if (existing && existing.status !== "ABSENT") return { ok: false, error: "already-marked" } as const;
    await tx.attendanceRecord.upsert({
      where: { sessionId_userId: { sessionId, userId } },
      create: { sessionId, userId, status, source: "SELF_CHECK_IN", updatedById: userId },
      update: { status, source: "SELF_CHECK_IN", updatedById: userId },
    });
    await recordAudit(tx, {
      action: "attendance.check_in",
      actorId: userId,
      entity: "attendance",
      entityId: `${sessionId}:${userId}`,
      cohortId: session.cohortId,
      before: existing ? { status: existing.status, source: existing.source } : undefined,
      after: { status, source: "SELF_CHECK_IN" },
    });
    await queueIssuing(tx, session.cohortId, [userId]);
    return { ok: true, status } as const;
  });
}

/** The session a participant is checking in to, if it is one of a cohort where they hold an active place. */
export function getCheckInSession(db: Db, userId: string, sessionId: string) {
  return db.liveSession.findFirst({
    where: { id: sessionId, cohort: { enrolments: { some: { userId, status: "ACTIVE" } } } },
    select: { id: true, lectureSlug: true, startsAt: true, endsAt: true, cohort: { select: { name: true } } },
  });
}
