import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import {
  correctResponse,
  attemptDeadline,
  canStartAttempt,
  countedPercent,
  DEFAULT_QUIZ_RULES,
  effectiveAttempt,
  gradeAttempt,
  gradeQuestion,
  hasPassed,
  isOverdue,
  layoutAttempt,
  canStillImprove,
  mayShowAnswers,
  overdueCutoff,
  parseResponse,
  publicQuestions,
  quizStatus,
  regradeChanges,
  type AttemptGrade,
  type AttemptState,
  type QuizResponse,
  type QuizRules,
  type QuizStatus,
  type StartDecision,
} from "@/lib/domain/quiz";
import type { TQuestion } from "@/lib/schemas/content";

const lectures = loadLectures(path.join(process.cwd(), "content"));

// --- Fixtures ---------------------------------------------------------------

const base = { explanation: "Because.", section: "key-points" as const, evidence: "The text says so." };

const single: TQuestion = {
  ...base,
  id: "capital",
  type: "single",
  prompt: "Capital?",
  options: [
    { id: "a", text: "Lahore" },
    { id: "b", text: "Islamabad", correct: true },
    { id: "c", text: "Karachi" },
  ],
};

// Three correct (a, b, c) of five.
const multiple: TQuestion = {
  ...base,
  id: "principles",
  type: "multiple",
  prompt: "Which apply?",
  options: [
    { id: "a", text: "A", correct: true },
    { id: "b", text: "B", correct: true },
    { id: "c", text: "C", correct: true },
    { id: "d", text: "D" },
    { id: "e", text: "E" },
  ],
};

const trueFalse: TQuestion = { ...base, id: "is-true", type: "true-false", prompt: "True?", answer: true };

const numeric = (answer: number, tolerance: number, unit?: string): TQuestion => ({
  ...base,
  id: `num-${answer}-${tolerance}`,
  type: "numeric",
  prompt: "How many?",
  answer,
  tolerance,
  ...(unit === undefined ? {} : { unit }),
});

/** Eight questions, two of each type; the choice questions have 3 or 5 options. */
const eight: TQuestion[] = [
  single,
  multiple,
  trueFalse,
  numeric(1988, 0, "year"),
  { ...single, id: "q5" },
  { ...multiple, id: "q6" },
  { ...trueFalse, id: "q7", answer: false },
  { ...numeric(51, 1), id: "q8" },
];

const at = (iso: string) => new Date(iso);
const rules = (o: Partial<QuizRules> = {}): QuizRules => ({ ...DEFAULT_QUIZ_RULES, ...o });

describe("correctResponse", () => {
  it("gives full marks on every question of every real quiz, and names exactly the correct options", () => {
    for (const q of lectures.flatMap((l) => l.quiz.questions))
      expect(gradeQuestion(q, correctResponse(q))).toEqual({ points: 1, correct: true });
    const multiple = lectures.flatMap((l) => l.quiz.questions).find((q) => q.type === "multiple")!;
    if (multiple.type !== "multiple") throw new Error("no multiple-choice question");
    expect(correctResponse(multiple)).toEqual({
      type: "multiple",
      optionIds: multiple.options.filter((o) => o.correct).map((o) => o.id),
    });
  });
});

// --- parseResponse ----------------------------------------------------------

describe("parseResponse", () => {
  it.each<[string, TQuestion, unknown, QuizResponse]>([
    ["single, known option", single, { type: "single", optionId: "b" }, { type: "single", optionId: "b" }],
    ["single, a wrong but known option", single, { type: "single", optionId: "a" }, { type: "single", optionId: "a" }],
    [
      "single, extra fields dropped",
      single,
      { type: "single", optionId: "c", correct: true },
      { type: "single", optionId: "c" },
    ],
    ["multiple", multiple, { type: "multiple", optionIds: ["a", "d"] }, { type: "multiple", optionIds: ["a", "d"] }],
    ["multiple, empty = no answer", multiple, { type: "multiple", optionIds: [] }, { type: "multiple", optionIds: [] }],
    [
      "multiple, duplicates removed",
      multiple,
      { type: "multiple", optionIds: ["b", "a", "b", "a"] },
      { type: "multiple", optionIds: ["b", "a"] },
    ],
    ["true-false, true", trueFalse, { type: "true-false", value: true }, { type: "true-false", value: true }],
    ["true-false, false", trueFalse, { type: "true-false", value: false }, { type: "true-false", value: false }],
    ["numeric, integer", numeric(51, 0), { type: "numeric", value: 51 }, { type: "numeric", value: 51 }],
    ["numeric, negative float", numeric(51, 0), { type: "numeric", value: -2.5 }, { type: "numeric", value: -2.5 }],
    ["numeric, zero", numeric(51, 0), { type: "numeric", value: 0 }, { type: "numeric", value: 0 }],
  ])("accepts %s", (_, question, raw, response) => {
    expect(parseResponse(question, raw)).toEqual({ ok: true, response });
  });

  it.each<[string, TQuestion, unknown, "wrong-type" | "unknown-option" | "invalid"]>([
    ["single, unknown option id", single, { type: "single", optionId: "z" }, "unknown-option"],
    ["single, an array", single, { type: "single", optionId: ["b"] }, "invalid"],
    ["single, the whole answer an array", single, ["b"], "invalid"],
    ["single, missing optionId", single, { type: "single" }, "invalid"],
    ["single, a multiple-choice answer", single, { type: "multiple", optionIds: ["b"] }, "wrong-type"],
    ["multiple, unknown option id", multiple, { type: "multiple", optionIds: ["a", "z"] }, "unknown-option"],
    ["multiple, a string not an array", multiple, { type: "multiple", optionIds: "a" }, "invalid"],
    ["multiple, a number inside", multiple, { type: "multiple", optionIds: ["a", 1] }, "invalid"],
    ["multiple, a single-choice answer", multiple, { type: "single", optionId: "a" }, "wrong-type"],
    ["true-false, a string", trueFalse, { type: "true-false", value: "true" }, "invalid"],
    ["true-false, 1", trueFalse, { type: "true-false", value: 1 }, "invalid"],
    ["true-false, a numeric answer", trueFalse, { type: "numeric", value: 1 }, "wrong-type"],
    ["numeric, a string", numeric(51, 0), { type: "numeric", value: "51" }, "invalid"],
    ["numeric, NaN", numeric(51, 0), { type: "numeric", value: Number.NaN }, "invalid"],
    ["numeric, Infinity", numeric(51, 0), { type: "numeric", value: Number.POSITIVE_INFINITY }, "invalid"],
    ["numeric, -Infinity", numeric(51, 0), { type: "numeric", value: Number.NEGATIVE_INFINITY }, "invalid"],
    ["numeric, null", numeric(51, 0), { type: "numeric", value: null }, "invalid"],
    ["numeric, a true-false answer", numeric(51, 0), { type: "true-false", value: true }, "wrong-type"],
    ["an unknown type", numeric(51, 0), { type: "essay", value: 51 }, "wrong-type"],
    ["no type", numeric(51, 0), { value: 51 }, "invalid"],
    ["null", single, null, "invalid"],
    ["a string", single, "b", "invalid"],
    ["undefined", trueFalse, undefined, "invalid"],
  ])("rejects %s as %s", (_, question, raw, error) => {
    expect(parseResponse(question, raw)).toEqual({ ok: false, error });
  });
});

// --- gradeQuestion ----------------------------------------------------------

describe("gradeQuestion", () => {
  describe("multiple: partial credit on 3 correct of 5", () => {
    it.each<[string, string[], number, boolean]>([
      ["all three correct", ["a", "b", "c"], 1, true],
      ["all three correct, other order", ["c", "a", "b"], 1, true],
      ["two correct", ["a", "b"], 2 / 3, false],
      ["one correct", ["c"], 1 / 3, false],
      ["two correct + one wrong", ["a", "b", "d"], 1 / 3, false],
      ["three correct + one wrong", ["a", "b", "c", "e"], 2 / 3, false],
      ["one correct + one wrong", ["a", "d"], 0, false],
      ["one correct + two wrong (floored at 0)", ["a", "d", "e"], 0, false],
      ["all five", ["a", "b", "c", "d", "e"], 1 / 3, false],
      ["only wrong ones", ["d", "e"], 0, false],
      ["nothing selected", [], 0, false],
      ["duplicates count once", ["a", "a", "b", "b"], 2 / 3, false],
      ["an id the question no longer has is ignored", ["a", "b", "c", "gone"], 1, true],
    ])("%s -> %f", (_, optionIds, points, correct) => {
      const g = gradeQuestion(multiple, { type: "multiple", optionIds });
      expect(g.points).toBeCloseTo(points, 4);
      expect(g.correct).toBe(correct);
    });

    it("two correct rounds to 0.6667 and two + one wrong to 0.3333", () => {
      expect(gradeQuestion(multiple, { type: "multiple", optionIds: ["a", "b"] }).points).toBeCloseTo(0.6667, 4);
      expect(gradeQuestion(multiple, { type: "multiple", optionIds: ["a", "b", "d"] }).points).toBeCloseTo(0.3333, 4);
    });
  });

  describe("numeric tolerance", () => {
    it.each<[string, TQuestion, number, boolean]>([
      ["exact, tolerance 0", numeric(1988, 0), 1988, true],
      ["off by one, tolerance 0", numeric(1988, 0), 1989, false],
      ["exactly at +tolerance", numeric(10, 0.5), 10.5, true],
      ["exactly at -tolerance", numeric(10, 0.5), 9.5, true],
      ["just beyond +tolerance", numeric(10, 0.5), 10.51, false],
      ["just beyond -tolerance", numeric(10, 0.5), 9.49, false],
      ["float noise: 0.1 + 0.2 vs 0.3, tolerance 0", numeric(0.3, 0), 0.1 + 0.2, true],
      ["float noise at the tolerance edge: 1.1 + 0.2 vs 1.2 ± 0.1", numeric(1.2, 0.1), 1.1 + 0.2, true],
      ["0.31 vs 0.3, tolerance 0", numeric(0.3, 0), 0.31, false],
      ["integer tolerance: 49 vs 51 ± 2", numeric(51, 2), 49, true],
      ["integer tolerance: 48 vs 51 ± 2", numeric(51, 2), 48, false],
      ["large answer, exact", numeric(1_500_000_000, 0), 1_500_000_000, true],
      ["large answer, off by one", numeric(1_500_000_000, 0), 1_500_000_001, false],
      ["NaN never matches", numeric(0, 1), Number.NaN, false],
    ])("%s -> %s", (_, question, value, correct) => {
      expect(gradeQuestion(question, { type: "numeric", value })).toEqual({ points: correct ? 1 : 0, correct });
    });
  });

  it.each<[string, TQuestion, QuizResponse | undefined, number]>([
    ["single, the correct option", single, { type: "single", optionId: "b" }, 1],
    ["single, a wrong option", single, { type: "single", optionId: "a" }, 0],
    ["single, an unknown option", single, { type: "single", optionId: "z" }, 0],
    ["true-false, equal", trueFalse, { type: "true-false", value: true }, 1],
    ["true-false, not equal", trueFalse, { type: "true-false", value: false }, 0],
    ["true-false with answer false, false", { ...trueFalse, answer: false }, { type: "true-false", value: false }, 1],
    ["no response (single)", single, undefined, 0],
    ["no response (multiple)", multiple, undefined, 0],
    ["no response (numeric)", numeric(5, 0), undefined, 0],
    ["single, a multiple response naming the right option", single, { type: "multiple", optionIds: ["b"] }, 0],
    ["multiple, a single response", multiple, { type: "single", optionId: "a" }, 0],
    ["true-false, a numeric 1", trueFalse, { type: "numeric", value: 1 }, 0],
    ["numeric, a true-false", numeric(1, 0), { type: "true-false", value: true }, 0],
  ])("%s -> %d", (_, question, response, points) => {
    expect(gradeQuestion(question, response)).toEqual({ points, correct: points === 1 });
  });
});

// --- gradeAttempt / hasPassed -----------------------------------------------

describe("gradeAttempt", () => {
  describe.each(lectures.map((l) => [l.slug, l.quiz.questions] as const))("real quiz %s", (_, questions) => {
    it("all correct -> 100%", () => {
      const responses = Object.fromEntries(questions.map((q) => [q.id, correctResponse(q)]));
      const g = gradeAttempt(questions, responses);
      expect(g).toMatchObject({ score: questions.length, maxScore: questions.length, percent: 100 });
      expect(g.perQuestion.map((p) => p.id)).toEqual(questions.map((q) => q.id));
      expect(g.perQuestion.every((p) => p.points === 1 && p.correct)).toBe(true);
    });

    it("nothing answered -> 0%", () => {
      const g = gradeAttempt(questions, {});
      expect(g).toMatchObject({ score: 0, maxScore: questions.length, percent: 0 });
      expect(g.perQuestion.every((p) => p.points === 0 && !p.correct)).toBe(true);
    });
  });

  it.each<[string, Record<string, QuizResponse>, number, number]>([
    // eight questions: score rounded to 2 decimals, percent = score / 8 * 100 rounded to 1 decimal
    ["one right", { capital: { type: "single", optionId: "b" } }, 1, 12.5],
    ["two thirds of a multiple", { principles: { type: "multiple", optionIds: ["a", "b"] } }, 0.67, 8.4],
    ["one third of a multiple", { principles: { type: "multiple", optionIds: ["a"] } }, 0.33, 4.1],
    [
      "two thirds twice + one right",
      {
        principles: { type: "multiple", optionIds: ["a", "b"] },
        q6: { type: "multiple", optionIds: ["b", "c"] },
        "is-true": { type: "true-false", value: true },
      },
      2.33,
      29.1,
    ],
    [
      "a wrong answer counts 0",
      { "num-1988-0": { type: "numeric", value: 1987 }, q7: { type: "true-false", value: false } },
      1,
      12.5,
    ],
    ["responses to unknown questions are ignored", { nope: { type: "true-false", value: true } }, 0, 0],
  ])("%s -> score %f, %f%%", (_, responses, score, percent) => {
    const g = gradeAttempt(eight, responses);
    expect(g.score).toBe(score);
    expect(g.maxScore).toBe(8);
    expect(g.percent).toBe(percent);
  });

  it("an empty quiz scores 0% rather than NaN", () => {
    expect(gradeAttempt([], {})).toEqual({ score: 0, maxScore: 0, percent: 0, perQuestion: [] });
  });
});

describe("hasPassed", () => {
  it.each([
    [70, 70, true],
    [69.9, 70, false],
    [100, 70, true],
    [0, 0, true],
    [99.9, 100, false],
    [100, 100, true],
  ])("%f%% against pass mark %f -> %s", (percent, passPercent, passed) => {
    expect(hasPassed(percent, { passPercent })).toBe(passed);
  });
});

// --- layoutAttempt ----------------------------------------------------------

describe("layoutAttempt", () => {
  const on = { shuffleQuestions: true, shuffleOptions: true };
  const contentIds = eight.map((q) => q.id);
  const withOptions = eight.filter((q) => q.type === "single" || q.type === "multiple");
  const optionIdsOf = (q: TQuestion) =>
    q.type === "single" || q.type === "multiple" ? q.options.map((o) => o.id) : [];

  it.each(["attempt-1", "cm9z3k2x40000abcd", ""])("is deterministic for seed %j", (seed) => {
    expect(layoutAttempt(eight, seed, on)).toEqual(layoutAttempt(eight, seed, on));
  });

  it.each([
    ["attempt-1", "attempt-2"],
    ["a", "b"],
    ["cm9z3k2x40000abcd", "cm9z3k2x40000abce"],
  ])("differs between seeds %j and %j", (s1, s2) => {
    expect(layoutAttempt(eight, s1, on).questionIds).not.toEqual(layoutAttempt(eight, s2, on).questionIds);
  });

  it("spreads over many orders, and rarely leaves content order", () => {
    const orders = Array.from({ length: 50 }, (_, i) => layoutAttempt(eight, `seed-${i}`, on).questionIds.join(","));
    expect(new Set(orders).size).toBeGreaterThanOrEqual(45);
    expect(orders.filter((o) => o === contentIds.join(",")).length).toBeLessThanOrEqual(1);
    // each question lands first at least once over 50 seeds
    expect(new Set(orders.map((o) => o.split(",")[0])).size).toBe(8);
  });

  it.each(["s1", "s2", "s3", "s4"])(
    "is a permutation of the questions and of each question's options (seed %s)",
    (seed) => {
      const layout = layoutAttempt(eight, seed, on);
      expect([...layout.questionIds].sort()).toEqual([...contentIds].sort());
      expect(Object.keys(layout.optionOrder).sort()).toEqual(withOptions.map((q) => q.id).sort());
      for (const q of withOptions) expect([...layout.optionOrder[q.id]!].sort()).toEqual(optionIdsOf(q).sort());
    },
  );

  it.each([
    [{ shuffleQuestions: false, shuffleOptions: false }, true, true],
    [{ shuffleQuestions: false, shuffleOptions: true }, true, false],
    [{ shuffleQuestions: true, shuffleOptions: false }, false, true],
  ])("with %j: questions in content order %s, options in content order %s", (r, questionsInOrder, optionsInOrder) => {
    // over several seeds, so a shuffle that happens to equal content order once cannot pass
    const layouts = ["x", "y", "z", "w"].map((seed) => layoutAttempt(eight, seed, r));
    const qInOrder = layouts.every((l) => l.questionIds.join() === contentIds.join());
    const oInOrder = layouts.every((l) =>
      withOptions.every((q) => l.optionOrder[q.id]!.join() === optionIdsOf(q).join()),
    );
    expect(qInOrder).toBe(questionsInOrder);
    expect(oInOrder).toBe(optionsInOrder);
    for (const l of layouts) expect(Object.keys(l.optionOrder).sort()).toEqual(withOptions.map((q) => q.id).sort());
  });

  it("gives a question's options the same order whatever other questions the quiz has", () => {
    const alone = layoutAttempt([multiple], "seed", on).optionOrder.principles;
    const among = layoutAttempt(eight, "seed", on).optionOrder.principles;
    expect(alone).toEqual(among);
  });

  it("is stable across releases (stored attempts rely on it)", () => {
    // If this fails, the PRNG or the shuffle changed: in-progress attempts would be re-ordered.
    const layout = layoutAttempt(eight, "attempt-1", on);
    expect(layout).toMatchInlineSnapshot(`
      {
        "optionOrder": {
          "capital": [
            "c",
            "b",
            "a",
          ],
          "principles": [
            "a",
            "e",
            "c",
            "b",
            "d",
          ],
          "q5": [
            "c",
            "a",
            "b",
          ],
          "q6": [
            "c",
            "a",
            "e",
            "b",
            "d",
          ],
        },
        "questionIds": [
          "q5",
          "q8",
          "num-1988-0",
          "q7",
          "capital",
          "is-true",
          "q6",
          "principles",
        ],
      }
    `);
  });
});

// --- publicQuestions --------------------------------------------------------

describe("publicQuestions", () => {
  const FORBIDDEN = ['"correct"', '"answer"', '"tolerance"', '"explanation"', '"evidence"', '"section"'];

  describe.each(lectures.map((l) => [l.slug, l.quiz.questions] as const))("real quiz %s", (_, questions) => {
    it.each(["seed-a", "seed-b"])("reveals nothing of the answers (seed %s)", (seed) => {
      const out = publicQuestions(questions, layoutAttempt(questions, seed, DEFAULT_QUIZ_RULES));
      const json = JSON.stringify(out);
      for (const word of FORBIDDEN) expect(json, word).not.toContain(word);
      for (const q of questions) {
        expect(json).not.toContain(JSON.stringify(q.explanation));
        expect(json).not.toContain(JSON.stringify(q.evidence));
      }
      expect(out).toHaveLength(questions.length);
      for (const p of out)
        expect(Object.keys(p).every((k) => ["id", "type", "prompt", "options", "unit"].includes(k))).toBe(true);
    });
  });

  it("follows the layout's order for questions and options", () => {
    const layout = layoutAttempt(eight, "order", { shuffleQuestions: true, shuffleOptions: true });
    const out = publicQuestions(eight, layout);
    expect(out.map((q) => q.id)).toEqual(layout.questionIds);
    for (const q of out) {
      if (q.options) expect(q.options.map((o) => o.id)).toEqual(layout.optionOrder[q.id]);
    }
  });

  it.each<[string, TQuestion, object]>([
    [
      "single",
      single,
      {
        id: "capital",
        type: "single",
        prompt: "Capital?",
        options: [
          { id: "a", text: "Lahore" },
          { id: "b", text: "Islamabad" },
          { id: "c", text: "Karachi" },
        ],
      },
    ],
    ["true-false", trueFalse, { id: "is-true", type: "true-false", prompt: "True?" }],
    ["numeric with unit", numeric(5, 1, "km"), { id: "num-5-1", type: "numeric", prompt: "How many?", unit: "km" }],
    ["numeric without unit", numeric(5, 1), { id: "num-5-1", type: "numeric", prompt: "How many?" }],
  ])("shows a %s question as exactly %j", (_, q, expected) => {
    const out = publicQuestions([q], layoutAttempt([q], "s", { shuffleQuestions: false, shuffleOptions: false }));
    expect(out).toStrictEqual([expected]);
  });

  it("skips questions gone from the content and appends new ones", () => {
    const layout = { questionIds: ["gone", "is-true", "capital"], optionOrder: { capital: ["c", "x", "a"] } };
    const out = publicQuestions([single, trueFalse, numeric(1, 0)], layout);
    expect(out.map((q) => q.id)).toEqual(["is-true", "capital", "num-1-0"]);
    expect(out[1]!.options!.map((o) => o.id)).toEqual(["c", "a", "b"]);
  });
});

// --- Time -------------------------------------------------------------------

describe("attemptDeadline", () => {
  const started = at("2026-06-15T12:00:00Z");
  it.each<[string, number | null, Date | null, Date | null]>([
    ["no limit, no close", null, null, null],
    ["30-minute limit", 30, null, at("2026-06-15T12:30:00Z")],
    ["limit ends before close", 30, at("2026-06-15T13:00:00Z"), at("2026-06-15T12:30:00Z")],
    ["close comes first: capped", 30, at("2026-06-15T12:10:00Z"), at("2026-06-15T12:10:00Z")],
    ["close only", null, at("2026-06-20T00:00:00Z"), at("2026-06-20T00:00:00Z")],
    ["limit and close at the same time", 60, at("2026-06-15T13:00:00Z"), at("2026-06-15T13:00:00Z")],
    ["fractional minutes", 1.5, null, at("2026-06-15T12:01:30Z")],
  ])("%s", (_, timeLimitMinutes, closesAt, deadline) => {
    expect(attemptDeadline(started, { timeLimitMinutes, closesAt })).toEqual(deadline);
  });
});

describe("isOverdue", () => {
  const deadline = at("2026-06-15T12:30:00Z");
  it.each<[string, Date | null, Date, boolean]>([
    ["before the deadline", deadline, at("2026-06-15T12:29:59Z"), false],
    ["at the deadline", deadline, deadline, false],
    ["at deadline + 30 s (grace)", deadline, at("2026-06-15T12:30:30Z"), false],
    ["at deadline + 30.001 s", deadline, at("2026-06-15T12:30:30.001Z"), true],
    ["at deadline + 31 s", deadline, at("2026-06-15T12:30:31Z"), true],
    ["no deadline, years later", null, at("2036-01-01T00:00:00Z"), false],
  ])("%s -> %s", (_, d, now, overdue) => {
    expect(isOverdue(d, now)).toBe(overdue);
  });
});

describe("overdueCutoff", () => {
  const now = at("2026-06-15T12:31:00Z");
  it.each([-31_000, -30_001, -30_000, -29_999, 0, 60_000])(
    "a deadline %i ms from now is before it exactly when it is overdue",
    (offset) => {
      const deadline = new Date(now.getTime() + offset);
      expect(deadline < overdueCutoff(now)).toBe(isOverdue(deadline, now));
    },
  );
});

describe("effectiveAttempt", () => {
  const deadline = at("2026-06-15T12:30:00Z");
  const inProgress: AttemptState & { id: string } = {
    id: "attempt-1",
    status: "IN_PROGRESS",
    deadlineAt: deadline,
    submittedAt: null,
    submittedBy: null,
    percent: null,
    passed: null,
  };
  const submitted: AttemptState & { id: string } = {
    ...inProgress,
    status: "SUBMITTED",
    submittedAt: at("2026-06-15T12:20:00Z"),
    submittedBy: "participant",
    percent: 20,
    passed: false,
  };
  // Three questions; one answered right, one wrong, one not at all: 33.3%.
  const questions = [single, trueFalse, numeric(1988, 0)];
  const oneOfThree: Record<string, QuizResponse> = {
    capital: { type: "single", optionId: "b" },
    "is-true": { type: "true-false", value: false },
  };
  const allThree: Record<string, QuizResponse> = {
    ...oneOfThree,
    "is-true": { type: "true-false", value: true },
    "num-1988-0": { type: "numeric", value: 1988 },
  };
  const closed = (percent: number, score: number, passed: boolean) => ({
    ...inProgress,
    status: "SUBMITTED",
    submittedAt: deadline,
    submittedBy: "deadline",
    percent,
    passed,
    grade: expect.objectContaining({ score, maxScore: 3, percent }),
  });
  const past = at("2026-06-15T12:30:30.001Z");

  it.each<[string, AttemptState & { id: string }, Record<string, QuizResponse>, number, Date, object | "as stored"]>([
    ["in progress, before its deadline", inProgress, oneOfThree, 30, at("2026-06-15T12:29:00Z"), "as stored"],
    ["in progress, within the grace period", inProgress, oneOfThree, 30, at("2026-06-15T12:30:30Z"), "as stored"],
    [
      "in progress, past the grace period: submitted at its deadline, passed at 30%",
      inProgress,
      oneOfThree,
      30,
      past,
      closed(33.3, 1, true),
    ],
    ["in progress, past the grace period: failed at 70%", inProgress, oneOfThree, 70, past, closed(33.3, 1, false)],
    ["all answers saved right", inProgress, allThree, 70, past, closed(100, 3, true)],
    ["no answer saved", inProgress, {}, 0, past, closed(0, 0, true)],
    [
      "answers to questions it does not have are ignored",
      inProgress,
      { gone: { type: "single", optionId: "a" } },
      70,
      past,
      closed(0, 0, false),
    ],
    ["a day late", inProgress, allThree, 70, at("2026-06-16T12:30:00Z"), closed(100, 3, true)],
    [
      "in progress with no deadline, years later",
      { ...inProgress, deadlineAt: null },
      allThree,
      70,
      at("2036-01-01T00:00:00Z"),
      "as stored",
    ],
    ["submitted before its deadline, read later: never graded again", submitted, allThree, 70, past, "as stored"],
    [
      "submitted at its deadline already",
      { ...submitted, submittedBy: "deadline", submittedAt: deadline },
      allThree,
      70,
      past,
      "as stored",
    ],
  ])("%s", (_, attempt, responses, passPercent, now, expected) => {
    const result = effectiveAttempt(attempt, { questions, responses }, { passPercent }, now);
    if (expected === "as stored") expect(result).toBe(attempt);
    else expect(result).toEqual(expected);
  });

  it("grades with the questions the attempt was taken with", () => {
    const changed = questions.map((q) => (q.type === "true-false" ? { ...q, answer: false } : q));
    expect(
      effectiveAttempt(inProgress, { questions: changed, responses: oneOfThree }, { passPercent: 50 }, past),
    ).toMatchObject({
      percent: 66.7,
      passed: true,
    });
  });
});

// --- Attempts and scores ----------------------------------------------------

describe("canStartAttempt", () => {
  const now = at("2026-06-15T12:00:00Z");
  it.each<[string, Partial<QuizRules>, number, StartDecision]>([
    ["defaults, first attempt", {}, 0, { ok: true }],
    ["third of three", { maxAttempts: 3 }, 2, { ok: true }],
    ["no attempts left", { maxAttempts: 3 }, 3, { ok: false, reason: "no-attempts-left" }],
    ["over the limit (limit lowered since)", { maxAttempts: 1 }, 2, { ok: false, reason: "no-attempts-left" }],
    ["unlimited", { maxAttempts: null }, 1000, { ok: true }],
    ["not open yet", { opensAt: at("2026-06-16T00:00:00Z") }, 0, { ok: false, reason: "not-open" }],
    ["opens exactly now", { opensAt: now }, 0, { ok: true }],
    ["closed", { closesAt: at("2026-06-15T11:59:59Z") }, 0, { ok: false, reason: "closed" }],
    ["closes exactly now", { closesAt: now }, 0, { ok: false, reason: "closed" }],
    ["closes later", { closesAt: at("2026-06-15T12:00:01Z") }, 0, { ok: true }],
    [
      "inside the window",
      { opensAt: at("2026-06-01T00:00:00Z"), closesAt: at("2026-07-01T00:00:00Z") },
      1,
      { ok: true },
    ],
    [
      "closed and out of attempts: closed first",
      { closesAt: at("2026-06-01T00:00:00Z"), maxAttempts: 1 },
      1,
      { ok: false, reason: "closed" },
    ],
    [
      "not open and out of attempts: not-open first",
      { opensAt: at("2026-07-01T00:00:00Z"), maxAttempts: 0 },
      0,
      { ok: false, reason: "not-open" },
    ],
  ])("%s", (_, r, used, decision) => {
    expect(canStartAttempt(rules(r), used, now)).toEqual(decision);
  });
});

describe("countedPercent", () => {
  const three = [{ percent: 60 }, { percent: 85 }, { percent: 72.5 }];
  it.each<[QuizRules["scorePolicy"], { percent: number }[], number | null]>([
    ["BEST", three, 85],
    ["LATEST", three, 72.5],
    ["FIRST", three, 60],
    ["BEST", [{ percent: 40 }], 40],
    ["LATEST", [{ percent: 40 }], 40],
    ["FIRST", [{ percent: 40 }], 40],
    ["BEST", [{ percent: 0 }, { percent: 0 }], 0],
    ["BEST", [], null],
    ["LATEST", [], null],
    ["FIRST", [], null],
  ])("%s of %j -> %s", (policy, attempts, counted) => {
    expect(countedPercent(attempts, policy)).toBe(counted);
  });
});

describe("mayShowAnswers", () => {
  const now = at("2026-06-15T12:00:00Z");
  const past = at("2026-06-01T00:00:00Z");
  const future = at("2026-07-01T00:00:00Z");
  it.each<[QuizRules["feedback"], Partial<QuizRules>, boolean, number, number | null, boolean]>([
    ["SCORE_ONLY", {}, true, 3, 100, false],
    ["SCORE_ONLY", { closesAt: past }, true, 1, 100, false],
    ["AFTER_EACH_ATTEMPT", {}, false, 1, 40, false],
    ["AFTER_EACH_ATTEMPT", {}, true, 2, 80, false],
    ["AFTER_EACH_ATTEMPT", {}, true, 1, 100, true],
    ["AFTER_EACH_ATTEMPT", {}, false, 3, 40, true],
    ["AFTER_EACH_ATTEMPT", { closesAt: future }, false, 1, 40, false],
    ["AFTER_EACH_ATTEMPT", { closesAt: past }, false, 1, 40, true],
    ["AFTER_EACH_ATTEMPT", { maxAttempts: 1 }, false, 1, 40, true],
    ["AFTER_EACH_ATTEMPT", { scorePolicy: "FIRST" }, false, 1, 40, true],
    ["AFTER_EACH_ATTEMPT", { maxAttempts: null }, false, 9, 90, false],
    ["ONCE_PASSED", {}, false, 2, 50, false],
    ["ONCE_PASSED", {}, true, 1, 80, true],
    ["ONCE_PASSED", { closesAt: past }, false, 3, 50, false],
    ["AFTER_CLOSE", { closesAt: null }, false, 1, 50, false],
    ["AFTER_CLOSE", { closesAt: future }, true, 1, 80, false],
    ["AFTER_CLOSE", { closesAt: past }, false, 1, 50, true],
    ["AFTER_CLOSE", { closesAt: now }, false, 1, 50, true],
    ["AFTER_CLOSE", { closesAt: future, maxAttempts: 3 }, false, 3, 50, true],
    ["AFTER_CLOSE", { closesAt: null, maxAttempts: 3 }, false, 3, 50, true],
    ["AFTER_CLOSE", { closesAt: null, maxAttempts: 3 }, false, 2, 50, false],
    ["AFTER_CLOSE", { closesAt: null, maxAttempts: null }, true, 50, 80, false],
  ])("%s with %j, passed %s, %d used, counted %s -> %s", (feedback, r, passedEver, attemptsUsed, counted, shown) => {
    expect(mayShowAnswers(rules({ feedback, ...r }), { passedEver, attemptsUsed, countedPercent: counted, now })).toBe(
      shown,
    );
  });
});

describe("canStillImprove", () => {
  const now = at("2026-06-15T12:00:00Z");
  const past = at("2026-06-01T00:00:00Z");
  const future = at("2026-07-01T00:00:00Z");
  it.each<[string, Partial<QuizRules>, number, number | null, boolean]>([
    ["default rules, first attempt failed", {}, 1, 40, true],
    ["default rules, passed below full marks", {}, 2, 85, true],
    ["default rules, full marks", {}, 1, 100, false],
    ["default rules, attempts used up", {}, 3, 40, false],
    ["no attempt yet", {}, 0, null, true],
    ["one attempt allowed and used", { maxAttempts: 1 }, 1, 10, false],
    ["unlimited attempts", { maxAttempts: null }, 40, 99.9, true],
    ["closed", { closesAt: past }, 1, 40, false],
    ["closing exactly now", { closesAt: now }, 1, 40, false],
    ["closing later", { closesAt: future }, 1, 40, true],
    ["the first attempt counts", { scorePolicy: "FIRST" }, 1, 40, false],
    ["the first attempt counts, none yet", { scorePolicy: "FIRST" }, 0, null, true],
    ["the latest attempt counts", { scorePolicy: "LATEST" }, 1, 40, true],
    ["the latest attempt counts, full marks", { scorePolicy: "LATEST" }, 1, 100, false],
  ])("%s (%j, %d used, counted %s) -> %s", (_, r, attemptsUsed, countedPercent, expected) => {
    expect(canStillImprove(rules(r), { attemptsUsed, countedPercent, now })).toBe(expected);
  });
});

describe("quizStatus", () => {
  type A = { submitted: boolean; percent: number | null };
  const done = (percent: number): A => ({ submitted: true, percent });
  const open: A = { submitted: false, percent: null };
  it.each<[string, Partial<QuizRules>, A[], QuizStatus]>([
    ["no attempts", {}, [], { status: "not-started", attemptsLeft: 3 }],
    ["no attempts, unlimited", { maxAttempts: null }, [], { status: "not-started", attemptsLeft: null }],
    ["first in progress", {}, [open], { status: "in-progress", attemptsLeft: 3 }],
    ["in progress wins over a pass", {}, [done(90), open], { status: "in-progress", attemptsLeft: 2 }],
    ["passed", {}, [done(80)], { status: "passed", percent: 80, attemptsLeft: 2 }],
    ["exactly the pass mark", {}, [done(70)], { status: "passed", percent: 70, attemptsLeft: 2 }],
    ["failed", {}, [done(69.9)], { status: "failed", percent: 69.9, attemptsLeft: 2 }],
    ["BEST: a pass then a fail", {}, [done(80), done(50)], { status: "passed", percent: 80, attemptsLeft: 1 }],
    [
      "LATEST: a pass then a fail",
      { scorePolicy: "LATEST" },
      [done(80), done(50)],
      { status: "failed", percent: 50, attemptsLeft: 1 },
    ],
    [
      "FIRST: a fail then a pass",
      { scorePolicy: "FIRST" },
      [done(50), done(95)],
      { status: "failed", percent: 50, attemptsLeft: 1 },
    ],
    ["out of attempts", {}, [done(10), done(20), done(30)], { status: "failed", percent: 30, attemptsLeft: 0 }],
    [
      "more attempts than allowed now: never negative",
      { maxAttempts: 1 },
      [done(10), done(20)],
      { status: "failed", percent: 20, attemptsLeft: 0 },
    ],
    ["unlimited", { maxAttempts: null }, [done(10), done(20)], { status: "failed", percent: 20, attemptsLeft: null }],
    ["other pass mark", { passPercent: 50 }, [done(50)], { status: "passed", percent: 50, attemptsLeft: 2 }],
    [
      "a submitted attempt without a percent is not counted",
      {},
      [{ submitted: true, percent: null }],
      { status: "not-started", attemptsLeft: 2 },
    ],
  ])("%s", (_, r, attempts, status) => {
    expect(quizStatus(rules(r), attempts)).toEqual(status);
  });
});

describe("regradeChanges", () => {
  const grade = (points: Record<string, number>): AttemptGrade => ({
    score: 0,
    maxScore: 0,
    percent: 0,
    perQuestion: Object.entries(points).map(([id, p]) => ({ id, points: p, correct: p === 1 })),
  });
  it.each<[string, Record<string, number>, Record<string, number>, { id: string; before: number; after: number }[]]>([
    ["nothing changed", { a: 1, b: 0 }, { a: 1, b: 0 }, []],
    ["one question now right", { a: 1, b: 0 }, { a: 1, b: 1 }, [{ id: "b", before: 0, after: 1 }]],
    ["one question now wrong", { a: 1, b: 0 }, { a: 0, b: 0 }, [{ id: "a", before: 1, after: 0 }]],
    ["partial credit changed", { a: 2 / 3 }, { a: 1 / 3 }, [{ id: "a", before: 2 / 3, after: 1 / 3 }]],
    ["float noise is not a change", { a: 0.1 + 0.2 }, { a: 0.3 }, []],
    ["a question added", { a: 1 }, { a: 1, b: 1 }, [{ id: "b", before: 0, after: 1 }]],
    ["a question removed", { a: 1, b: 1 }, { a: 1 }, [{ id: "b", before: 1, after: 0 }]],
    ["an unanswered question added: no change", { a: 1 }, { a: 1, b: 0 }, []],
  ])("%s", (_, before, after, changes) => {
    expect(regradeChanges(grade(before), grade(after))).toEqual(changes);
  });

  it("finds the change when a real question's correct option moves", () => {
    const responses = { capital: { type: "single", optionId: "b" } as const };
    const before = gradeAttempt([single, trueFalse], responses);
    const moved: TQuestion = { ...single, options: single.options.map((o) => ({ ...o, correct: o.id === "a" })) };
    const after = gradeAttempt([moved, trueFalse], responses);
    expect(regradeChanges(before, after)).toEqual([{ id: "capital", before: 1, after: 0 }]);
  });
});
