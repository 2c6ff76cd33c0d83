// What each job of the queue does (lib/db/jobs.ts names them and their payloads). A task
// that throws is retried with back-off; each is safe to run twice: issuing skips whoever
// holds a certificate, and an e-mail already sent is not sent again.
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { issueContext, issuerName } from "@/lib/certificates/context";
import { activeParticipantIds, autoIssueCertificates } from "@/lib/db/certificate-issue";
import type { Db } from "@/lib/db/client";
import type { JobName } from "@/lib/db/jobs";
import { getLecture } from "@/lib/content";
import { noticeForMail } from "@/lib/db/notices";
import { reminderRecipients } from "@/lib/db/session-reminders";
import { REMINDER_KINDS, reminderStillUseful } from "@/lib/domain/reminders";
import { siteUrl } from "@/lib/http/site-url";
import { composeNotice } from "@/lib/mail/notice";
import { composeSessionReminder } from "@/lib/mail/session-reminder";
import { deliverQueuedEmail, queueMails } from "@/lib/mail/send";

const ZIssue = z.strictObject({ cohortId: z.string().min(1), userIds: z.array(z.string().min(1)).nullable() });
const ZSend = z.strictObject({ emailId: z.string().min(1) });
const ZNotice = z.strictObject({ noticeId: z.string().min(1) });
const ZReminder = z.strictObject({
  sessionId: z.string().min(1),
  kind: z.enum(REMINDER_KINDS),
  startsAt: z.iso.datetime(),
});

/** Queues the notice's e-mail, once (its key is the notice's). */
async function mailNotice(db: Db, noticeId: string, env: { SMTP_URL?: string }) {
  const found = await noticeForMail(db, noticeId);
  if (!found) return;
  const { notice, user, cohort } = found;
  const lectureSlug =
    notice.kind === "excuse.accepted" || notice.kind === "excuse.refused" ? notice.data.lectureSlug : null;
  const lecture = lectureSlug ? getLecture(lectureSlug)?.lecture : undefined;
  const context = await issueContext();
  await queueMails(
    db,
    [
      {
        kind: "notice",
        to: user.email,
        key: `notice:${found.id}`,
        ...composeNotice({
          notice,
          name: user.certificateName ?? user.name ?? user.email,
          cohort: cohort?.name ?? "",
          timeZone: user.timeZone ?? cohort?.timeZone ?? "UTC",
          lecture: lecture ? { number: lecture.number, title: lecture.meta.title } : null,
          siteUrl: siteUrl(),
          siteName: context.issuerName,
          achievementName: context.achievement.name,
        }),
      },
    ],
    env,
  );
}

/**
 * Queues the session's reminder to each of its active participants, in their time zone. The
 * mail's key names the session, the kind, the person and the start time: run twice, it queues
 * nothing more; after the session moves, the reminder of the new time is a new mail.
 */
async function remindSession(db: Db, payload: unknown, env: { SMTP_URL?: string }, now = new Date()) {
  const { sessionId, kind, startsAt } = ZReminder.parse(payload);
  const session = await reminderRecipients(db, sessionId);
  // Gone, archived, moved since this job was planned (its new time has a job of its own), or too late to help.
  if (!session || session.startsAt.toISOString() !== startsAt) return;
  if (!reminderStillUseful(kind, session.startsAt, now)) return;
  const lecture = getLecture(session.lectureSlug)?.lecture;
  if (!lecture) return;
  const courseUrl = `${siteUrl()}/dashboard`;
  await queueMails(
    db,
    session.cohort.enrolments.map(({ user }) => ({
      kind: "reminder" as const,
      to: user.email,
      key: `reminder:${session.id}:${kind}:${user.id}:${startsAt}`,
      ...composeSessionReminder({
        kind,
        name: user.certificateName ?? user.name ?? user.email,
        cohort: session.cohort.name,
        lecture: { number: lecture.number, title: lecture.meta.title },
        startsAt: session.startsAt,
        timeZone: user.timeZone ?? session.cohort.timeZone,
        joinUrl: session.joinUrl,
        courseUrl,
        siteName: issuerName(),
      }),
    })),
    env,
  );
}

/**
 * The tasks, on the database `db()` gives and the mail server `env` names (the app's client
 * and process.env; a test's own database and SMTP server in tests).
 */
export function makeTaskList(
  db: () => Db,
  env: { SMTP_URL?: string } = { SMTP_URL: process.env.SMTP_URL },
): TaskList & Record<JobName, Task> {
  return {
    "issue-certificates": async (payload) => {
      const { cohortId, userIds } = ZIssue.parse(payload);
      const ids = userIds ?? (await activeParticipantIds(db(), cohortId));
      await autoIssueCertificates(db(), cohortId, ids, await issueContext());
    },
    "send-email": async (payload) => {
      await deliverQueuedEmail(db(), ZSend.parse(payload).emailId, env);
    },
    "send-notice": (payload) => mailNotice(db(), ZNotice.parse(payload).noticeId, env),
    "session-reminder": (payload) => remindSession(db(), payload, env),
  };
}
