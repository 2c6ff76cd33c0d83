import { describe, expect, it } from "vitest";
import { DEFAULT_QUIZ_RULES, type QuizResponse } from "@/lib/domain/quiz";
import {
  filterReportPeople,
  participantResults,
  questionStats,
  summarise,
  type ReportAttempt,
} from "@/lib/domain/quiz-report";
import type { TQuestion } from "@/lib/schemas/content";

const base = { explanation: "e", section: "context" as const, evidence: "x" };
const single: TQuestion = {
  ...base,
  id: "s",
  type: "single",
  prompt: "Pick",
  options: [
    { id: "a", text: "A", correct: true },
    { id: "b", text: "B" },
    { id: "c", text: "C" },
  ],
} as TQuestion;
const multiple: TQuestion = {
  ...base,
  id: "m",
  type: "multiple",
  prompt: "Pick all",
  options: [
    { id: "a", text: "A", correct: true },
    { id: "b", text: "B", correct: true },
    { id: "c", text: "C" },
  ],
} as TQuestion;
const tf: TQuestion = { ...base, id: "t", type: "true-false", prompt: "True?", answer: true } as TQuestion;
const questions = [single, multiple, tf];

const attempt = (
  userId: string,
  percent: number | null,
  responses: Record<string, QuizResponse>,
  submitted = true,
): ReportAttempt => ({ userId, submitted, percent, responses, questions });

describe("participantResults and summarise", () => {
  const attempts = [
    attempt("u1", 40, {}),
    attempt("u1", 90, {}),
    attempt("u2", 50, {}),
    attempt("u3", null, {}, false), // in progress only
  ];
  it.each([
    [
      "BEST",
      [
        [2, 90, true],
        [1, 50, false],
        [1, null, null],
        [0, null, null],
      ],
    ],
    [
      "LATEST",
      [
        [2, 90, true],
        [1, 50, false],
        [1, null, null],
        [0, null, null],
      ],
    ],
    [
      "FIRST",
      [
        [2, 40, false],
        [1, 50, false],
        [1, null, null],
        [0, null, null],
      ],
    ],
  ] as const)("with the %s policy", (scorePolicy, expected) => {
    const results = participantResults({ ...DEFAULT_QUIZ_RULES, scorePolicy }, ["u1", "u2", "u3", "u4"], attempts);
    expect(results.map((r) => [r.attempts, r.percent, r.passed])).toEqual(expected);
  });

  it("counts the pass rate among those who submitted", () => {
    const results = participantResults(DEFAULT_QUIZ_RULES, ["u1", "u2", "u3", "u4"], attempts);
    expect(summarise(results)).toEqual({ participants: 4, attempted: 2, passed: 1, passRate: 50, averagePercent: 70 });
    expect(summarise(participantResults(DEFAULT_QUIZ_RULES, ["x"], []))).toEqual({
      participants: 1,
      attempted: 0,
      passed: 0,
      passRate: null,
      averagePercent: null,
    });
  });
});

describe("questionStats", () => {
  it("gives the share right and the wrong option chosen most often", () => {
    const stats = questionStats(questions, [
      attempt("u1", 0, {
        s: { type: "single", optionId: "b" },
        m: { type: "multiple", optionIds: ["a", "c"] },
        t: { type: "true-false", value: true },
      }),
      attempt("u2", 0, { s: { type: "single", optionId: "b" }, m: { type: "multiple", optionIds: ["a", "b"] } }),
      attempt("u3", 0, { s: { type: "single", optionId: "a" }, m: { type: "multiple", optionIds: ["c"] } }),
      attempt("u4", null, { s: { type: "single", optionId: "c" } }, false), // not submitted: not counted
    ]);
    expect(
      stats.map((s) => [
        s.id,
        s.answered,
        s.correctShare,
        s.commonWrong && [s.commonWrong.optionId, s.commonWrong.text, s.commonWrong.count],
      ]),
    ).toEqual([
      ["s", 3, 33.3, ["b", "B", 2]],
      ["m", 3, 33.3, ["c", "C", 2]],
      ["t", 1, 33.3, null],
    ]);
  });

  it("has no figures for a question nobody has been asked", () => {
    expect(questionStats(questions, [])).toEqual(
      questions.map((q) => ({ id: q.id, prompt: q.prompt, answered: 0, correctShare: null, commonWrong: null })),
    );
  });
});

describe("filterReportPeople", () => {
  const people = [
    { id: "a", passed: true, email: "omer@example.org", name: "Omer", certificateName: "Ömer Çelik" },
    { id: "b", passed: false, email: "ayesha@example.pk", name: "Ayesha Khan", certificateName: null },
    { id: "c", passed: null, email: "li.wei@example.cn", name: null, certificateName: null },
    { id: "d", passed: true, email: "sara@example.ir", name: "Sara Ahmadi", certificateName: "Sara Ahmadi" },
  ];
  it.each<[string, { q: string; result: "all" | "passed" | "not-passed" | "not-taken" }, string[]]>([
    ["everyone", { q: "", result: "all" }, ["a", "b", "c", "d"]],
    ["passed only", { q: "", result: "passed" }, ["a", "d"]],
    ["not passed only (an attempt, under the pass mark)", { q: "", result: "not-passed" }, ["b"]],
    ["not taken only", { q: "", result: "not-taken" }, ["c"]],
    ["a search without accents finds an accented name", { q: "celik", result: "all" }, ["a"]],
    ["a search in capitals", { q: "ÖMER", result: "all" }, ["a"]],
    ["a search by e-mail", { q: "example.pk", result: "all" }, ["b"]],
    ["every word must appear", { q: "sara khan", result: "all" }, []],
    ["words in any order", { q: "ahmadi sara", result: "all" }, ["d"]],
    ["search and filter together", { q: "example", result: "passed" }, ["a", "d"]],
    ["a person without a name is found by e-mail", { q: "li.wei", result: "not-taken" }, ["c"]],
    ["no match", { q: "nobody", result: "all" }, []],
  ])("%s", (_, view, ids) => {
    expect(filterReportPeople(people, view).map((p) => p.id)).toEqual(ids);
  });
});
