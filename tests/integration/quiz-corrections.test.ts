import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { currentQuestions, currentQuiz, listCorrections, saveCorrection } from "@/lib/db/quiz-corrections";
import { previewRegrade } from "@/lib/db/quiz-regrade";
import { startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { readQuestions } from "@/lib/db/json-columns";
import type { TQuestion } from "@/lib/schemas/content";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lectures = loadLectures(path.join(process.cwd(), "content"));
const [first, second] = [lectures[0]!, lectures[1]!];
let n = 0;

async function setup() {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `corr-${n}`,
      name: `Correction ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
    },
  });
  const admin = await t.db.user.create({ data: { email: `corr-admin${n}@example.org`, role: "ADMIN" } });
  const user = await t.db.user.create({ data: { email: `corr${n}@example.org` } });
  await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: "ACTIVE" } });
  return { cohort, admin, user };
}

/** The lecture's true-or-false question with its answer flipped. */
function flipped(questions: readonly TQuestion[]) {
  const tf = questions.find((q) => q.type === "true-false");
  if (tf?.type !== "true-false") throw new Error("no true-false question");
  return { before: tf, after: { ...tf, answer: !tf.answer } as TQuestion };
}

describe("question corrections", () => {
  it("a correction is the question from now on, in every cohort; attempts taken before keep theirs and the regrade sees the change", async () => {
    const a = await setup();
    const b = await setup();
    const slug = first.slug;
    const { before, after } = flipped(first.quiz.questions);
    expect(await currentQuiz(t.db, slug)).toEqual(first.quiz);

    // Taken with the content's key, answered as the corrected key will have it.
    const taken = await startAttempt(t.db, {
      userId: a.user.id,
      cohortId: a.cohort.id,
      lectureSlug: slug,
      questions: first.quiz.questions,
    });
    if (!taken.ok) throw new Error(taken.reason);
    const answer = before.type === "true-false" && !before.answer;
    await submitAttempt(t.db, a.user.id, taken.attemptId, { [before.id]: { type: "true-false", value: answer } });

    expect(await saveCorrection(t.db, a.admin.id, slug, after)).toEqual({ version: 1 });
    const now = await currentQuiz(t.db, slug);
    expect(now!.questions.find((q) => q.id === before.id)).toEqual(after);
    expect(now!.questions.filter((q) => q.id !== before.id)).toEqual(
      first.quiz.questions.filter((q) => q.id !== before.id),
    );
    // Another lecture is untouched; several are read at once.
    const both = await currentQuestions(t.db, [slug, second.slug, "no-such-lecture"]);
    expect([...both.keys()]).toEqual([slug, second.slug]);
    expect(both.get(second.slug)).toEqual(second.quiz.questions);
    expect(both.get(slug)).toEqual(now!.questions);

    // The attempt keeps the question it was given.
    const attempt = await t.db.quizAttempt.findUniqueOrThrow({
      where: { id: taken.attemptId },
      include: { version: true },
    });
    expect(readQuestions(attempt.version.questions).find((q) => q.id === before.id)).toEqual(before);
    // A new attempt, in another cohort, is given the corrected one.
    const fresh = await startAttempt(t.db, {
      userId: b.user.id,
      cohortId: b.cohort.id,
      lectureSlug: slug,
      questions: now!.questions,
    });
    if (!fresh.ok) throw new Error(fresh.reason);
    const freshVersion = await t.db.quizAttempt.findUniqueOrThrow({
      where: { id: fresh.attemptId },
      include: { version: true },
    });
    expect(readQuestions(freshVersion.version.questions).find((q) => q.id === before.id)).toEqual(after);

    const preview = await previewRegrade(t.db, a.cohort.id, slug, now!.questions);
    expect(preview.map((p) => [p.email, p.changes])).toEqual([
      [a.user.email, [{ id: before.id, before: 0, after: 1 }]],
    ]);

    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "quiz.question_corrected" } });
    expect(audit).toMatchObject({ actorId: a.admin.id, entity: "question", entityId: `${slug}/${before.id}` });
    expect(audit.before).toMatchObject({ answer: !answer });
    expect(audit.after).toMatchObject({ answer, version: 1 });
  });

  it("numbers a question's corrections one after another, refuses one that changes nothing or names no question", async () => {
    const { admin } = await setup();
    const slug = second.slug;
    const { before, after } = flipped(second.quiz.questions);
    expect(await saveCorrection(t.db, admin.id, slug, before)).toBeNull(); // as the content has it
    const saved = await Promise.all(
      [1, 2, 3].map((i) =>
        saveCorrection(t.db, admin.id, slug, { ...after, explanation: `${after.explanation} (${i})` }),
      ),
    );
    expect(saved.map((s) => s!.version).sort()).toEqual([1, 2, 3]);
    // The newest counts; saving it again is no change.
    const newest = (await currentQuiz(t.db, slug))!.questions.find((q) => q.id === before.id)!;
    expect(await saveCorrection(t.db, admin.id, slug, newest)).toBeNull();
    // Back as the content has it: a fourth version.
    expect(await saveCorrection(t.db, admin.id, slug, before)).toEqual({ version: 4 });
    expect(await currentQuiz(t.db, slug)).toEqual(second.quiz);
    expect((await listCorrections(t.db, slug)).map((c) => c.version).sort()).toEqual([1, 2, 3, 4]);
    expect(await saveCorrection(t.db, admin.id, slug, { ...after, id: "no-such-question" } as TQuestion)).toBeNull();
    expect(await saveCorrection(t.db, admin.id, "no-such-lecture", after)).toBeNull();
  });
});
