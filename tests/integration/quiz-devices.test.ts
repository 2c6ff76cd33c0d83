// An attempt taken on two devices, and one left until its time ran out: a device whose
// answers are stale cannot submit them over newer ones, and carrying on an attempt whose
// time is up shows it instead of starting an empty one.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { getOwnAttemptPage } from "@/lib/db/quiz-pages";
import { saveAnswer, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse, DEFAULT_QUIZ_RULES, type QuizRules } from "@/lib/domain/quiz";
import type { TQuestion } from "@/lib/schemas/content";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const questions = lecture.quiz.questions;
const slug = lecture.slug;
const MINUTE = 60_000;
let n = 0;

async function participant(rules: Partial<QuizRules> = {}) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `dev-${n}`,
      name: `Devices ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
    },
  });
  const user = await t.db.user.create({ data: { email: `devices${n}@example.org` } });
  await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: "ACTIVE" } });
  await t.db.quizRules.create({ data: { cohortId: cohort.id, ...DEFAULT_QUIZ_RULES, ...rules } });
  const started = await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions });
  if (!started.ok) throw new Error(started.reason);
  return { cohortId: cohort.id, userId: user.id, attemptId: started.attemptId };
}

/** A right answer to a choice question that is not the one `correctResponse` gives: a wrong one. */
function wrongResponse(q: TQuestion) {
  if (q.type === "single") return { type: "single", optionId: q.options.find((o) => !o.correct)!.id };
  if (q.type === "true-false") return { type: "true-false", value: !q.answer };
  if (q.type === "numeric") return { type: "numeric", value: q.answer + 1000 };
  return { type: "multiple", optionIds: [q.options.find((o) => !o.correct)!.id] };
}

describe("answers saved from two devices", () => {
  it("counts a revision per save, and a device that saw an older one cannot submit its stale answers over newer ones", async () => {
    const { userId, attemptId } = await participant();
    const [q0, q1] = [questions[0]!, questions[1]!];
    // Both devices open the attempt at revision 0; the phone answers two questions.
    expect((await getOwnAttemptPage(t.db, userId, attemptId))?.attempt.revision).toBe(0);
    expect(await saveAnswer(t.db, userId, attemptId, q0.id, correctResponse(q0))).toEqual({ ok: true, revision: 1 });
    expect(await saveAnswer(t.db, userId, attemptId, q1.id, correctResponse(q1))).toEqual({ ok: true, revision: 2 });

    // The laptop, still at revision 0, submits its own (wrong) answer to the first question: refused, nothing written.
    expect(await submitAttempt(t.db, userId, attemptId, { [q0.id]: wrongResponse(q0) }, undefined, 0)).toEqual({
      ok: false,
      error: "changed",
      revision: 2,
    });
    const after = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(after).toMatchObject({ status: "IN_PROGRESS", revision: 2, responses: { [q0.id]: correctResponse(q0) } });

    // Shown the newer answers (revision 2), it submits them.
    expect(await submitAttempt(t.db, userId, attemptId, {}, undefined, 2)).toMatchObject({
      ok: true,
      alreadySubmitted: false,
      grade: { score: 2 },
    });
  });

  it("lets a device that names no revision submit as before (API clients), and answers a repeated submit with the first result", async () => {
    const { userId, attemptId } = await participant();
    expect(await saveAnswer(t.db, userId, attemptId, questions[0]!.id, correctResponse(questions[0]!))).toEqual({
      ok: true,
      revision: 1,
    });
    expect(await submitAttempt(t.db, userId, attemptId)).toMatchObject({ ok: true, alreadySubmitted: false });
    // Already submitted: the stale revision does not matter any more.
    expect(await submitAttempt(t.db, userId, attemptId, {}, undefined, 0)).toMatchObject({
      ok: true,
      alreadySubmitted: true,
    });
  });
});

describe("carrying on an attempt whose time ran out", () => {
  it("closes it and names it, starting no new attempt; starting another on purpose still works", async () => {
    const startedAt = new Date("2026-07-01T10:00:00Z");
    const { cohortId, userId, attemptId } = await participant({ timeLimitMinutes: 10 });
    await t.db.quizAttempt.update({
      where: { id: attemptId },
      data: { startedAt, deadlineAt: new Date(startedAt.getTime() + 10 * MINUTE) },
    });
    const later = new Date(startedAt.getTime() + 25 * MINUTE);
    const start = (resume?: string) =>
      startAttempt(t.db, { userId, cohortId, lectureSlug: slug, questions, resume, now: later });

    expect(await start(attemptId)).toEqual({ ok: false, reason: "expired", attemptId });
    expect(await t.db.quizAttempt.findMany({ where: { userId }, select: { id: true, status: true } })).toEqual([
      { id: attemptId, status: "SUBMITTED" },
    ]);
    expect(await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      submittedBy: "deadline",
      submittedAt: new Date(startedAt.getTime() + 10 * MINUTE),
    });
    // Pressed again (a second tab): still its result.
    expect(await start(attemptId)).toEqual({ ok: false, reason: "expired", attemptId });

    // "Start another attempt", which names none, starts the second one.
    expect(await start()).toMatchObject({ ok: true, resumed: false });
    expect(await t.db.quizAttempt.count({ where: { userId } })).toBe(2);
  });

  it("resumes an attempt whose time is not up, and names no one else's attempt", async () => {
    const { cohortId, userId, attemptId } = await participant({ timeLimitMinutes: 10 });
    expect(await startAttempt(t.db, { userId, cohortId, lectureSlug: slug, questions, resume: attemptId })).toEqual({
      ok: true,
      attemptId,
      resumed: true,
    });
    const other = await participant();
    // Someone else's attempt id is not an attempt of theirs to show: a new attempt starts as usual.
    const mine = await participant();
    await submitAttempt(t.db, mine.userId, mine.attemptId);
    expect(
      await startAttempt(t.db, {
        userId: mine.userId,
        cohortId: mine.cohortId,
        lectureSlug: slug,
        questions,
        resume: other.attemptId,
      }),
    ).toMatchObject({ ok: true, resumed: false });
  });
});
