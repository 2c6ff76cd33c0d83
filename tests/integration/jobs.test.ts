// The job queue (graphile-worker on the test's own database): jobs added in a transaction
// exist only if it commits; the worker issues certificates and delivers queued e-mail to a
// real SMTP server (smtp-server), retrying while it refuses for now, giving up when it
// refuses for good, sending once however often a job runs; failed jobs are listed and can
// be run again.
import { describe, expect, it } from "vitest";
import { changeEnrolment } from "@/lib/db/enrolments-admin";
import { decideExcuse } from "@/lib/db/excuses";
import { ownNotices } from "@/lib/db/notices";
import { listOutbox } from "@/lib/db/outbox";
import { createSession, deleteSession, updateSession } from "@/lib/db/sessions";
import { addJob, JOB_NAMES, jobCounts, listFailedJobs, retryFailedJob } from "@/lib/db/jobs";
import { makeTaskList } from "@/lib/jobs/tasks";
import { deliverQueuedEmail, QUEUE_BATCH, queueMail, queueMails } from "@/lib/mail/send";
import { setUpTestDatabase } from "./support/database";
import { makeRetriesDue, runDueJobs } from "./support/jobs";
import { setUpSmtpServer } from "./support/smtp";

const t = setUpTestDatabase();
let n = 0;

const runJobs = () => runDueJobs(t, { env });

const smtp = setUpSmtpServer();
const { env } = smtp;

describe("the job queue", () => {
  const mail = (to: string) => ({
    kind: "invitation" as const,
    to,
    subject: `Hello ${to}`,
    text: "Body",
    html: "<p>Body</p>",
  });

  it("[JOBS]: the worker knows every task a job can name", () => {
    expect(Object.keys(makeTaskList(() => t.db)).sort()).toEqual([...JOB_NAMES].sort());
  });

  it("[JOBS][MAIL]: many mails are queued in batches, one delivery job each, and all delivered once; queued again, those already queued are left out", async () => {
    const count = QUEUE_BATCH + 5;
    const mails = Array.from({ length: count }, (_, i) => ({
      ...mail(`batch${i}@example.org`),
      key: `batch-test:${i}`,
    }));
    const before = await jobCounts(t.db);
    expect(await queueMails(t.db, mails, env)).toHaveLength(count);
    expect((await jobCounts(t.db)).waiting).toBe(before.waiting + 2);
    expect(await queueMails(t.db, mails, env)).toEqual([]);
    await runJobs();
    const received = smtp.received.filter((m) => /^batch\d+@/.test(m.to)).map((m) => m.to);
    expect(received).toHaveLength(count);
    expect(new Set(received).size).toBe(count);
    expect(
      await t.db.outboundEmail.count({ where: { key: { startsWith: "batch-test:" }, sentAt: { not: null } } }),
    ).toBe(count);
  });

  it("[JOBS]: a job added in a transaction that rolls back does not exist; one that commits does", async () => {
    const before = await jobCounts(t.db);
    await expect(
      t.db.$transaction(async (tx) => {
        await queueMail(tx, mail("rolled-back@example.org"), env);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await jobCounts(t.db)).toEqual(before);
    expect(await t.db.outboundEmail.count({ where: { to: "rolled-back@example.org" } })).toBe(0);
    await t.db.$transaction((tx) => queueMail(tx, mail("committed@example.org"), env));
    expect((await jobCounts(t.db)).waiting).toBe(before.waiting + 1);
    await runJobs();
    expect(smtp.received.filter((m) => m.to === "committed@example.org")).toHaveLength(1);
  });

  it("[JOBS][MAIL]: the SMTP server refusing for now: the mail waits and is retried, then sent once; running its job again sends nothing", async () => {
    smtp.state.answer = "busy";
    const ids = await queueMails(t.db, [mail("later1@example.org"), mail("later2@example.org")], env);
    await runJobs();
    expect(smtp.received.filter((m) => m.to.startsWith("later"))).toHaveLength(0);
    const waiting = await t.db.outboundEmail.findMany({ where: { id: { in: ids } } });
    for (const row of waiting) {
      expect(row).toMatchObject({ sentAt: null, failedAt: null, attempts: 1 });
      expect(row.error).toMatch(/Mailbox busy/);
    }
    smtp.state.answer = "accept";
    await makeRetriesDue(t);
    await runJobs();
    expect(
      smtp.received
        .filter((m) => m.to.startsWith("later"))
        .map((m) => m.to)
        .sort(),
    ).toEqual(["later1@example.org", "later2@example.org"]);
    const sent = await t.db.outboundEmail.findMany({ where: { id: { in: ids } } });
    for (const row of sent) expect(row).toMatchObject({ attempts: 2, failedAt: null, sentAt: expect.any(Date) });
    // A job that runs twice sends once.
    expect(await deliverQueuedEmail(t.db, ids[0]!, env)).toBe("already-sent");
    expect(smtp.received.filter((m) => m.to === "later1@example.org")).toHaveLength(1);
  });

  it("[JOBS][MAIL]: an address the server refuses for good is recorded as failed and not retried", async () => {
    smtp.state.answer = "unknown-user";
    const { id } = await queueMail(t.db, mail("nobody@example.org"), env);
    await runJobs();
    const row = await t.db.outboundEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ sentAt: null, attempts: 1, failedAt: expect.any(Date) });
    expect(row.error).toMatch(/No such user/);
    // The job itself succeeded (there is nothing to retry): nothing waits for this mail.
    smtp.state.answer = "accept";
    await makeRetriesDue(t);
    await runJobs();
    expect(smtp.received.filter((m) => m.to === "nobody@example.org")).toHaveLength(0);
    expect((await t.db.outboundEmail.findUniqueOrThrow({ where: { id } })).attempts).toBe(1);
  });

  it("[JOBS][ADMIN]: a job that used up its attempts is listed with its error, and runs again when retried", async () => {
    smtp.state.answer = "busy";
    n += 1;
    const to = `retried${n}@example.org`;
    const { id } = await t.db.outboundEmail.create({ data: { ...mail(to), transport: "smtp" }, select: { id: true } });
    await addJob(t.db, "send-email", { emailId: id }, { key: `email:${id}`, maxAttempts: 1 });
    await runJobs();
    const failed = (await listFailedJobs(t.db)).find((j) => j.key === `email:${id}`);
    expect(failed).toMatchObject({ task: "send-email", attempts: 1 });
    expect(failed!.lastError).toMatch(/Mailbox busy/);
    expect((await jobCounts(t.db)).failed).toBeGreaterThanOrEqual(1);

    expect(await retryFailedJob(t.db, "not-a-number")).toBe(false);
    smtp.state.answer = "accept";
    expect(await retryFailedJob(t.db, failed!.id)).toBe(true);
    // Retried once: it is no longer failed, so a second click does nothing.
    expect(await retryFailedJob(t.db, failed!.id)).toBe(false);
    await runJobs();
    expect(smtp.received.filter((m) => m.to === to)).toHaveLength(1);
    expect((await listFailedJobs(t.db)).find((j) => j.key === `email:${id}`)).toBeUndefined();
  });

  it("[JOBS][CERTIFICATES]: the issuing job issues to whoever is eligible, once however often it runs", async () => {
    n += 1;
    const cohort = await t.db.cohort.create({
      data: {
        slug: `jobs-${n}`,
        name: `Jobs ${n}`,
        timeZone: "UTC",
        startsOn: new Date("2021-12-15"),
        endsOn: new Date("2021-12-16"),
      },
    });
    await t.db.certificateRule.create({
      data: { cohortId: cohort.id, minAttendancePercent: 0, requiredQuizzes: [], autoIssue: true },
    });
    const people = await Promise.all(
      ["Ali Raza", ""].map((name, i) =>
        t.db.user.create({
          data: { email: `jobs${n}-${i}@example.org`, certificateName: name || null },
        }),
      ),
    );
    for (const p of people)
      await t.db.enrolment.create({ data: { userId: p.id, cohortId: cohort.id, status: "ACTIVE" } });
    await addJob(t.db, "issue-certificates", { cohortId: cohort.id, userIds: null });
    await addJob(t.db, "issue-certificates", { cohortId: cohort.id, userIds: [people[0]!.id] });
    await runJobs();
    const issued = await t.db.certificate.findMany({ where: { cohortId: cohort.id } });
    // The person without a certificate name gets none; the other gets exactly one.
    expect(issued.map((c) => c.userId)).toEqual([people[0]!.id]);
    expect(issued[0]!.name).toBe("Ali Raza");
  });

  it("[JOBS][REMINDERS]: a session's reminders are planned 24 h and 1 h before it, move with it, go to its active participants in their own time zone once, and are removed with it", async () => {
    n += 1;
    smtp.state.answer = "accept";
    const now = Date.now();
    const HOUR = 60 * 60 * 1000;
    const cohort = await t.db.cohort.create({
      data: { slug: `remind-${n}`, name: `Remind ${n}`, timeZone: "UTC", startsOn: new Date(), endsOn: new Date() },
    });
    const admin = await t.db.user.create({ data: { email: `remind-admin${n}@example.org`, role: "ADMIN" } });
    await Promise.all(
      [
        {
          email: `bilal${n}@example.org`,
          certificateName: "Bilal Qureshi",
          timeZone: "Asia/Karachi",
          status: "ACTIVE",
        },
        { email: `chen${n}@example.org`, certificateName: "Chen Wei", timeZone: null, status: "ACTIVE" },
        { email: `gone${n}@example.org`, certificateName: "Gone", timeZone: null, status: "WITHDRAWN" },
      ].map(async ({ status, ...data }) => {
        const user = await t.db.user.create({ data });
        await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: status as "ACTIVE" } });
        return user;
      }),
    );
    const jobsOf = async (sessionId: string) =>
      Object.fromEntries(
        (
          await t.db.$queryRaw<{ key: string; run_at: Date }[]>`
            SELECT key, run_at FROM graphile_worker.jobs WHERE key LIKE ${`reminder:${sessionId}:%`}`
        ).map((j) => [j.key.split(":").at(-1)!, j.run_at.getTime()]),
      );
    const lectureSlug = "pakistan-sti-policy";
    const startsAt = new Date(Math.ceil((now + 48 * HOUR) / 60_000) * 60_000);
    const session = await createSession(t.db, admin.id, cohort.id, {
      lectureSlug,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      joinUrl: "https://zoom.us/j/555",
    });
    expect(await jobsOf(session.id)).toEqual({
      "24h": startsAt.getTime() - 24 * HOUR,
      "1h": startsAt.getTime() - HOUR,
    });

    // Moved to three hours from now: the day-before reminder has no time left; the other moves.
    const moved = new Date(Math.ceil((now + 3 * HOUR) / 60_000) * 60_000);
    await updateSession(t.db, admin.id, cohort.id, session.id, {
      lectureSlug,
      startsAt: moved,
      endsAt: new Date(moved.getTime() + HOUR),
      joinUrl: "https://zoom.us/j/555",
    });
    expect(await jobsOf(session.id)).toEqual({ "1h": moved.getTime() - HOUR });

    // Its time come (made due now), it reminds the two active participants, each in their zone.
    await t.db.$executeRaw`SELECT graphile_worker.reschedule_jobs(
      ARRAY(SELECT id FROM graphile_worker.jobs WHERE key = ${`reminder:${session.id}:1h`}), run_at := now())`;
    await runJobs();
    const mails = await t.db.outboundEmail.findMany({ where: { key: { startsWith: `reminder:${session.id}:` } } });
    expect(mails.map((m) => m.to).sort()).toEqual([`bilal${n}@example.org`, `chen${n}@example.org`]);
    const bilal = mails.find((m) => m.to === `bilal${n}@example.org`)!;
    expect(bilal.subject).toBe("In one hour: Lecture 3: STI Policy Framework in Pakistan");
    expect(bilal.text).toContain("Pakistan Standard Time");
    expect(bilal.text).toContain("https://zoom.us/j/555");
    expect(mails.find((m) => m.to === `chen${n}@example.org`)!.text).toContain("Coordinated Universal Time");
    // The outbox finds them by kind and recipient.
    expect((await listOutbox(t.db, { kind: "reminder", to: `bilal${n}@` })).map((m) => m.id)).toEqual([bilal.id]);
    expect(await listOutbox(t.db, { kind: "invitation", to: `bilal${n}@` })).toEqual([]);
    expect(
      smtp.received.filter((m) => m.subject.startsWith("In one hour") && m.to.endsWith(`${n}@example.org`)),
    ).toHaveLength(2);

    // Run again (the same job twice): nothing more is queued or sent.
    await addJob(t.db, "session-reminder", { sessionId: session.id, kind: "1h", startsAt: moved.toISOString() });
    await runJobs();
    expect(await t.db.outboundEmail.count({ where: { key: { startsWith: `reminder:${session.id}:` } } })).toBe(2);
    // A job planned for the session's former time sends nothing.
    await addJob(t.db, "session-reminder", { sessionId: session.id, kind: "1h", startsAt: startsAt.toISOString() });
    await runJobs();
    expect(await t.db.outboundEmail.count({ where: { key: { startsWith: `reminder:${session.id}:` } } })).toBe(2);

    // Planned again for a new session, then the session deleted: its reminders go with it.
    const later = await createSession(t.db, admin.id, cohort.id, {
      lectureSlug,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      joinUrl: null,
    });
    expect(Object.keys(await jobsOf(later.id)).sort()).toEqual(["1h", "24h"]);
    expect(await deleteSession(t.db, admin.id, cohort.id, later.id)).toBe("deleted");
    expect(await jobsOf(later.id)).toEqual({});
  });

  it("[JOBS][NOTICES]: an organiser's decisions and a certificate reach the person, on their dashboard and by one e-mail each", async () => {
    n += 1;
    smtp.state.answer = "accept";
    const HOUR = 60 * 60 * 1000;
    const cohort = await t.db.cohort.create({
      data: {
        slug: `notice-${n}`,
        name: `Notice ${n}`,
        timeZone: "Asia/Tashkent",
        startsOn: new Date(),
        endsOn: new Date(),
      },
    });
    await t.db.certificateRule.create({
      data: { cohortId: cohort.id, minAttendancePercent: 0, requiredQuizzes: [], autoIssue: true },
    });
    const admin = await t.db.user.create({ data: { email: `notice-admin${n}@example.org`, role: "ADMIN" } });
    const person = await t.db.user.create({
      data: { email: `nodira${n}@example.org`, certificateName: "Nodira Yusupova" },
    });
    const other = await t.db.user.create({ data: { email: `other${n}@example.org`, certificateName: "Other" } });
    const enrolment = await t.db.enrolment.create({
      data: { userId: person.id, cohortId: cohort.id, status: "PENDING" },
    });
    const session = await t.db.liveSession.create({
      data: {
        cohortId: cohort.id,
        lectureSlug: "china-st-system-reform",
        startsAt: new Date(Date.now() + 48 * HOUR),
        endsAt: new Date(Date.now() + 49 * HOUR),
      },
    });

    expect(
      await changeEnrolment(t.db, admin.id, { cohortId: cohort.id, enrolmentId: enrolment.id, action: "approve" }),
    ).toMatchObject({ ok: true });
    const excuse = await t.db.excuseRequest.create({
      data: { sessionId: session.id, userId: person.id, reason: "A conference in Tashkent" },
    });
    expect(await decideExcuse(t.db, admin.id, cohort.id, excuse.id, false)).toMatchObject({ ok: true });
    await addJob(t.db, "issue-certificates", { cohortId: cohort.id, userIds: [person.id] });
    await runJobs();

    const notices = await ownNotices(t.db, person.id);
    expect(notices.map((x) => x.kind).sort()).toEqual(["certificate.issued", "enrolment.approved", "excuse.refused"]);
    expect(notices.every((x) => x.cohort === cohort.name)).toBe(true);
    // Only the person's own.
    expect(await ownNotices(t.db, other.id)).toEqual([]);

    const mails = await t.db.outboundEmail.findMany({ where: { to: person.email, key: { startsWith: "notice:" } } });
    expect(mails.map((m) => m.subject).sort()).toEqual([
      `You have a place in ${cohort.name}`,
      `Your certificate: ${cohort.name}`,
      "Your excuse request was not accepted",
    ]);
    const certificate = await t.db.certificate.findFirstOrThrow({ where: { userId: person.id, cohortId: cohort.id } });
    expect(mails.find((m) => m.subject.startsWith("Your certificate"))!.text).toContain(`/verify/${certificate.code}`);
    expect(mails.find((m) => m.subject.startsWith("Your excuse"))!.text).toContain("Uzbekistan");
    expect(smtp.received.filter((m) => m.to === person.email)).toHaveLength(3);

    // Each notice's e-mail goes once, however often its job runs.
    for (const x of notices) await addJob(t.db, "send-notice", { noticeId: x.id });
    await runJobs();
    expect(await t.db.outboundEmail.count({ where: { to: person.email } })).toBe(3);
    expect(smtp.received.filter((m) => m.to === person.email)).toHaveLength(3);
  });
});
