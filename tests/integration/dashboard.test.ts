import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { markAttendance, ownAttendance } from "@/lib/db/attendance";
import { cohortAutoIssues, ownCertificates, ownEligibility, saveCertificateRule } from "@/lib/db/certificates";
import { getOwnProfile } from "@/lib/db/profile";
import { ownDashboard } from "@/lib/db/dashboard";
import { ownLectureMarks, setLectureStudied } from "@/lib/db/lecture-marks";
import { getQuizRules, saveQuizRules } from "@/lib/db/quiz-rules";
import { ownQuizStatuses, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { listOwnCohortSchedules } from "@/lib/db/sessions";
import { courseDeadline, courseProgress, quizWindow } from "@/lib/domain/progress";
import { correctResponse, DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";
import { dateOnly, toDateInput } from "@/lib/domain/time";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lectures = loadLectures(path.join(process.cwd(), "content"));
const refs = lectures.map((l) => ({ slug: l.slug, number: l.number }));
const slugs = refs.map((r) => r.slug);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
let n = 0;

afterEach(() => {
  vi.restoreAllMocks();
});

/** The calendar day `days` from today, as a DATE column holds it. */
const calendarDay = (days: number) => dateOnly(toDateInput(new Date(Date.now() + days * DAY)));

async function cohort(data: { archivedAt?: Date } = {}) {
  n += 1;
  return t.db.cohort.create({
    data: {
      slug: `dash-${n}`,
      name: `Dashboard ${n}`,
      timeZone: "Asia/Karachi",
      // A month either side of today (a DATE column: midnight UTC), so that the cohort is
      // under way on any day the tests run, the clock stage's included.
      startsOn: calendarDay(-30),
      endsOn: calendarDay(30),
      ...data,
    },
  });
}
const person = (role: "ADMIN" | "PARTICIPANT" = "PARTICIPANT") =>
  t.db.user.create({ data: { email: `dash${++n}@example.org`, role, certificateName: `Person ${n}` } });

/** Five sessions, one per lecture: three held (days ago), two to come. */
async function schedule(cohortId: string) {
  const now = Date.now();
  const sessions = [];
  for (const [i, slug] of slugs.entries()) {
    const startsAt = new Date(now + (i - 3) * DAY);
    sessions.push(
      await t.db.liveSession.create({
        data: {
          cohortId,
          lectureSlug: slug,
          startsAt,
          endsAt: new Date(startsAt.getTime() + HOUR),
          joinUrl: `https://zoom.example.org/j/${i}`,
        },
      }),
    );
  }
  return sessions;
}

async function pass(userId: string, cohortId: string, index: number) {
  const { quiz, slug } = lectures[index]!;
  const started = await startAttempt(t.db, { userId, cohortId, lectureSlug: slug, questions: quiz.questions });
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  await submitAttempt(
    t.db,
    userId,
    started.attemptId,
    Object.fromEntries(quiz.questions.map((q) => [q.id, correctResponse(q)])),
  );
}

async function certificate(
  userId: string,
  cohortId: string,
  data: { issuedAt: Date; revokedAt?: Date; revokedReason?: string },
) {
  n += 1;
  return t.db.certificate.create({
    data: {
      code: `ECOSF-26-TEST-${String(n).padStart(4, "0")}`,
      userId,
      cohortId,
      name: "Person",
      statusIndex: n,
      credential: "jwt",
      ...data,
    },
  });
}

/**
 * A participant in two active cohorts (one with its own rules, attendance, an excuse
 * request, a passed quiz, a quiz in progress, one whose time ran out, two certificates;
 * one with the defaults and nothing done yet), a request waiting in a third, a withdrawn
 * place and an archived cohort; and another participant with records of their own in
 * the same cohorts.
 */
async function scene() {
  const admin = await person("ADMIN");
  const me = await person();
  const other = await person();
  const [busy, quiet, waiting, left, archived] = [
    await cohort(),
    await cohort(),
    await cohort(),
    await cohort(),
    await cohort({ archivedAt: new Date() }),
  ];
  const at = (ms: number) => new Date(Date.now() + ms);
  await t.db.enrolment.create({
    data: { userId: me.id, cohortId: busy.id, status: "ACTIVE", createdAt: at(-3 * DAY) },
  });
  await t.db.enrolment.create({
    data: { userId: me.id, cohortId: quiet.id, status: "ACTIVE", createdAt: at(-2 * DAY) },
  });
  await t.db.enrolment.create({
    data: { userId: me.id, cohortId: waiting.id, status: "PENDING", createdAt: at(-DAY) },
  });
  await t.db.enrolment.create({ data: { userId: me.id, cohortId: left.id, status: "WITHDRAWN" } });
  await t.db.enrolment.create({ data: { userId: me.id, cohortId: archived.id, status: "ACTIVE" } });
  for (const c of [busy, quiet])
    await t.db.enrolment.create({ data: { userId: other.id, cohortId: c.id, status: "ACTIVE" } });
  const [busySessions, quietSessions] = [await schedule(busy.id), await schedule(quiet.id)];
  await schedule(waiting.id);
  await schedule(archived.id);
  await saveQuizRules(t.db, admin.id, busy.id, { ...DEFAULT_QUIZ_RULES, timeLimitMinutes: 30, scorePolicy: "LATEST" });
  await t.db.attendanceSettings.create({ data: { cohortId: busy.id, excusedCounts: false } });
  await saveCertificateRule(
    t.db,
    admin.id,
    busy.id,
    { minAttendancePercent: 60, requiredQuizzes: [slugs[0]!, slugs[1]!, "a-removed-lecture"], autoIssue: false },
    refs,
  );
  await markAttendance(t.db, admin.id, busy.id, busySessions[0]!.id, [
    { userId: me.id, status: "PRESENT", note: null },
    { userId: other.id, status: "ABSENT", note: null },
  ]);
  await markAttendance(t.db, admin.id, busy.id, busySessions[1]!.id, [{ userId: me.id, status: "ABSENT", note: null }]);
  await markAttendance(t.db, admin.id, quiet.id, quietSessions[0]!.id, [
    { userId: other.id, status: "PRESENT", note: null },
  ]);
  await t.db.excuseRequest.create({ data: { sessionId: busySessions[1]!.id, userId: me.id, reason: "Ill" } });
  // Check-in open on the first three sessions of the busy cohort (the first already marks her
  // present), and closed again on the fourth.
  for (const [i, closesIn] of [
    [0, HOUR],
    [1, HOUR],
    [2, HOUR],
    [3, -HOUR],
  ] as const)
    await t.db.liveSession.update({
      where: { id: busySessions[i]!.id },
      data: { checkInSecret: `secret-${i}`, checkInClosesAt: at(closesIn) },
    });
  await t.db.excuseRequest.create({ data: { sessionId: quietSessions[0]!.id, userId: other.id, reason: "Away" } });
  await pass(me.id, busy.id, 0);
  await pass(other.id, quiet.id, 0);
  const { quiz, slug } = lectures[1]!;
  // Started two hours ago with a 30-minute limit: it counts as submitted at its deadline.
  const overdue = await startAttempt(t.db, {
    userId: me.id,
    cohortId: busy.id,
    lectureSlug: slug,
    questions: quiz.questions,
    now: at(-2 * HOUR),
  });
  if (!overdue.ok) throw new Error("could not start");
  await t.db.quizAttempt.update({
    where: { id: overdue.attemptId },
    data: { responses: Object.fromEntries(quiz.questions.map((q) => [q.id, correctResponse(q)])) },
  });
  const running = await startAttempt(t.db, {
    userId: me.id,
    cohortId: busy.id,
    lectureSlug: slugs[2]!,
    questions: lectures[2]!.quiz.questions,
  });
  if (!running.ok) throw new Error("could not start");
  await certificate(me.id, busy.id, { issuedAt: at(-2 * DAY), revokedAt: at(-DAY), revokedReason: "Name corrected" });
  await certificate(me.id, busy.id, { issuedAt: at(-DAY) });
  await certificate(other.id, quiet.id, { issuedAt: at(-DAY) });
  // Lecture 4 marked as studied in the busy cohort; lecture 1 (whose quiz is passed) too.
  for (const i of [3, 0])
    await setLectureStudied(t.db, { userId: me.id, cohortId: busy.id, lectureSlug: slugs[i]!, studied: true });
  await setLectureStudied(t.db, { userId: other.id, cohortId: busy.id, lectureSlug: slugs[4]!, studied: true });
  await t.db.lectureMark.create({ data: { userId: me.id, cohortId: left.id, lectureSlug: slugs[4]! } });
  return { me, other, busy, quiet, waiting };
}

/** What the page read before ownDashboard: one reader per panel per cohort. */
async function perPanel(userId: string, now: Date) {
  const cohorts = await listOwnCohortSchedules(t.db, userId);
  return Promise.all(
    cohorts.map(async ({ status, cohort }) => {
      if (status !== "ACTIVE") return { status, cohort };
      // No per-panel reader had whether check-in is open: checked on its own below.
      const sessions = cohort.sessions.map((session) => ({ ...session, checkInOpen: expect.any(Boolean) }));
      const [quizzes, attendance, certificates, eligibility, autoIssue, marks, rules, { country }] = await Promise.all([
        ownQuizStatuses(t.db, userId, cohort.id, slugs, now),
        ownAttendance(t.db, userId, cohort.id, now),
        ownCertificates(t.db, userId, cohort.id),
        ownEligibility(t.db, userId, cohort.id, refs, now),
        cohortAutoIssues(t.db, cohort.id),
        ownLectureMarks(t.db, userId, cohort.id),
        getQuizRules(t.db, cohort.id),
        getOwnProfile(t.db, userId),
      ]);
      return {
        status,
        cohort: { ...cohort, sessions },
        quizzes,
        // No per-panel reader had it: checked on its own below.
        timedOut: expect.any(Object),
        attendance,
        certificates: certificates.map((c) => ({
          id: c.id,
          code: c.code,
          issuedAt: c.issuedAt,
          revokedAt: c.revokedAt,
          revokedReason: c.revokedReason,
          replacedById: c.replacedById,
          name: c.name,
          nativeName: c.nativeName,
          holderCountry: country,
        })),
        eligibility,
        autoIssue,
        progress: courseProgress(
          refs.map((r) => ({ ...r, marked: marks.has(r.slug), quiz: quizzes[r.slug]! })),
          quizWindow(rules, now),
        ),
        deadline: courseDeadline(
          refs.map((r) => ({ closesAt: rules.closesAt, passed: quizzes[r.slug]!.status === "passed" })),
          { endsOn: cohort.endsOn, timeZone: cohort.timeZone },
          now,
        ),
      };
    }),
  );
}

/** The statements sent to PostgreSQL while `run` runs, through Prisma or straight to the pool. */
async function statementsOf(run: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(pg.Client.prototype, "query");
  await run();
  const count = spy.mock.calls.length;
  spy.mockRestore();
  return count;
}

describe("ownDashboard", () => {
  it("shows exactly what the per-panel readers show, for the acting user's own cohorts and rows only", async () => {
    const { me, busy, quiet, waiting } = await scene();
    const now = new Date();
    const dashboard = await ownDashboard(t.db, me.id, refs, now);
    expect(dashboard.map((c) => [c.status, c.cohort.id])).toEqual([
      ["PENDING", waiting.id],
      ["ACTIVE", quiet.id],
      ["ACTIVE", busy.id],
    ]);
    expect(dashboard).toEqual(await perPanel(me.id, now));
    const mine = dashboard.find((c) => c.cohort.id === busy.id);
    if (mine?.status !== "ACTIVE") throw new Error("no active place in the busy cohort");
    expect(mine.quizzes[slugs[0]!]).toMatchObject({ status: "passed", percent: 100 });
    expect(mine.quizzes[slugs[1]!]).toMatchObject({ status: "passed", percent: 100 });
    expect(mine.quizzes[slugs[2]!]).toMatchObject({ status: "in-progress" });
    // The attempt that ran out of time leads to its result; the one still running does not.
    const overdue = await t.db.quizAttempt.findFirstOrThrow({
      where: { userId: me.id, cohortId: busy.id, lectureSlug: slugs[1]! },
    });
    expect(mine.timedOut).toEqual({ [slugs[1]!]: overdue.id });
    expect(mine.attendance.sessions.map((s) => [s.status, s.excuse])).toEqual([
      ["PRESENT", null],
      ["ABSENT", "PENDING"],
      [null, null],
      [null, null],
      [null, null],
    ]);
    // Check in is offered while check-in is open and she has no mark yet, or is marked absent.
    expect(mine.cohort.sessions.map((s) => s.checkInOpen)).toEqual([false, true, true, false, false]);
    expect(mine.certificates.map((c) => c.revokedReason)).toEqual([null, "Name corrected"]);
    expect(mine.autoIssue).toBe(false);
    // Lectures 1 and 2 by their passed quizzes (lecture 1 marked as well), lecture 4 by its mark;
    // the attempt in progress at lecture 3 is the next thing to do.
    expect(mine.progress.lectures.map((l) => l.studied)).toEqual([true, true, false, true, false]);
    expect([mine.progress.studied, mine.progress.quizzesPassed]).toEqual([3, 2]);
    expect(mine.progress.next).toEqual({ kind: "quiz", slug: slugs[2], number: 3, resume: true });
    expect(mine.deadline).toEqual({ kind: "cohort-ends", on: busy.endsOn });
    const quietOne = dashboard.find((c) => c.cohort.id === quiet.id);
    if (quietOne?.status !== "ACTIVE") throw new Error("no active place in the quiet cohort");
    expect(quietOne.progress.studied).toBe(0); // the other participant's pass and marks are theirs
    expect(quietOne.progress.next).toEqual({ kind: "study", slug: slugs[0], number: 1 });
  });

  it("reads everything in four statements, however many cohorts the participant is in", async () => {
    const { me, other } = await scene();
    // The first read of a quiz version's questions (immutable) is kept for the process: read it once here.
    await ownDashboard(t.db, me.id, refs);
    expect(await statementsOf(() => ownDashboard(t.db, me.id, refs))).toBeLessThanOrEqual(4);
    expect(await statementsOf(() => ownDashboard(t.db, other.id, refs))).toBeLessThanOrEqual(4);
    const extra = await cohort();
    await schedule(extra.id);
    await t.db.enrolment.create({ data: { userId: me.id, cohortId: extra.id, status: "ACTIVE" } });
    const third = await ownDashboard(t.db, me.id, refs);
    expect(third.filter((c) => c.status === "ACTIVE")).toHaveLength(3);
    expect(await statementsOf(() => ownDashboard(t.db, me.id, refs))).toBeLessThanOrEqual(4);
  });
});
