// Notices that remind: self check-in opening tells those not yet marked; the quizzes'
// closing time plans a notice a day before, to those whose certificate still needs a
// quiz, moved and removed with the rules. Both are e-mailed as reminders: with a one-click
// unsubscribe, and not to those who turned reminders off.
import { describe, expect, it } from "vitest";
import { setCheckIn } from "@/lib/db/check-in";
import { addJob } from "@/lib/db/jobs";
import { changeMailOptOuts } from "@/lib/db/mail-preferences";
import { ownNotices } from "@/lib/db/notices";
import { noticeQuizClosing } from "@/lib/db/quiz-closing";
import { saveQuizRules } from "@/lib/db/quiz-rules";
import { DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";
import { setUpTestDatabase } from "./support/database";
import { runDueJobs } from "./support/jobs";

const t = setUpTestDatabase();
const LECTURES = [
  { slug: "pakistan-sti-policy", number: 3 },
  { slug: "nhz-policy-framework", number: 5 },
];
const HOUR = 3600_000;
let n = 0;

async function cohortWith(names: string[]) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: { slug: `remind-n-${n}`, name: `Remind N ${n}`, timeZone: "UTC", startsOn: new Date(), endsOn: new Date() },
  });
  await t.db.certificateRule.create({
    data: {
      cohortId: cohort.id,
      minAttendancePercent: 0,
      requiredQuizzes: LECTURES.map((l) => l.slug),
      autoIssue: false,
    },
  });
  const admin = await t.db.user.create({ data: { email: `remind-n-admin${n}@example.org`, role: "ADMIN" } });
  const people = [];
  for (const [i, name] of names.entries()) {
    const user = await t.db.user.create({ data: { email: `remind-n${n}-${i}@example.org`, certificateName: name } });
    await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: "ACTIVE" } });
    people.push(user);
  }
  return { cohort, admin, people };
}

describe("reminding notices", () => {
  it("[NOTICES][CHECK-IN]: opening self check-in tells each active participant not yet marked, once; the e-mail is a reminder with its unsubscribe link, skipped for whoever turned reminders off", async () => {
    const { cohort, admin, people } = await cohortWith(["Ali Raza", "Chen Wei", "Elif Yilmaz"]);
    const [marked, reader, optedOut] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const startsAt = new Date(Date.now() - 10 * 60_000);
    const session = await t.db.liveSession.create({
      data: {
        cohortId: cohort.id,
        lectureSlug: "pakistan-sti-policy",
        startsAt,
        endsAt: new Date(startsAt.getTime() + HOUR),
      },
    });
    await t.db.attendanceRecord.create({
      data: { sessionId: session.id, userId: marked.id, status: "PRESENT", source: "MANUAL" },
    });
    await changeMailOptOuts(t.db, optedOut.id, { off: "reminder" }, "profile");

    expect(await setCheckIn(t.db, admin.id, cohort.id, session.id, { minutes: 15 })).toBe(true);
    // Opened again while open (a new code): nobody is told twice.
    expect(await setCheckIn(t.db, admin.id, cohort.id, session.id, { minutes: 20 })).toBe(true);
    expect(await ownNotices(t.db, marked.id)).toEqual([]);
    const [notice] = await ownNotices(t.db, reader.id);
    expect(notice).toMatchObject({
      kind: "checkin.open",
      data: { sessionId: session.id, lectureSlug: "pakistan-sti-policy" },
    });
    expect(await ownNotices(t.db, reader.id)).toHaveLength(1);
    expect(await ownNotices(t.db, optedOut.id)).toHaveLength(1);

    await runDueJobs(t);
    const mails = await t.db.outboundEmail.findMany({ where: { to: { startsWith: `remind-n${n}-` } } });
    expect(mails.map((m) => m.to)).toEqual([reader.email]);
    expect(mails[0]).toMatchObject({
      kind: "reminder",
      subject: "Check in now: Lecture 3: STI Policy Framework in Pakistan",
    });
    expect(mails[0]!.text).toContain(`/check-in/${session.id}`);
    expect(mails[0]!.unsubscribeUrl).toContain(`/api/unsubscribe?u=${reader.id}&k=reminder&t=`);
  });

  it("[NOTICES][QUIZ]: the quizzes' closing time plans a notice a day before, moved and removed with the rules; it tells each person the quizzes they still need, once", async () => {
    const { cohort, admin, people } = await cohortWith(["Ali Raza", "Chen Wei"]);
    const [ali, chen] = people as [(typeof people)[0], (typeof people)[0]];
    const job = async () =>
      (
        await t.db.$queryRaw<{ run_at: Date }[]>`
          SELECT run_at FROM graphile_worker.jobs WHERE key = ${`quiz-closing:${cohort.id}`}`
      )[0];
    const closesAt = new Date(Math.ceil((Date.now() + 72 * HOUR) / 60_000) * 60_000);
    await saveQuizRules(t.db, admin.id, cohort.id, { ...DEFAULT_QUIZ_RULES, closesAt });
    expect((await job())?.run_at.getTime()).toBe(closesAt.getTime() - 24 * HOUR);
    const later = new Date(closesAt.getTime() + 24 * HOUR);
    await saveQuizRules(t.db, admin.id, cohort.id, { ...DEFAULT_QUIZ_RULES, closesAt: later });
    expect((await job())?.run_at.getTime()).toBe(later.getTime() - 24 * HOUR);
    await saveQuizRules(t.db, admin.id, cohort.id, { ...DEFAULT_QUIZ_RULES, closesAt: null });
    expect(await job()).toBeUndefined();

    // Chen has a closing time of his own for lecture 5: only lecture 3 is the cohort's for him.
    await saveQuizRules(t.db, admin.id, cohort.id, { ...DEFAULT_QUIZ_RULES, closesAt });
    await t.db.quizOverride.create({
      data: {
        cohortId: cohort.id,
        lectureSlug: "nhz-policy-framework",
        userId: chen.id,
        closesAt: later,
        setById: admin.id,
      },
    });
    // A job planned for a former closing time does nothing.
    expect(
      await noticeQuizClosing(t.db, { cohortId: cohort.id, closesAt: later.toISOString(), lectures: LECTURES }),
    ).toBe(0);
    expect(
      await noticeQuizClosing(t.db, { cohortId: cohort.id, closesAt: closesAt.toISOString(), lectures: LECTURES }),
    ).toBe(2);
    expect(
      await noticeQuizClosing(t.db, { cohortId: cohort.id, closesAt: closesAt.toISOString(), lectures: LECTURES }),
    ).toBe(0);
    expect((await ownNotices(t.db, ali.id)).map((x) => x.data)).toEqual([
      { closesAt: closesAt.toISOString(), lectureSlugs: ["pakistan-sti-policy", "nhz-policy-framework"] },
    ]);
    expect((await ownNotices(t.db, chen.id)).map((x) => x.data)).toEqual([
      { closesAt: closesAt.toISOString(), lectureSlugs: ["pakistan-sti-policy"] },
    ]);
    // The job runs the same code through the queue, and the notices are e-mailed.
    await addJob(t.db, "quiz-closing", { cohortId: cohort.id, closesAt: closesAt.toISOString() });
    await runDueJobs(t);
    const mails = await t.db.outboundEmail.findMany({ where: { to: { in: [ali.email, chen.email] } } });
    expect(mails.map((m) => m.subject)).toEqual([
      `Quizzes close tomorrow: ${cohort.name}`,
      `Quizzes close tomorrow: ${cohort.name}`,
    ]);
    expect(mails.find((m) => m.to === chen.email)!.text).toContain("this quiz: Lecture 3:");
  });
});
