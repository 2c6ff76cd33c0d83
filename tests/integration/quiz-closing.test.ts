// What holds an attempt in progress once the quiz closes or its participant leaves the
// cohort: closing time read at write time, closing that finalises, and withdrawal.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { getQuizRules, saveQuizRules } from "@/lib/db/quiz-rules";
import { getOwnAttempt, saveAnswer, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse, DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const questions = lecture.quiz.questions;
const slug = lecture.slug;
let n = 0;
const minutes = (m: number) => new Date(Date.now() + m * 60_000);

/** A participant with an active place, an admin, and an attempt in progress without a time limit or closing time. */
async function attemptUnderWay() {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `close-${n}`,
      name: `Closing cohort ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
    },
  });
  const user = await t.db.user.create({ data: { email: `closing${n}@example.org` } });
  const admin = await t.db.user.create({ data: { email: `closing-admin${n}@example.org`, role: "ADMIN" } });
  await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: "ACTIVE" } });
  await t.db.quizRules.create({
    data: { cohortId: cohort.id, ...DEFAULT_QUIZ_RULES, timeLimitMinutes: null, closesAt: null },
  });
  const started = await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions });
  if (!started.ok) throw new Error(started.reason);
  expect(
    await saveAnswer(t.db, user.id, started.attemptId, questions[0]!.id, correctResponse(questions[0]!)),
  ).toMatchObject({
    ok: true,
  });
  return { cohort, user, admin, attemptId: started.attemptId };
}

const allRight = () => Object.fromEntries(questions.map((q) => [q.id, correctResponse(q)]));

describe("closing a quiz", () => {
  it("[SECURITY][QUIZ]: closing the quiz submits and grades its open attempts as they stand; later answers and submits change nothing", async () => {
    const { cohort, user, admin, attemptId } = await attemptUnderWay();
    const closesAt = minutes(-1);
    expect(await saveQuizRules(t.db, admin.id, cohort.id, { ...(await getQuizRules(t.db, cohort.id)), closesAt })).toBe(
      true,
    );

    const row = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(row).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline", submittedAt: closesAt });
    expect(Number(row.percent)).toBe(Math.round((1 / questions.length) * 1000) / 10);

    expect(await saveAnswer(t.db, user.id, attemptId, questions[1]!.id, correctResponse(questions[1]!))).toEqual({
      ok: false,
      error: "submitted",
    });
    const submitted = await submitAttempt(t.db, user.id, attemptId, allRight());
    expect(submitted).toMatchObject({ ok: true, alreadySubmitted: true, passed: false });
    const after = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(Number(after.percent)).toBe(Number(row.percent));
  });

  it("[SECURITY][QUIZ]: a closing time set while an attempt without a time limit is under way binds it: past the close, saves are refused and a submit grades only what was saved", async () => {
    const { cohort, user, attemptId } = await attemptUnderWay();
    // The closing time as the database holds it now, moved in without the rules form (a
    // closing time set for later that has since passed).
    await t.db.quizRules.update({ where: { cohortId: cohort.id }, data: { closesAt: minutes(-5) } });

    expect(await saveAnswer(t.db, user.id, attemptId, questions[1]!.id, correctResponse(questions[1]!))).toEqual({
      ok: false,
      error: "overdue",
    });
    const submitted = await submitAttempt(t.db, user.id, attemptId, allRight());
    expect(submitted).toMatchObject({ ok: true, alreadySubmitted: false, passed: false });
    const row = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(row).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline" });
    expect(Number(row.percent)).toBeLessThan(70);
    expect((await getOwnAttempt(t.db, user.id, attemptId))?.status).toBe("SUBMITTED");
  });

  it("a closing time set for later caps the deadline of attempts under way and leaves them open until then", async () => {
    const { cohort, user, admin, attemptId } = await attemptUnderWay();
    const closesAt = minutes(60);
    await saveQuizRules(t.db, admin.id, cohort.id, { ...(await getQuizRules(t.db, cohort.id)), closesAt });
    const row = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", deadlineAt: closesAt });
    expect(await saveAnswer(t.db, user.id, attemptId, questions[1]!.id, correctResponse(questions[1]!))).toMatchObject({
      ok: true,
    });
  });
});

describe("a withdrawn participant", () => {
  it("[SECURITY][QUIZ]: cannot save or submit an attempt started before the withdrawal; nothing is written", async () => {
    const { cohort, user, attemptId } = await attemptUnderWay();
    await t.db.enrolment.update({
      where: { userId_cohortId: { userId: user.id, cohortId: cohort.id } },
      data: { status: "WITHDRAWN" },
    });
    expect(await saveAnswer(t.db, user.id, attemptId, questions[1]!.id, correctResponse(questions[1]!))).toEqual({
      ok: false,
      error: "withdrawn",
    });
    expect(await submitAttempt(t.db, user.id, attemptId, allRight())).toEqual({ ok: false, error: "withdrawn" });
    const row = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(row.status).toBe("IN_PROGRESS");
    expect(Object.keys(row.responses as object)).toEqual([questions[0]!.id]);
  });
});
