// The reminders of live sessions, as jobs of the queue (jobs.ts): one 24 hours and one 1
// hour before each session, keyed by session and kind, so that rescheduling a session moves
// its reminders (add_job replaces a waiting job of the same key) and deleting it removes
// them, in the transaction of the change.
import type { Prisma } from "@/generated/prisma/client";
import { REMINDER_KINDS, reminderTimes, type ReminderKind } from "@/lib/domain/reminders";
import type { Db } from "./client";
import { addJob, removeJob } from "./jobs";

type Runner = Db | Prisma.TransactionClient;

const keyOf = (sessionId: string, kind: ReminderKind) => `reminder:${sessionId}:${kind}`;

/** Plans (or moves) the session's reminders for its start time; one whose time has passed is removed. */
export async function scheduleSessionReminders(db: Runner, session: { id: string; startsAt: Date }, now = new Date()) {
  const times = reminderTimes(session.startsAt, now);
  for (const kind of REMINDER_KINDS) {
    const runAt = times[kind];
    if (runAt)
      await addJob(
        db,
        "session-reminder",
        { sessionId: session.id, kind, startsAt: session.startsAt.toISOString() },
        { key: keyOf(session.id, kind), runAt },
      );
    else await removeJob(db, keyOf(session.id, kind));
  }
}

export async function cancelSessionReminders(db: Runner, sessionId: string) {
  for (const kind of REMINDER_KINDS) await removeJob(db, keyOf(sessionId, kind));
}

/**
 * Plans the reminders of every session still to come in a cohort not archived: run when a
 * worker starts, so that sessions saved before reminders existed (or restored from a
 * backup) get them. Planning again is harmless: the same keys are replaced.
 */
export async function scheduleUpcomingReminders(db: Db, now = new Date()) {
  const sessions = await db.liveSession.findMany({
    where: { startsAt: { gt: now }, cohort: { archivedAt: null } },
    select: { id: true, startsAt: true },
  });
  for (const s of sessions) await scheduleSessionReminders(db, s, now);
  return sessions.length;
}

/** What a reminder needs: the session, its cohort, and its active participants with their time zones. */
export async function reminderRecipients(db: Db, sessionId: string) {
  return db.liveSession.findFirst({
    where: { id: sessionId, cohort: { archivedAt: null } },
    select: {
      id: true,
      lectureSlug: true,
      startsAt: true,
      joinUrl: true,
      cohort: {
        select: {
          id: true,
          name: true,
          timeZone: true,
          enrolments: {
            where: { status: "ACTIVE" },
            select: {
              user: {
                select: { id: true, email: true, name: true, certificateName: true, timeZone: true, mailOptOuts: true },
              },
            },
          },
        },
      },
    },
  });
}
