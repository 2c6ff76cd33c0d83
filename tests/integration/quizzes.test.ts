import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { loadQuizReport } from "@/lib/db/quiz-report";
import { applyRegrade, previewRegrade } from "@/lib/db/quiz-regrade";
import { getQuizRules, saveQuizRules } from "@/lib/db/quiz-rules";
import { getOwnAttemptPage, getOwnQuizPage } from "@/lib/db/quiz-pages";
import { getOwnAttempt, ownQuizStatuses, saveAnswer, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse, DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";
import type { TQuestion } from "@/lib/schemas/content";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const questions = lecture.quiz.questions;
const slug = lecture.slug;
let n = 0;

async function participant(rules?: Partial<typeof DEFAULT_QUIZ_RULES>) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `q-${n}`,
      name: `Quiz cohort ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
    },
  });
  const user = await t.db.user.create({ data: { email: `quiz${n}@example.org` } });
  await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: "ACTIVE" } });
  if (rules) await t.db.quizRules.create({ data: { cohortId: cohort.id, ...DEFAULT_QUIZ_RULES, ...rules } });
  return { cohort, user };
}

describe("quiz attempts", () => {
  it("starts with its own order, resumes the same attempt, saves answers, grades on submit, and counts a second submit once", async () => {
    const { cohort, user } = await participant();
    const first = await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions });
    expect(first).toMatchObject({ ok: true, resumed: false });
    if (!first.ok) return;
    expect(await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions })).toEqual({
      ok: true,
      attemptId: first.attemptId,
      resumed: true,
    });
    const attempt = (await getOwnAttempt(t.db, user.id, first.attemptId))!;
    expect([...attempt.layout.questionIds].sort()).toEqual(questions.map((q) => q.id).sort());

    for (const q of questions.slice(0, 4))
      expect(await saveAnswer(t.db, user.id, first.attemptId, q.id, correctResponse(q))).toMatchObject({ ok: true });
    // Saving again replaces the answer.
    expect(await saveAnswer(t.db, user.id, first.attemptId, questions[0]!.id, correctResponse(questions[0]!))).toEqual({
      ok: true,
      revision: 5,
    });
    const submitted = await submitAttempt(t.db, user.id, first.attemptId);
    const fourRight = Math.round((4 / questions.length) * 1000) / 10; // percent, to one decimal
    expect(submitted).toMatchObject({
      ok: true,
      alreadySubmitted: false,
      passed: false,
      grade: { score: 4, maxScore: questions.length, percent: fourRight },
    });
    expect(
      await submitAttempt(t.db, user.id, first.attemptId, { [questions[5]!.id]: correctResponse(questions[5]!) }),
    ).toMatchObject({ ok: true, alreadySubmitted: true, grade: { score: 4 } });
    expect(await saveAnswer(t.db, user.id, first.attemptId, questions[5]!.id, correctResponse(questions[5]!))).toEqual({
      ok: false,
      error: "submitted",
    });
    expect(
      (await getOwnQuizPage(t.db, user.id, cohort.id, slug))?.attempts.map((a) => [a.number, a.status, a.percent]),
    ).toEqual([[1, "SUBMITTED", fourRight]]);
  });

  it("two submissions at once grade once", async () => {
    const { cohort, user } = await participant();
    const s = await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions });
    if (!s.ok) throw new Error("no attempt");
    const answers = Object.fromEntries(questions.map((q) => [q.id, correctResponse(q)]));
    const results = await Promise.all(
      Array.from({ length: 5 }, () => submitAttempt(t.db, user.id, s.attemptId, answers)),
    );
    expect(results.filter((r) => r.ok && !r.alreadySubmitted)).toHaveLength(1);
    expect(results.every((r) => r.ok && r.passed && r.grade.percent === 100)).toBe(true);
  });

  it("holds the attempts limit under 10 concurrent starts, and refuses a fourth attempt", async () => {
    const { cohort, user } = await participant({ maxAttempts: 3 });
    const starts = await Promise.all(
      Array.from({ length: 10 }, () =>
        startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions }),
      ),
    );
    const ids = new Set(starts.flatMap((s) => (s.ok ? [s.attemptId] : [])));
    expect(ids.size).toBe(1);
    expect(await t.db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
    for (let i = 0; i < 3; i += 1) {
      const s = await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions });
      if (!s.ok) throw new Error(s.reason);
      await submitAttempt(t.db, user.id, s.attemptId);
    }
    expect(await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions })).toEqual({
      ok: false,
      reason: "no-attempts-left",
    });
    expect(await t.db.quizAttempt.count({ where: { userId: user.id } })).toBe(3);
    const status = await ownQuizStatuses(t.db, user.id, cohort.id, [slug]);
    expect(status[slug]).toMatchObject({ status: "failed", attemptsLeft: 0 });
  });

  it("refuses other people's attempts, unknown questions and options, and people without a place; nothing is written", async () => {
    const a = await participant();
    const b = await participant();
    const outsider = await t.db.user.create({ data: { email: `outsider${n}@example.org` } });
    expect(
      await startAttempt(t.db, { userId: outsider.id, cohortId: a.cohort.id, lectureSlug: slug, questions }),
    ).toEqual({ ok: false, reason: "not-enrolled" });
    // A participant of cohort B cannot start a quiz in cohort A.
    expect(
      await startAttempt(t.db, { userId: b.user.id, cohortId: a.cohort.id, lectureSlug: slug, questions }),
    ).toEqual({ ok: false, reason: "not-enrolled" });
    const s = await startAttempt(t.db, { userId: a.user.id, cohortId: a.cohort.id, lectureSlug: slug, questions });
    if (!s.ok) throw new Error(s.reason);
    const single = questions.find((q) => q.type === "single")!;
    expect(await saveAnswer(t.db, b.user.id, s.attemptId, single.id, correctResponse(single))).toEqual({
      ok: false,
      error: "not-found",
    });
    expect(await getOwnAttempt(t.db, b.user.id, s.attemptId)).toBeNull();
    expect(await submitAttempt(t.db, b.user.id, s.attemptId)).toEqual({ ok: false, error: "not-found" });
    expect(
      await saveAnswer(t.db, a.user.id, s.attemptId, "no-such-question", { type: "single", optionId: "a" }),
    ).toEqual({ ok: false, error: "unknown-question" });
    expect(await saveAnswer(t.db, a.user.id, s.attemptId, single.id, { type: "single", optionId: "zz" })).toEqual({
      ok: false,
      error: "unknown-option",
    });
    expect(
      await submitAttempt(t.db, a.user.id, s.attemptId, { [single.id]: { type: "single", optionId: "zz" } }),
    ).toMatchObject({ ok: false, error: "invalid" });
    const attempt = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: s.attemptId } });
    expect(attempt).toMatchObject({ status: "IN_PROGRESS", responses: {} });
  });

  it("enforces the time limit on the server: past the grace period, answers are refused and the attempt is submitted as it stands", async () => {
    const { cohort, user } = await participant({ timeLimitMinutes: 10 });
    const started = new Date("2026-07-01T10:00:00Z");
    const s = await startAttempt(t.db, {
      userId: user.id,
      cohortId: cohort.id,
      lectureSlug: slug,
      questions,
      now: started,
    });
    if (!s.ok) throw new Error(s.reason);
    const [q0, q1] = [questions[0]!, questions[1]!];
    expect(
      await saveAnswer(t.db, user.id, s.attemptId, q0.id, correctResponse(q0), new Date("2026-07-01T10:10:20Z")),
    ).toMatchObject({ ok: true }); // within the grace
    expect(
      await saveAnswer(t.db, user.id, s.attemptId, q1.id, correctResponse(q1), new Date("2026-07-01T10:11:00Z")),
    ).toEqual({ ok: false, error: "overdue" });
    const late = await getOwnAttempt(t.db, user.id, s.attemptId, new Date("2026-07-01T10:11:00Z"));
    expect(late).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline" });
    expect(late?.status === "SUBMITTED" && late.percent).toBeCloseTo(100 / questions.length, 1);
  });

  it("keeps the question version an attempt was taken with when the content changes", async () => {
    const { cohort, user } = await participant();
    const s = await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions });
    if (!s.ok) throw new Error(s.reason);
    const changed = questions.map((q) => (q.type === "true-false" ? { ...q, answer: !q.answer } : q));
    const other = await participant();
    const s2 = await startAttempt(t.db, {
      userId: other.user.id,
      cohortId: other.cohort.id,
      lectureSlug: slug,
      questions: changed,
    });
    if (!s2.ok) throw new Error(s2.reason);
    const [a1, a2] = [
      (await getOwnAttempt(t.db, user.id, s.attemptId))!,
      (await getOwnAttempt(t.db, other.user.id, s2.attemptId))!,
    ];
    const versionOf = async (id: string) =>
      (await t.db.quizAttempt.findUniqueOrThrow({ where: { id }, select: { versionId: true } })).versionId;
    expect(await versionOf(s.attemptId)).not.toBe(await versionOf(s2.attemptId));
    expect(a1.questions).toEqual(questions);
    expect(a2.questions).toEqual(changed);
    expect(await t.db.quizVersion.count()).toBeGreaterThanOrEqual(2);
  });

  it("keeps to the cohort's opening and closing times, and ends an attempt's time limit at the close", async () => {
    const HOUR = 60 * 60 * 1000;
    const later = await participant({ opensAt: new Date(Date.now() + HOUR) });
    const start = (p: Awaited<ReturnType<typeof participant>>) =>
      startAttempt(t.db, { userId: p.user.id, cohortId: p.cohort.id, lectureSlug: slug, questions });
    expect(await start(later)).toEqual({ ok: false, reason: "not-open" });
    const over = await participant({ opensAt: new Date(Date.now() - 2 * HOUR), closesAt: new Date(Date.now() - HOUR) });
    expect(await start(over)).toEqual({ ok: false, reason: "closed" });
    const closesAt = new Date(Date.now() + 10 * 60_000);
    const open = await participant({ opensAt: new Date(Date.now() - HOUR), closesAt, timeLimitMinutes: 30 });
    const s = await start(open);
    if (!s.ok) throw new Error(s.reason);
    expect(await getOwnAttempt(t.db, open.user.id, s.attemptId)).toMatchObject({
      status: "IN_PROGRESS",
      deadlineAt: closesAt,
    });
    expect(await t.db.quizAttempt.count({ where: { userId: { in: [later.user.id, over.user.id] } } })).toBe(0);
  });

  it("saves a cohort's rules with an audit entry; a cohort without rules uses the defaults", async () => {
    const { cohort } = await participant();
    const admin = await t.db.user.create({ data: { email: `qadmin${n}@example.org`, role: "ADMIN" } });
    expect(await getQuizRules(t.db, cohort.id)).toEqual(DEFAULT_QUIZ_RULES);
    const rules = { ...DEFAULT_QUIZ_RULES, passPercent: 80, maxAttempts: null, feedback: "ONCE_PASSED" as const };
    expect(await saveQuizRules(t.db, admin.id, cohort.id, rules)).toBe(true);
    expect(await getQuizRules(t.db, cohort.id)).toEqual(rules);
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "quiz.rules_update", entityId: cohort.id },
    });
    expect(audit.before).toMatchObject({ passPercent: 70 });
    expect(audit.after).toMatchObject({ passPercent: 80, maxAttempts: null });
    expect(await saveQuizRules(t.db, admin.id, "no-such-cohort", rules)).toBe(false);
  });
});

describe("regrading", () => {
  it("previews what a corrected key changes, applies it once with an audit entry per attempt, and then has nothing left to do", async () => {
    const { cohort, user } = await participant();
    const admin = await t.db.user.create({ data: { email: `regrader${n}@example.org`, role: "ADMIN" } });
    const tf = questions.find((q) => q.type === "true-false")!;
    if (tf.type !== "true-false") throw new Error("no true-false question");
    const s = await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions });
    if (!s.ok) throw new Error(s.reason);
    // The participant gives the answer the key (wrongly, as it turns out) calls false.
    await submitAttempt(t.db, user.id, s.attemptId, { [tf.id]: { type: "true-false", value: !tf.answer } });
    const corrected = questions.map((q) => (q.id === tf.id ? { ...q, answer: !tf.answer } : q)) as TQuestion[];

    const preview = await previewRegrade(t.db, cohort.id, slug, corrected);
    expect(preview.map((p) => [p.email, p.before.percent, p.grade.percent, p.changes])).toEqual([
      [user.email, 0, Math.round(1000 / questions.length) / 10, [{ id: tf.id, before: 0, after: 1 }]],
    ]);
    expect(await previewRegrade(t.db, cohort.id, slug, questions)).toEqual([]);

    expect(await applyRegrade(t.db, admin.id, cohort.id, slug, corrected)).toBe(1);
    const after = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: s.attemptId } });
    expect(Number(after.percent)).toBeCloseTo(100 / questions.length, 1);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "quiz.regrade", entityId: s.attemptId } });
    expect(audit.before).toMatchObject({ percent: 0, passed: false });
    expect(await previewRegrade(t.db, cohort.id, slug, corrected)).toEqual([]);
    expect(await applyRegrade(t.db, admin.id, cohort.id, slug, corrected)).toBe(0);
  });
});

describe("attempts whose time is up", () => {
  const MINUTE = 60_000;
  const percentOf = (right: number) => Math.round((right / questions.length) * 1000) / 10;
  /** The questions with the first one's key corrected: whoever answered it as the old key said loses a point. */
  function keyCorrected(): TQuestion[] {
    const [first, ...rest] = questions;
    if (first?.type !== "numeric") throw new Error("the first question of lecture 1 is numeric");
    return [{ ...first, answer: first.answer + 1 }, ...rest];
  }
  /** The whole table, to show that reading changed no row. */
  const allAttempts = () => t.db.quizAttempt.findMany({ orderBy: { id: "asc" } });

  /**
   * A 5-minute attempt started 10 minutes before now, with the first `right` answers saved
   * (right) a minute in; nothing has touched it since. Half right passes at this cohort's pass mark.
   */
  async function overdueAttempt(right = questions.length / 2) {
    const { cohort, user } = await participant({ timeLimitMinutes: 5, passPercent: 40 });
    const startedAt = new Date(Date.now() - 10 * MINUTE);
    const s = await startAttempt(t.db, {
      userId: user.id,
      cohortId: cohort.id,
      lectureSlug: slug,
      questions,
      now: startedAt,
    });
    if (!s.ok) throw new Error(s.reason);
    const answeredAt = new Date(startedAt.getTime() + MINUTE);
    for (const q of questions.slice(0, right))
      expect(await saveAnswer(t.db, user.id, s.attemptId, q.id, correctResponse(q), answeredAt)).toMatchObject({
        ok: true,
      });
    const deadline = new Date(startedAt.getTime() + 5 * MINUTE);
    return { cohort, user, attemptId: s.attemptId, deadline, percent: percentOf(right) };
  }

  it("read as submitted at the deadline with the score of the saved answers, by the dashboard, the quiz and attempt pages, the report and the regrade preview, each writing nothing", async () => {
    const { cohort, user, attemptId, deadline, percent } = await overdueAttempt();
    const before = await allAttempts();
    expect(before.find((a) => a.id === attemptId)).toMatchObject({
      status: "IN_PROGRESS",
      submittedAt: null,
      grade: null,
    });
    const nothingWritten = async () => expect(await allAttempts()).toEqual(before);

    expect((await ownQuizStatuses(t.db, user.id, cohort.id, [slug]))[slug]).toEqual({
      status: "passed",
      percent,
      attemptsLeft: DEFAULT_QUIZ_RULES.maxAttempts! - 1,
    });
    await nothingWritten();
    const asShown = { id: attemptId, status: "SUBMITTED", submittedBy: "deadline", submittedAt: deadline, percent };
    expect((await getOwnQuizPage(t.db, user.id, cohort.id, slug))?.attempts).toMatchObject([
      { ...asShown, passed: true },
    ]);
    await nothingWritten();
    const attempt = {
      ...asShown,
      passed: true,
      grade: { score: questions.length / 2, maxScore: questions.length, percent },
    };
    expect(await getOwnAttempt(t.db, user.id, attemptId)).toMatchObject(attempt);
    await nothingWritten();
    expect(await getOwnAttemptPage(t.db, user.id, attemptId)).toMatchObject({
      attempt,
      attempts: [{ ...asShown, passed: true }],
    });
    await nothingWritten();
    const report = await loadQuizReport(t.db, cohort.id, slug, questions);
    expect(report.summary).toMatchObject({ participants: 1, attempted: 1, passed: 1, averagePercent: percent });
    expect(report.people).toMatchObject([{ id: user.id, attempts: 1, percent, passed: true, lastSubmitted: deadline }]);
    await nothingWritten();
    // The preview of a corrected key counts the attempt as submitted with that score.
    expect(
      (await previewRegrade(t.db, cohort.id, slug, keyCorrected())).map((p) => [
        p.attemptId,
        p.before.percent,
        p.grade.percent,
      ]),
    ).toEqual([[attemptId, percent, percentOf(questions.length / 2 - 1)]]);
    await nothingWritten();
  });

  it("closed in the database by the owner's next start, as the reads showed it", async () => {
    const { cohort, user, attemptId, deadline, percent } = await overdueAttempt();
    const shown = await getOwnAttempt(t.db, user.id, attemptId);
    const next = await startAttempt(t.db, { userId: user.id, cohortId: cohort.id, lectureSlug: slug, questions });
    expect(next).toMatchObject({ ok: true, resumed: false });
    const closed = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(closed).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline", submittedAt: deadline, passed: true });
    expect(Number(closed.percent)).toBe(percent);
    expect(await getOwnAttempt(t.db, user.id, attemptId)).toEqual(shown);
    expect(await t.db.quizAttempt.count({ where: { userId: user.id } })).toBe(2);
  });

  it("closed by the owner's submit as it stands: answers sent after the time are not counted, and a second submit returns the same", async () => {
    const { user, attemptId, deadline, percent } = await overdueAttempt();
    const late = questions[questions.length - 1]!;
    const submitted = await submitAttempt(t.db, user.id, attemptId, { [late.id]: correctResponse(late) });
    expect(submitted).toMatchObject({ ok: true, alreadySubmitted: false, passed: true, grade: { percent } });
    expect(await submitAttempt(t.db, user.id, attemptId)).toMatchObject({
      ok: true,
      alreadySubmitted: true,
      grade: { percent },
    });
    expect(await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "SUBMITTED",
      submittedBy: "deadline",
      submittedAt: deadline,
    });
  });

  it("refuses an answer after the time without writing, and counts the attempt as submitted in a regrade", async () => {
    const { cohort, user, attemptId, deadline } = await overdueAttempt(questions.length);
    const before = await allAttempts();
    const q = questions[0]!;
    expect(await saveAnswer(t.db, user.id, attemptId, q.id, correctResponse(q))).toEqual({
      ok: false,
      error: "overdue",
    });
    expect(await allAttempts()).toEqual(before);
    const corrected = keyCorrected();
    const lower = percentOf(questions.length - 1);
    expect(
      (await previewRegrade(t.db, cohort.id, slug, corrected)).map((p) => [
        p.attemptId,
        p.before.percent,
        p.grade.percent,
      ]),
    ).toEqual([[attemptId, 100, lower]]);
    expect(await allAttempts()).toEqual(before);
    const admin = await t.db.user.create({ data: { email: `deadline-regrader${n}@example.org`, role: "ADMIN" } });
    expect(await applyRegrade(t.db, admin.id, cohort.id, slug, corrected)).toBe(1);
    const after = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(after).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline", submittedAt: deadline });
    expect(Number(after.percent)).toBe(lower);
    expect(await previewRegrade(t.db, cohort.id, slug, corrected)).toEqual([]);
  });
});
