// Announcements and unsubscribing, on the test's own database and a real SMTP server: an
// organiser's draft reaches the audience it names, once however often it is sent; its job
// e-mails each recipient exactly once even when it dies half-way and is retried; optional
// mail carries RFC 8058's headers, and a person who turned a kind off gets none of it.
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import {
  audienceCounts,
  discardAnnouncementDraft,
  saveAnnouncementDraft,
  sendAnnouncement,
} from "@/lib/db/announcements";
import { addJob } from "@/lib/db/jobs";
import { changeMailOptOuts, ownMailOptOuts } from "@/lib/db/mail-preferences";
import { ownNotices } from "@/lib/db/notices";
import { ANNOUNCEMENT_BATCH } from "@/lib/jobs/tasks";
import { siteUrl } from "@/lib/http/site-url";
import { unsubscribeByLink } from "@/lib/mail/unsubscribe-link";
import { unsubscribeToken } from "@/lib/mail/unsubscribe";
import { setUpTestDatabase } from "./support/database";
import { dyingAfter, makeRetriesDue, runDueJobs } from "./support/jobs";
import { setUpSmtpServer } from "./support/smtp";

const t = setUpTestDatabase();
const smtp = setUpSmtpServer();
const { env } = smtp;
const LECTURES = [{ slug: "pakistan-sti-policy", number: 3 }];
const SECRET = process.env.AUTH_SECRET!;
let n = 0;

const runJobs = (taskDb?: () => Db) => runDueJobs(t, { env, concurrency: 4, taskDb });

/** A cohort whose certificate needs every session attended and lecture 3's quiz, with a session held yesterday. */
async function cohortWithSession(tag: string) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `${tag}-${n}`,
      name: `Announce ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2021-12-15"),
      endsOn: new Date("2021-12-16"),
    },
  });
  await t.db.certificateRule.create({
    data: {
      cohortId: cohort.id,
      minAttendancePercent: 100,
      requiredQuizzes: ["pakistan-sti-policy"],
      autoIssue: false,
    },
  });
  const startsAt = new Date(Date.now() - 24 * 3600_000);
  const session = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: "pakistan-sti-policy",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3600_000),
    },
  });
  const admin = await t.db.user.create({ data: { email: `${tag}-admin${n}@example.org`, role: "ADMIN" } });
  return { cohort, session, admin };
}

async function participant(cohortId: string, email: string, status: "ACTIVE" | "WITHDRAWN" = "ACTIVE") {
  const user = await t.db.user.create({ data: { email, certificateName: email.split("@")[0] } });
  await t.db.enrolment.create({ data: { userId: user.id, cohortId, status } });
  return user;
}

describe("announcements", () => {
  it("[ANNOUNCEMENTS]: a draft reaches only its audience, is sent once however often Send is pressed, and is listed on the recipient's dashboard with its text", async () => {
    const { cohort, session, admin } = await cohortWithSession("ann");
    const present = await participant(cohort.id, `present${n}@example.org`);
    const absent = await participant(cohort.id, `absent${n}@example.org`);
    await participant(cohort.id, `withdrawn${n}@example.org`, "WITHDRAWN");
    await t.db.attendanceRecord.create({
      data: { sessionId: session.id, userId: present.id, status: "PRESENT", source: "MANUAL" },
    });

    // Nobody has passed the quiz; only one missed the session; the withdrawn person is nobody's audience.
    expect(await audienceCounts(t.db, cohort.id, LECTURES)).toEqual({
      all: 2,
      "missing-quiz": 2,
      "missing-attendance": 1,
    });

    // A draft too short to send is kept, and refused at Send with the field that is missing.
    const id = await saveAnnouncementDraft(t.db, {
      actorId: admin.id,
      cohortId: cohort.id,
      audience: "missing-attendance",
      subject: "Hi",
      body: "",
    });
    expect(id).toEqual(expect.any(String));
    expect(
      await sendAnnouncement(t.db, { actorId: admin.id, cohortId: cohort.id, id: id!, lectures: LECTURES }),
    ).toEqual({ ok: false, error: "subject" });
    const body =
      "The recording of yesterday's session is on your course page.\n\nPlease ask to be excused if you could not attend.";
    expect(
      await saveAnnouncementDraft(t.db, {
        actorId: admin.id,
        cohortId: cohort.id,
        id: id!,
        audience: "missing-attendance",
        subject: "Missed the live session?",
        body,
      }),
    ).toBe(id);

    // Two presses of Send at once: one sends, the other finds it sent.
    const results = await Promise.all(
      [1, 2].map(() => sendAnnouncement(t.db, { actorId: admin.id, cohortId: cohort.id, id: id!, lectures: LECTURES })),
    );
    expect(results).toContainEqual({ ok: true, recipients: 1 });
    expect(results).toContainEqual({ ok: false, error: "already-sent" });
    // A sent announcement is no longer a draft: it can be neither edited nor discarded.
    expect(
      await saveAnnouncementDraft(t.db, {
        actorId: admin.id,
        cohortId: cohort.id,
        id: id!,
        audience: "all",
        subject: "Changed",
        body,
      }),
    ).toBeNull();
    expect(await discardAnnouncementDraft(t.db, cohort.id, id!)).toBe(false);

    const [notice] = await ownNotices(t.db, absent.id);
    expect(notice).toMatchObject({ kind: "announcement", data: { subject: "Missed the live session?" }, body });
    expect(await ownNotices(t.db, present.id)).toEqual([]);
    const audit = await t.db.auditEvent.findMany({ where: { action: "announcement.sent", cohortId: cohort.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ announcementId: id, recipients: 1, audience: "missing-attendance" });

    // Its job e-mails the one recipient, with the one-click unsubscribe headers; run again, it sends nothing more.
    await runJobs();
    const received = smtp.received.filter((m) => m.to.endsWith(`${n}@example.org`));
    expect(received.map((m) => m.to)).toEqual([`absent${n}@example.org`]);
    const raw = received[0]!.raw.replace(/\r\n[ \t]+/g, " ");
    const token = unsubscribeToken(SECRET, absent.id, "announcement");
    expect(raw).toContain(`List-Unsubscribe: <${siteUrl()}/api/unsubscribe?u=${absent.id}&k=announcement&t=${token}>`);
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(received[0]!.subject).toBe(`Missed the live session? (${cohort.name})`);
    await addJob(t.db, "send-announcement", { announcementId: id! });
    await runJobs();
    expect(smtp.received.filter((m) => m.to.endsWith(`${n}@example.org`))).toHaveLength(1);
  });

  it("[ANNOUNCEMENTS][CRASH]: a send to more people than one batch, its job dying after the first batch: after the retry each person has exactly one e-mail", async () => {
    const { cohort, admin } = await cohortWithSession("bulk");
    const count = ANNOUNCEMENT_BATCH + 20;
    const users = await t.db.user.createManyAndReturn({
      data: Array.from({ length: count }, (_, i) => ({
        email: `bulk${n}-${i}@example.org`,
        certificateName: `P ${i}`,
      })),
      select: { id: true },
    });
    await t.db.enrolment.createMany({
      data: users.map((u) => ({ userId: u.id, cohortId: cohort.id, status: "ACTIVE" })),
    });
    // One of them turned announcements off: they see it on the dashboard, but get no e-mail.
    await changeMailOptOuts(t.db, users[7]!.id, { off: "announcement" }, "profile");
    const id = await saveAnnouncementDraft(t.db, {
      actorId: admin.id,
      cohortId: cohort.id,
      audience: "all",
      subject: "The programme's closing session",
      body: "Thank you all for taking part in the programme.",
    });
    expect(
      await sendAnnouncement(t.db, { actorId: admin.id, cohortId: cohort.id, id: id!, lectures: LECTURES }),
    ).toEqual({ ok: true, recipients: count });

    // The worker dies after queuing the first batch (its second transaction never happens).
    const dying = dyingAfter(t.db, 1);
    await runJobs(() => dying);
    const queued = () => t.db.outboundEmail.count({ where: { key: { startsWith: `announcement:${id}:` } } });
    // The first batch, less the person who turned announcements off if they were in it.
    const firstBatch = await queued();
    expect(firstBatch).toBeGreaterThanOrEqual(ANNOUNCEMENT_BATCH - 1);
    expect(firstBatch).toBeLessThanOrEqual(ANNOUNCEMENT_BATCH);

    // Restarted, the queue retries the job: it queues the rest, and everyone's mail goes out once.
    await makeRetriesDue(t);
    await runJobs();
    expect(await queued()).toBe(count - 1);
    const received = smtp.received.filter((m) => m.to.startsWith(`bulk${n}-`)).map((m) => m.to);
    expect(received).toHaveLength(count - 1);
    expect(new Set(received).size).toBe(count - 1);
    expect(received).not.toContain(`bulk${n}-7@example.org`);
    expect(await ownNotices(t.db, users[7]!.id)).toHaveLength(1);
    const stored = await t.db.outboundEmail.findMany({
      where: { key: { startsWith: `announcement:${id}:` }, sentAt: null },
    });
    expect(stored).toEqual([]);
  }, 120_000);

  it("[UNSUBSCRIBE]: a genuine link turns its kind of mail off (audit-logged); a forged or altered one changes nothing; reminders then skip the person", async () => {
    const { cohort } = await cohortWithSession("unsub");
    const leaving = await participant(cohort.id, `leaving${n}@example.org`);
    const staying = await participant(cohort.id, `staying${n}@example.org`);
    const token = unsubscribeToken(SECRET, leaving.id, "reminder");

    expect(await unsubscribeByLink(t.db, { u: leaving.id, k: "reminder", t: "x".repeat(32) })).toBe(false);
    // The token for reminders does not turn announcements off, nor work for someone else.
    expect(await unsubscribeByLink(t.db, { u: leaving.id, k: "announcement", t: token })).toBe(false);
    expect(await unsubscribeByLink(t.db, { u: staying.id, k: "reminder", t: token })).toBe(false);
    expect(await ownMailOptOuts(t.db, leaving.id)).toEqual([]);

    expect(await unsubscribeByLink(t.db, { u: leaving.id, k: "reminder", t: token })).toBe(true);
    expect(await ownMailOptOuts(t.db, leaving.id)).toEqual(["reminder"]);
    // Pressed again: nothing more changes, and the log has one entry.
    expect(await unsubscribeByLink(t.db, { u: leaving.id, k: "reminder", t: token })).toBe(true);
    const audit = await t.db.auditEvent.findMany({
      where: { action: "profile.mail_preferences", entityId: leaving.id },
    });
    expect(audit.map((a) => a.after)).toEqual([{ mailOptOuts: ["reminder"], via: "unsubscribe-link" }]);

    // A session about to start reminds only the person who still wants reminders, with their own link.
    const startsAt = new Date(Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000);
    const session = await t.db.liveSession.create({
      data: {
        cohortId: cohort.id,
        lectureSlug: "pakistan-sti-policy",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600_000),
      },
    });
    await addJob(t.db, "session-reminder", { sessionId: session.id, kind: "1h", startsAt: startsAt.toISOString() });
    await runJobs();
    const mails = await t.db.outboundEmail.findMany({ where: { key: { startsWith: `reminder:${session.id}:` } } });
    expect(mails.map((m) => m.to)).toEqual([`staying${n}@example.org`]);
    expect(mails[0]!.unsubscribeUrl).toBe(
      `${siteUrl()}/api/unsubscribe?u=${staying.id}&k=reminder&t=${unsubscribeToken(SECRET, staying.id, "reminder")}`,
    );
    expect(mails[0]!.text).toContain(`/unsubscribe?u=${staying.id}&k=reminder&t=`);
  });
});
