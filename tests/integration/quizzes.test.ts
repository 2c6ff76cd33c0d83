import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import {
  getOwnAttempt,
  getQuizRules,
  listOwnAttempts,
  ownQuizStatuses,
  saveAnswer,
  saveQuizRules,
  startAttempt,
  submitAttempt,
  attemptQuestions,
  attemptLayout,
} from "@/lib/db/quizzes";
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
    expect([...attemptLayout(attempt).questionIds].sort()).toEqual(questions.map((q) => q.id).sort());

    for (const q of questions.slice(0, 4))
      expect(await saveAnswer(t.db, user.id, first.attemptId, q.id, correctResponse(q))).toEqual({ ok: true });
    // Saving again replaces the answer.
    expect(await saveAnswer(t.db, user.id, first.attemptId, questions[0]!.id, correctResponse(questions[0]!))).toEqual({
      ok: true,
    });
    const submitted = await submitAttempt(t.db, user.id, first.attemptId);
    expect(submitted).toMatchObject({
      ok: true,
      alreadySubmitted: false,
      passed: false,
      grade: { score: 4, maxScore: questions.length, percent: 50 },
    });
    expect(
      await submitAttempt(t.db, user.id, first.attemptId, { [questions[5]!.id]: correctResponse(questions[5]!) }),
    ).toMatchObject({ ok: true, alreadySubmitted: true, grade: { score: 4 } });
    expect(await saveAnswer(t.db, user.id, first.attemptId, questions[5]!.id, correctResponse(questions[5]!))).toEqual({
      ok: false,
      error: "submitted",
    });
    expect(
      (await listOwnAttempts(t.db, user.id, cohort.id, slug)).map((a) => [a.number, a.status, Number(a.percent)]),
    ).toEqual([[1, "SUBMITTED", 50]]);
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
    ).toEqual({ ok: true }); // within the grace
    expect(
      await saveAnswer(t.db, user.id, s.attemptId, q1.id, correctResponse(q1), new Date("2026-07-01T10:11:00Z")),
    ).toEqual({ ok: false, error: "overdue" });
    const late = await getOwnAttempt(t.db, user.id, s.attemptId, new Date("2026-07-01T10:11:00Z"));
    expect(late).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline" });
    expect(Number(late!.percent)).toBeCloseTo(100 / questions.length, 1);
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
    expect(a1.versionId).not.toBe(a2.versionId);
    expect(attemptQuestions(a1)).toEqual(questions);
    expect(await t.db.quizVersion.count()).toBeGreaterThanOrEqual(2);
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
    const { previewRegrade, applyRegrade } = await import("@/lib/db/quiz-regrade");
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

describe("attempts left past their deadline", () => {
  it("are submitted as they stand when the dashboard or the report is next read, even if nobody opens them", async () => {
    const { finaliseOverdue } = await import("@/lib/db/quizzes");
    const { loadQuizReport } = await import("@/lib/db/quiz-report");
    const { cohort, user } = await participant({ timeLimitMinutes: 5 });
    const s = await startAttempt(t.db, {
      userId: user.id,
      cohortId: cohort.id,
      lectureSlug: slug,
      questions,
      now: new Date(Date.now() - 10 * 60_000),
    });
    if (!s.ok) throw new Error(s.reason);
    expect(await t.db.quizAttempt.count({ where: { id: s.attemptId, status: "IN_PROGRESS" } })).toBe(1);
    expect((await ownQuizStatuses(t.db, user.id, cohort.id, [slug]))[slug]).toMatchObject({
      status: "failed",
      percent: 0,
    });
    expect(await t.db.quizAttempt.findUniqueOrThrow({ where: { id: s.attemptId } })).toMatchObject({
      status: "SUBMITTED",
      submittedBy: "deadline",
    });
    expect(await finaliseOverdue(t.db, { cohortId: cohort.id })).toBe(0);
    const report = await loadQuizReport(t.db, cohort.id, slug, questions);
    expect(report.summary).toMatchObject({ participants: 1, attempted: 1, passed: 0 });
  });
});
