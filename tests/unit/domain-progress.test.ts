import { describe, expect, it } from "vitest";
import { courseDeadline, courseProgress, quizWindow, type LectureState, type QuizWindow } from "@/lib/domain/progress";
import type { QuizStatus } from "@/lib/domain/quiz";

// One letter per lecture, in course order: its mark and its quiz.
//   - not marked, quiz not started       m marked, quiz not started
//   p quiz passed (not marked)           P marked and quiz passed
//   f quiz failed, attempts left         F marked, quiz failed, attempts left
//   x quiz failed, no attempt left       X marked, quiz failed, no attempt left
//   i attempt in progress                I marked, attempt in progress
const QUIZ: Record<string, QuizStatus> = {
  "-": { status: "not-started", attemptsLeft: 3 },
  p: { status: "passed", percent: 90, attemptsLeft: 2 },
  f: { status: "failed", percent: 40, attemptsLeft: 2 },
  x: { status: "failed", percent: 40, attemptsLeft: 0 },
  i: { status: "in-progress", attemptsLeft: 3 },
};
const QUIZ_OF: Record<string, string> = { m: "-", P: "p", F: "f", X: "x", I: "i" };
const course = (letters: string): LectureState[] =>
  [...letters].map((c, i) => ({
    slug: `lecture-${i + 1}`,
    number: i + 1,
    marked: c in QUIZ_OF,
    quiz: QUIZ[QUIZ_OF[c] ?? c]!,
  }));

describe("courseProgress", () => {
  it.each<[string, QuizWindow, string, number, number]>([
    // course, window, next step, studied, quizzes passed
    ["-----", "open", "study 1", 0, 0],
    ["m----", "open", "quiz 1", 1, 0],
    ["p----", "open", "study 2", 1, 1], // a passed quiz counts as studied without a mark
    ["P----", "open", "study 2", 1, 1],
    ["pp---", "open", "study 3", 2, 2],
    ["ppm--", "open", "quiz 3", 3, 2], // "Continue: Lecture 3 quiz"
    ["ppF--", "open", "quiz 3", 3, 2], // failed with attempts left: try again
    ["ppX--", "open", "study 4", 3, 2], // no attempt left: move on
    ["ppx--", "open", "study 3", 2, 2], // ... but the lecture is still to be studied
    ["--i--", "open", "resume 3", 0, 0], // an attempt in progress comes first
    ["m-I--", "open", "resume 3", 2, 0],
    ["-m---", "open", "study 1", 1, 0], // skipping ahead leaves lecture 1 first
    ["mmmmm", "open", "quiz 1", 5, 0],
    ["mmmmm", "not-yet-open", "nothing-now", 5, 0],
    ["mmmmm", "closed", "nothing-now", 5, 0],
    ["m----", "not-yet-open", "study 2", 1, 0],
    ["m----", "closed", "study 2", 1, 0],
    ["I----", "closed", "study 2", 1, 0], // a closed quiz's attempt cannot go on
    ["PPPPP", "open", "complete", 5, 5],
    ["ppppp", "closed", "complete", 5, 5],
    ["PPPPX", "open", "nothing-now", 5, 4],
  ])("%s with the quizzes %s: %s, %i studied, %i passed", (letters, window, next, studied, passed) => {
    const p = courseProgress(course(letters), window);
    const step =
      p.next.kind === "study"
        ? `study ${p.next.number}`
        : p.next.kind === "quiz"
          ? `${p.next.resume ? "resume" : "quiz"} ${p.next.number}`
          : p.next.kind;
    expect(step).toBe(next);
    expect([p.studied, p.quizzesPassed, p.total]).toEqual([studied, passed, 5]);
    expect(p.lectures.map((l) => l.studied)).toEqual(
      [...letters].map((c) => c !== "-" && c !== "f" && c !== "x" && c !== "i"),
    );
  });

  it("follows the lectures' numbers, not the order given", () => {
    const p = courseProgress(course("pm-").reverse(), "open");
    expect(p.lectures.map((l) => l.number)).toEqual([1, 2, 3]);
    expect(p.next).toEqual({ kind: "quiz", slug: "lecture-2", number: 2, resume: false });
  });

  it("has nothing to count in a course without lectures", () => {
    expect(courseProgress([], "open")).toEqual({
      lectures: [],
      studied: 0,
      quizzesPassed: 0,
      total: 0,
      next: { kind: "complete" },
    });
  });
});

describe("quizWindow", () => {
  const at = (iso: string) => new Date(iso);
  const rules = { opensAt: at("2026-12-01T00:00:00Z"), closesAt: at("2026-12-20T00:00:00Z") };
  it.each([
    [rules, "2026-11-30T23:59:59Z", "not-yet-open"],
    [rules, "2026-12-01T00:00:00Z", "open"],
    [rules, "2026-12-19T23:59:59Z", "open"],
    [rules, "2026-12-20T00:00:00Z", "closed"],
    [{ opensAt: null, closesAt: null }, "2030-01-01T00:00:00Z", "open"],
  ])("%j at %s: %s", (r, now, expected) => {
    expect(quizWindow(r, at(now))).toBe(expected);
  });
});

describe("courseProgress with a window per quiz", () => {
  // Lecture 2's quiz is open for this person only (an organiser gave a later closing date).
  const windows: Record<string, QuizWindow> = { "lecture-1": "closed", "lecture-2": "open", "lecture-3": "closed" };
  it.each([
    ["mmm", "quiz 2"],
    ["mIm", "resume 2"],
    ["Imm", "quiz 2"], // lecture 1's attempt cannot go on: its quiz is closed
    ["mPm", "nothing-now"],
    ["m--", "study 2"],
  ])("%s: %s", (letters, next) => {
    const p = courseProgress(course(letters), (slug) => windows[slug]!);
    const step =
      p.next.kind === "quiz"
        ? `${p.next.resume ? "resume" : "quiz"} ${p.next.number}`
        : p.next.kind === "study"
          ? `study ${p.next.number}`
          : p.next.kind;
    expect(step).toBe(next);
  });
});

describe("courseDeadline", () => {
  const endsOn = new Date("2026-12-31T00:00:00Z");
  const cohort = { endsOn, timeZone: "UTC" };
  const now = new Date("2026-12-15T00:00:00Z");
  const dec = (day: number) => new Date(`2026-12-${day}T12:00:00Z`);
  const quiz = (closesAt: Date | null, passed = false) => ({ closesAt, passed });
  it.each([
    ["one closing for all", [quiz(dec(20)), quiz(dec(20))], { kind: "quizzes-close", at: dec(20) }],
    ["no closing", [quiz(null), quiz(null)], { kind: "cohort-ends", on: endsOn }],
    ["no quizzes", [], { kind: "cohort-ends", on: endsOn }],
    [
      "a later date for one quiz: the earliest ahead counts",
      [quiz(dec(20)), quiz(dec(27))],
      { kind: "quizzes-close", at: dec(20) },
    ],
    [
      "the quiz closing first is passed: the later one counts",
      [quiz(dec(20), true), quiz(dec(27))],
      { kind: "quizzes-close", at: dec(27) },
    ],
    [
      "the others closed, one open for this person: its date",
      [quiz(dec(10)), quiz(dec(10)), quiz(dec(27))],
      { kind: "quizzes-close", at: dec(27) },
    ],
    [
      "every quiz passed: the last closing",
      [quiz(dec(20), true), quiz(dec(27), true)],
      { kind: "quizzes-close", at: dec(27) },
    ],
    [
      "everything closed: the last closing, as past",
      [quiz(dec(10)), quiz(dec(12))],
      { kind: "quizzes-closed", at: dec(12) },
    ],
    [
      "every quiz passed and closed: the last closing, as past",
      [quiz(dec(10), true), quiz(dec(12), true)],
      { kind: "quizzes-closed", at: dec(12) },
    ],
  ])("%s", (_, quizzes, expected) => {
    expect(courseDeadline(quizzes, cohort, now)).toEqual(expected);
  });

  // The cohort's last day ends at midnight on the cohort's clocks, not at midnight UTC.
  it.each([
    ["the last day, in UTC", "UTC", "2026-12-31T23:59:59Z", "cohort-ends"],
    ["the day after, in UTC", "UTC", "2027-01-01T00:00:00Z", "cohort-ended"],
    ["the last day's last minute in Shanghai (UTC+8)", "Asia/Shanghai", "2026-12-31T15:59:00Z", "cohort-ends"],
    ["the day after in Shanghai, still the last day in UTC", "Asia/Shanghai", "2026-12-31T16:00:00Z", "cohort-ended"],
    ["the day after in UTC, still the last day in Lima (UTC-5)", "America/Lima", "2027-01-01T04:59:00Z", "cohort-ends"],
    ["the day after in Lima", "America/Lima", "2027-01-01T05:00:00Z", "cohort-ended"],
    ["years later, as a self-paced cohort kept open", "Asia/Shanghai", "2031-06-01T00:00:00Z", "cohort-ended"],
  ])("no closing, %s", (_, timeZone, at, kind) => {
    expect(courseDeadline([quiz(null)], { endsOn, timeZone }, new Date(at))).toEqual({ kind, on: endsOn });
  });
});
