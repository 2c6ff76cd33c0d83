import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { getOwnAttemptPage, getOwnQuizPage } from "@/lib/db/quiz-pages";
import { saveAnswer, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse, DEFAULT_QUIZ_RULES, type QuizRules } from "@/lib/domain/quiz";
import { countStatements } from "./support/statements";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const [first, second] = loadLectures(path.join(process.cwd(), "content"));
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

async function cohort(n: number, rules: Partial<QuizRules>) {
  const c = await t.db.cohort.create({
    data: {
      slug: `qp-${n}`,
      name: `Quiz pages cohort ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
    },
  });
  await t.db.quizRules.create({ data: { cohortId: c.id, ...DEFAULT_QUIZ_RULES, ...rules } });
  return c;
}

/** An attempt started `minutesAgo` with the first `right` answers saved right; submitted a minute in when `submit`. */
async function attempt(o: {
  userId: string;
  cohortId: string;
  lecture: typeof first;
  minutesAgo: number;
  right: number;
  submit: boolean;
}) {
  const { userId, cohortId, lecture } = o;
  const questions = lecture!.quiz.questions;
  const s = await startAttempt(t.db, {
    userId,
    cohortId,
    lectureSlug: lecture!.slug,
    questions,
    now: ago(o.minutesAgo),
  });
  if (!s.ok) throw new Error(s.reason);
  for (const q of questions.slice(0, o.right))
    expect(await saveAnswer(t.db, userId, s.attemptId, q.id, correctResponse(q), ago(o.minutesAgo - 1))).toMatchObject({
      ok: true,
    });
  if (o.submit)
    expect(await submitAttempt(t.db, userId, s.attemptId, {}, ago(o.minutesAgo - 1))).toMatchObject({ ok: true });
  return s.attemptId;
}

/**
 * A participant with places in two cohorts. In the first: three attempts at the first quiz
 * (two submitted, then one in progress whose 5 minutes are up) and one under way at the
 * second. In the second cohort: one submitted attempt at the first quiz.
 */
const world = {} as {
  userId: string;
  otherId: string;
  a: string;
  b: string;
  submitted: string[];
  overdue: string;
  underWay: string;
  inB: string;
};

beforeAll(async () => {
  const a = await cohort(1, { timeLimitMinutes: 5, maxAttempts: null, passPercent: 50 });
  const b = await cohort(2, { passPercent: 80, feedback: "ONCE_PASSED" });
  const user = await t.db.user.create({ data: { email: "pages@example.org" } });
  const other = await t.db.user.create({ data: { email: "other@example.org" } });
  for (const c of [a, b])
    for (const u of [user, other])
      await t.db.enrolment.create({ data: { userId: u.id, cohortId: c.id, status: "ACTIVE" } });
  const mine = { userId: user.id, cohortId: a.id, lecture: first };
  world.userId = user.id;
  world.otherId = other.id;
  world.a = a.id;
  world.b = b.id;
  world.submitted = [
    await attempt({ ...mine, minutesAgo: 60, right: 1, submit: true }),
    await attempt({ ...mine, minutesAgo: 40, right: 2, submit: true }),
  ];
  world.overdue = await attempt({ ...mine, minutesAgo: 20, right: first!.quiz.questions.length, submit: false });
  world.underWay = await attempt({ ...mine, lecture: second, minutesAgo: 1, right: 0, submit: false });
  world.inB = await attempt({
    userId: user.id,
    cohortId: b.id,
    lecture: first,
    minutesAgo: 30,
    right: 0,
    submit: true,
  });
});

describe("the quiz page", () => {
  it("reads the participant's rules and attempts at one quiz in one statement, whatever their cohorts and attempts", async () => {
    const slug = first!.slug;
    await getOwnQuizPage(t.db, world.userId, world.a, slug); // the process reads each question version once
    const inA = await countStatements(() => getOwnQuizPage(t.db, world.userId, world.a, slug));
    expect(inA.statements).toHaveLength(1);
    expect(inA.result?.rules).toMatchObject({ timeLimitMinutes: 5, maxAttempts: null, passPercent: 50 });
    expect(inA.result?.attempts.map((x) => [x.id, x.number, x.status, x.submittedBy, x.passed])).toEqual([
      [world.submitted[0], 1, "SUBMITTED", "participant", false],
      [world.submitted[1], 2, "SUBMITTED", "participant", false],
      // Its time is up: it shows as submitted at its deadline, graded from its saved answers.
      [world.overdue, 3, "SUBMITTED", "deadline", true],
    ]);
    expect(inA.result?.attempts[2]).toMatchObject({ percent: 100, submittedAt: inA.result?.attempts[2]?.deadlineAt });

    const inB = await countStatements(() => getOwnQuizPage(t.db, world.userId, world.b, slug));
    expect(inB.statements).toHaveLength(1);
    expect(inB.result?.rules).toMatchObject({ passPercent: 80, feedback: "ONCE_PASSED" });
    expect(inB.result?.attempts.map((x) => [x.id, x.status, x.percent])).toEqual([[world.inB, "SUBMITTED", 0]]);

    const none = await countStatements(() => getOwnQuizPage(t.db, world.userId, world.a, second!.slug));
    expect(none.statements).toHaveLength(1);
    expect(none.result?.attempts.map((x) => [x.id, x.status])).toEqual([[world.underWay, "IN_PROGRESS"]]);
  });

  it("shows nothing to someone without an active place, and others' attempts to no one", async () => {
    expect(await getOwnQuizPage(t.db, world.otherId, world.a, first!.slug)).toEqual({
      rules: expect.objectContaining({ passPercent: 50 }),
      override: null,
      attempts: [],
    });
    await t.db.enrolment.updateMany({
      where: { userId: world.otherId, cohortId: world.a },
      data: { status: "WITHDRAWN" },
    });
    expect(await getOwnQuizPage(t.db, world.otherId, world.a, first!.slug)).toBeNull();
    expect(await getOwnQuizPage(t.db, world.otherId, "no-such-cohort", first!.slug)).toBeNull();
  });
});

describe("the attempt page", () => {
  it("reads the attempt, its cohort's rules and the attempts beside it in one statement", async () => {
    await getOwnAttemptPage(t.db, world.userId, world.overdue);
    const overdue = await countStatements(() => getOwnAttemptPage(t.db, world.userId, world.overdue));
    expect(overdue.statements).toHaveLength(1);
    const page = overdue.result!;
    expect(page.attempt).toMatchObject({
      id: world.overdue,
      cohortId: world.a,
      lectureSlug: first!.slug,
      number: 3,
      status: "SUBMITTED",
      submittedBy: "deadline",
      percent: 100,
      passed: true,
      grade: { percent: 100, maxScore: first!.quiz.questions.length },
    });
    expect(page.attempt.questions.map((q) => q.id).sort()).toEqual(first!.quiz.questions.map((q) => q.id).sort());
    expect(page.rules).toMatchObject({ timeLimitMinutes: 5, passPercent: 50 });
    expect(page.attempts.map((x) => [x.id, x.status])).toEqual([
      [world.submitted[0], "SUBMITTED"],
      [world.submitted[1], "SUBMITTED"],
      [world.overdue, "SUBMITTED"],
    ]);

    await getOwnAttemptPage(t.db, world.userId, world.underWay);
    const underWay = await countStatements(() => getOwnAttemptPage(t.db, world.userId, world.underWay));
    expect(underWay.statements).toHaveLength(1);
    expect(underWay.result?.attempt).toMatchObject({ id: world.underWay, status: "IN_PROGRESS", responses: {} });
    expect(underWay.result?.attempts.map((x) => x.id)).toEqual([world.underWay]);

    const inB = await countStatements(() => getOwnAttemptPage(t.db, world.userId, world.inB));
    expect(inB.statements).toHaveLength(1);
    expect(inB.result).toMatchObject({
      attempt: { id: world.inB, cohortId: world.b, status: "SUBMITTED", percent: 0, passed: false },
      rules: { passPercent: 80, feedback: "ONCE_PASSED" },
      attempts: [{ id: world.inB }],
    });
  });

  it("finds no one else's attempt", async () => {
    expect(await getOwnAttemptPage(t.db, world.otherId, world.overdue)).toBeNull();
    expect(await getOwnAttemptPage(t.db, world.userId, "no-such-attempt")).toBeNull();
  });
});
