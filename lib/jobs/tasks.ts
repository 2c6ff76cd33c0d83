// What each job of the queue does (lib/db/jobs.ts names them and their payloads). A task
// that throws is retried with back-off; each is safe to run twice: issuing skips whoever
// holds a certificate, and an e-mail already sent is not sent again.
import { isErasedAddress } from "@/lib/domain/erasure";
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { issueContext, issuerName } from "@/lib/certificates/context";
import { activeParticipantIds, autoIssueCertificates } from "@/lib/db/certificate-issue";
import { performCertificateRun } from "@/lib/db/certificate-runs";
import type { Db } from "@/lib/db/client";
import { noticeQuizClosing } from "@/lib/db/quiz-closing";
import type { JobName } from "@/lib/db/jobs";
import { getLecture, listLectures } from "@/lib/content";
import { announcementForMail, announcementRecipientPage } from "@/lib/db/announcements";
import { noticeForMail } from "@/lib/db/notices";
import { authSecret } from "@/lib/auth/secret";
import { wantsMail } from "@/lib/domain/mail-preferences";
import { REMINDING_NOTICES } from "@/lib/domain/notices";
import { announcementContent } from "@/lib/mail/announcement";
import { unsubscribeUrls } from "@/lib/mail/unsubscribe";
import { reminderRecipients } from "@/lib/db/session-reminders";
import { REMINDER_KINDS, reminderStillUseful } from "@/lib/domain/reminders";
import { siteUrl } from "@/lib/http/site-url";
import { composeNotice } from "@/lib/mail/notice";
import { sessionReminderContent } from "@/lib/mail/session-reminder";
import { field, mailMerge, type Mail } from "@/lib/mail/template";
import { deliverQueuedEmail, deliverQueuedEmails, queueMails } from "@/lib/mail/send";

const ZIssue = z.strictObject({ cohortId: z.string().min(1), userIds: z.array(z.string().min(1)).nullable() });
const ZQuizClosing = z.strictObject({ cohortId: z.string().min(1), closesAt: z.iso.datetime() });
const ZRun = z.strictObject({ runId: z.string().min(1) });
const ZSend = z.strictObject({ emailId: z.string().min(1) });
const ZSendMany = z.strictObject({ emailIds: z.array(z.string().min(1)).min(1).max(1_000) });
const ZNotice = z.strictObject({ noticeId: z.string().min(1) });
const ZAnnouncementJob = z.strictObject({ announcementId: z.string().min(1) });

/** Recipients whose e-mails are queued in one transaction by an announcement's job. */
export const ANNOUNCEMENT_BATCH = 200;
const ZReminder = z.strictObject({
  sessionId: z.string().min(1),
  kind: z.enum(REMINDER_KINDS),
  startsAt: z.iso.datetime(),
});

/** Each lecture's number and title, by slug, for the mail that names one. */
const lectureNames = () => new Map(listLectures().map((l) => [l.slug, { number: l.number, title: l.meta.title }]));

/** Queues the notice's e-mail, once (its key is the notice's). */
async function mailNotice(db: Db, noticeId: string, env: { SMTP_URL?: string }) {
  const found = await noticeForMail(db, noticeId);
  if (!found) return;
  const { notice, user, cohort } = found;
  // An erased person's address cannot receive mail (lib/domain/erasure.ts).
  if (notice.kind === "announcement" || isErasedAddress(user.email)) return;
  const reminding = REMINDING_NOTICES.has(notice.kind);
  if (reminding && !wantsMail(user.mailOptOuts, "reminder")) return;
  const unsubscribe = reminding ? unsubscribeUrls(siteUrl(), authSecret(), user.id, "reminder") : null;
  const context = await issueContext();
  await queueMails(
    db,
    [
      {
        kind: reminding ? "reminder" : "notice",
        to: user.email,
        key: `notice:${found.id}`,
        ...(unsubscribe && { unsubscribeUrl: unsubscribe.oneClick }),
        ...(await composeNotice({
          notice,
          name: user.certificateName ?? user.name ?? user.email,
          cohort: cohort?.name ?? "",
          timeZone: user.timeZone ?? cohort?.timeZone ?? "UTC",
          lectures: lectureNames(),
          unsubscribeUrl: unsubscribe?.page,
          siteUrl: siteUrl(),
          siteName: context.issuerName,
          achievementName: context.achievement.name,
        })),
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
  const site = siteUrl();
  const courseUrl = `${site}/dashboard`;
  const secret = authSecret();
  const wanted = session.cohort.enrolments.filter(({ user }) => wantsMail(user.mailOptOuts, "reminder"));
  // Rendered once per time zone; each person's name and unsubscribe link are filled in.
  const merges = new Map<string, Promise<(values: Record<"name" | "unsubscribe", string>) => Mail>>();
  const mergeFor = (timeZone: string) => {
    let merge = merges.get(timeZone);
    if (!merge) {
      merge = mailMerge(
        sessionReminderContent({
          kind,
          name: field("name"),
          cohort: session.cohort.name,
          lecture: { number: lecture.number, title: lecture.meta.title },
          startsAt: session.startsAt,
          timeZone,
          joinUrl: session.joinUrl,
          courseUrl,
          siteName: issuerName(),
          unsubscribeUrl: field("unsubscribe"),
        }),
        ["name", "unsubscribe"],
      );
      merges.set(timeZone, merge);
    }
    return merge;
  };
  await queueMails(
    db,
    await Promise.all(
      wanted.map(async ({ user }) => {
        const unsubscribe = unsubscribeUrls(site, secret, user.id, "reminder");
        const fill = await mergeFor(user.timeZone ?? session.cohort.timeZone);
        return {
          kind: "reminder" as const,
          to: user.email,
          key: `reminder:${session.id}:${kind}:${user.id}:${startsAt}`,
          unsubscribeUrl: unsubscribe.oneClick,
          ...fill({ name: user.certificateName ?? user.name ?? user.email, unsubscribe: unsubscribe.page }),
        };
      }),
    ),
    env,
  );
}

/**
 * Queues the announcement's e-mail to each recipient who has not turned announcements off,
 * a batch at a time. Each mail's key names the announcement and the person: after a crash
 * or a retry the job starts again from the first recipient, and those already queued are
 * left out, so that each person gets it once.
 */
async function mailAnnouncement(db: Db, payload: unknown, env: { SMTP_URL?: string }) {
  const { announcementId } = ZAnnouncementJob.parse(payload);
  const announcement = await announcementForMail(db, announcementId);
  if (!announcement?.sentAt) return;
  const site = siteUrl();
  const secret = authSecret();
  // Rendered once; each person's name and unsubscribe link are filled in.
  const fill = await mailMerge(
    announcementContent({
      subject: announcement.subject,
      body: announcement.body,
      name: field("name"),
      cohort: announcement.cohort.name,
      courseUrl: `${site}/dashboard`,
      siteName: issuerName(),
      unsubscribeUrl: field("unsubscribe"),
    }),
    ["name", "unsubscribe"],
  );
  let after: string | null = null;
  for (;;) {
    const page = await announcementRecipientPage(db, announcementId, after, ANNOUNCEMENT_BATCH);
    if (page.length === 0) break;
    after = page.at(-1)!.user_id;
    await queueMails(
      db,
      page
        .filter((r) => wantsMail(r.mail_opt_outs ?? [], "announcement"))
        .map((r) => {
          const unsubscribe = unsubscribeUrls(site, secret, r.user_id, "announcement");
          return {
            kind: "announcement" as const,
            to: r.email,
            key: `announcement:${announcementId}:${r.user_id}`,
            unsubscribeUrl: unsubscribe.oneClick,
            ...fill({ name: r.certificate_name ?? r.name ?? r.email, unsubscribe: unsubscribe.page }),
          };
        }),
      env,
    );
  }
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
    "bulk-issue-certificates": async (payload) => {
      await performCertificateRun(db(), ZRun.parse(payload).runId, await issueContext());
    },
    "issue-certificates": async (payload) => {
      const { cohortId, userIds } = ZIssue.parse(payload);
      const ids = userIds ?? (await activeParticipantIds(db(), cohortId));
      await autoIssueCertificates(db(), cohortId, ids, await issueContext());
    },
    "quiz-closing": async (payload) => {
      const { cohortId, closesAt } = ZQuizClosing.parse(payload);
      await noticeQuizClosing(db(), { cohortId, closesAt, lectures: (await issueContext()).lectures });
    },
    "send-announcement": (payload) => mailAnnouncement(db(), payload, env),
    "send-email": async (payload) => {
      await deliverQueuedEmail(db(), ZSend.parse(payload).emailId, env);
    },
    "send-emails": async (payload) => {
      await deliverQueuedEmails(db(), ZSendMany.parse(payload).emailIds, env);
    },
    "send-notice": (payload) => mailNotice(db(), ZNotice.parse(payload).noticeId, env),
    "session-reminder": (payload) => remindSession(db(), payload, env),
  };
}
