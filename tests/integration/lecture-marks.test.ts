import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { ownDashboard } from "@/lib/db/dashboard";
import { ownLectureMarks, setLectureStudied } from "@/lib/db/lecture-marks";
import { saveQuizRules } from "@/lib/db/quiz-rules";
import { startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse, DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lectures = loadLectures(path.join(process.cwd(), "content"));
const refs = lectures.map((l) => ({ slug: l.slug, number: l.number }));
const slugs = refs.map((r) => r.slug);
let n = 0;

async function cohort() {
  n += 1;
  return t.db.cohort.create({
    data: {
      slug: `marks-${n}`,
      name: `Marks ${n}`,
      timeZone: "Asia/Karachi",
      startsOn: new Date("2026-11-01"),
      endsOn: new Date("2026-12-31"),
    },
  });
}
const person = () => t.db.user.create({ data: { email: `marks${++n}@example.org`, certificateName: `Person ${n}` } });

/** A participant with a place of the given status in a new cohort. */
async function placed(status: "ACTIVE" | "PENDING" | "WITHDRAWN" | "REJECTED" = "ACTIVE") {
  const [c, p] = [await cohort(), await person()];
  await t.db.enrolment.create({ data: { userId: p.id, cohortId: c.id, status } });
  return { cohortId: c.id, userId: p.id };
}

const rowsOf = (userId: string) =>
  t.db.lectureMark.findMany({ where: { userId }, orderBy: { lectureSlug: "asc" }, select: { lectureSlug: true } });

async function passQuiz(userId: string, cohortId: string, index: number, right = true) {
  const { quiz, slug } = lectures[index]!;
  const started = await startAttempt(t.db, { userId, cohortId, lectureSlug: slug, questions: quiz.questions });
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  const answers = right ? Object.fromEntries(quiz.questions.map((q) => [q.id, correctResponse(q)])) : {};
  await submitAttempt(t.db, userId, started.attemptId, answers);
}

async function progressOf(userId: string, cohortId: string) {
  const found = (await ownDashboard(t.db, userId, refs)).find((c) => c.cohort.id === cohortId);
  if (found?.status !== "ACTIVE") throw new Error("no active place");
  return found.progress;
}

describe("setLectureStudied", () => {
  it("marks a lecture once however often it is asked, and unmarks it", async () => {
    const me = await placed();
    const mark = (studied: boolean) => setLectureStudied(t.db, { ...me, lectureSlug: slugs[1]!, studied });
    expect(await mark(true)).toEqual({ ok: true });
    expect(await mark(true)).toEqual({ ok: true });
    expect(await rowsOf(me.userId)).toEqual([{ lectureSlug: slugs[1] }]);
    expect(await ownLectureMarks(t.db, me.userId, me.cohortId)).toEqual(new Set([slugs[1]]));
    expect(await mark(false)).toEqual({ ok: true });
    expect(await mark(false)).toEqual({ ok: true });
    expect(await rowsOf(me.userId)).toEqual([]);
  });

  it("keeps one mark when the same lecture is marked from several requests at once", async () => {
    const me = await placed();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => setLectureStudied(t.db, { ...me, lectureSlug: slugs[0]!, studied: true })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await rowsOf(me.userId)).toEqual([{ lectureSlug: slugs[0] }]);
  });

  it.each(["PENDING", "WITHDRAWN", "REJECTED"] as const)(
    "writes nothing for a place that is %s, nor in a cohort where the person has none",
    async (status) => {
      const me = await placed(status);
      const elsewhere = await cohort();
      for (const cohortId of [me.cohortId, elsewhere.id])
        expect(
          await setLectureStudied(t.db, { userId: me.userId, cohortId, lectureSlug: slugs[0]!, studied: true }),
        ).toEqual({ ok: false, error: "not-enrolled" });
      expect(await rowsOf(me.userId)).toEqual([]);
    },
  );

  it("touches only the acting participant's own marks", async () => {
    const me = await placed();
    const other = await person();
    await t.db.enrolment.create({ data: { userId: other.id, cohortId: me.cohortId, status: "ACTIVE" } });
    await setLectureStudied(t.db, { userId: other.id, cohortId: me.cohortId, lectureSlug: slugs[2]!, studied: true });
    await setLectureStudied(t.db, { ...me, lectureSlug: slugs[2]!, studied: false });
    expect(await rowsOf(other.id)).toEqual([{ lectureSlug: slugs[2] }]);
    expect(await ownLectureMarks(t.db, me.userId, me.cohortId)).toEqual(new Set());
  });

  it("reads no marks once the place is withdrawn, and gives them back when it is reinstated", async () => {
    const me = await placed();
    await setLectureStudied(t.db, { ...me, lectureSlug: slugs[3]!, studied: true });
    const where = { userId_cohortId: { userId: me.userId, cohortId: me.cohortId } };
    await t.db.enrolment.update({ where, data: { status: "WITHDRAWN" } });
    expect(await ownLectureMarks(t.db, me.userId, me.cohortId)).toEqual(new Set());
    await t.db.enrolment.update({ where, data: { status: "ACTIVE" } });
    expect(await ownLectureMarks(t.db, me.userId, me.cohortId)).toEqual(new Set([slugs[3]]));
  });
});

describe("progress on the dashboard", () => {
  it("counts a marked lecture and a passed quiz as studied, and moves the next thing to do", async () => {
    const me = await placed();
    const admin = await t.db.user.create({ data: { email: `admin${++n}@example.org`, role: "ADMIN" } });
    await saveQuizRules(t.db, admin.id, me.cohortId, { ...DEFAULT_QUIZ_RULES, maxAttempts: 3 });
    expect(await progressOf(me.userId, me.cohortId)).toMatchObject({
      studied: 0,
      quizzesPassed: 0,
      next: { kind: "study", number: 1 },
    });
    await setLectureStudied(t.db, { ...me, lectureSlug: slugs[0]!, studied: true });
    expect(await progressOf(me.userId, me.cohortId)).toMatchObject({ studied: 1, next: { kind: "quiz", number: 1 } });
    // A failed quiz leaves lecture 1's quiz next; passing it moves on without another mark.
    await passQuiz(me.userId, me.cohortId, 0, false);
    expect(await progressOf(me.userId, me.cohortId)).toMatchObject({ studied: 1, next: { kind: "quiz", number: 1 } });
    await passQuiz(me.userId, me.cohortId, 0);
    await passQuiz(me.userId, me.cohortId, 1);
    expect(await rowsOf(me.userId)).toEqual([{ lectureSlug: slugs[0] }]);
    expect(await progressOf(me.userId, me.cohortId)).toMatchObject({
      studied: 2,
      quizzesPassed: 2,
      next: { kind: "study", number: 3 },
    });
    // Taking back the mark of a lecture whose quiz is passed leaves it studied.
    await setLectureStudied(t.db, { ...me, lectureSlug: slugs[0]!, studied: false });
    expect(await progressOf(me.userId, me.cohortId)).toMatchObject({ studied: 2 });
  });
});
