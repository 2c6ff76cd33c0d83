import { describe, expect, it } from "vitest";
import { isStaleRevision, type QuizResponse } from "@/lib/domain/quiz";
import { answerSummary, isAnswered, timedOutAttempt } from "@/lib/domain/quiz-summary";

describe("isAnswered", () => {
  it.each<[string, QuizResponse | null | undefined, boolean]>([
    ["nothing saved", undefined, false],
    ["cleared", null, false],
    ["a single choice", { type: "single", optionId: "a" }, true],
    ["several choices", { type: "multiple", optionIds: ["a", "c"] }, true],
    ["every box unticked again", { type: "multiple", optionIds: [] }, false],
    ["false is an answer", { type: "true-false", value: false }, true],
    ["zero is an answer", { type: "numeric", value: 0 }, true],
  ])("%s", (_, response, expected) => {
    expect(isAnswered(response)).toBe(expected);
  });
});

describe("answerSummary", () => {
  it.each<[string, string[], string[], { answered: number; unanswered: number; marks: boolean[] }]>([
    ["none answered", ["q1", "q2", "q3"], [], { answered: 0, unanswered: 3, marks: [false, false, false] }],
    ["some answered", ["q3", "q1", "q2"], ["q1"], { answered: 1, unanswered: 2, marks: [false, true, false] }],
    ["all answered", ["q1", "q2"], ["q2", "q1"], { answered: 2, unanswered: 0, marks: [true, true] }],
    [
      "an answer to a question not shown does not count",
      ["q1"],
      ["gone"],
      { answered: 0, unanswered: 1, marks: [false] },
    ],
    ["an empty quiz", [], [], { answered: 0, unanswered: 0, marks: [] }],
  ])("%s", (_, order, answered, expected) => {
    const summary = answerSummary(order, new Set(answered));
    expect(summary.answered).toBe(expected.answered);
    expect(summary.unanswered).toBe(expected.unanswered);
    // In the attempt's order, numbered from 1 as the page shows them.
    expect(summary.questions.map((q) => [q.id, q.number, q.answered])).toEqual(
      order.map((id, i) => [id, i + 1, expected.marks[i]]),
    );
  });
});

describe("timedOutAttempt", () => {
  const attempt = (number: number, status: string, submittedBy: string | null) => ({ number, status, submittedBy });
  it.each([
    ["no attempt", [], null],
    ["one still in progress", [attempt(1, "IN_PROGRESS", null)], null],
    ["submitted by the participant", [attempt(1, "SUBMITTED", "participant")], null],
    ["its time ran out", [attempt(1, "SUBMITTED", "deadline")], 1],
    ["the latest of several ran out", [attempt(1, "SUBMITTED", "participant"), attempt(2, "SUBMITTED", "deadline")], 2],
    [
      "an older one ran out, the latest was submitted",
      [attempt(1, "SUBMITTED", "deadline"), attempt(2, "SUBMITTED", "participant")],
      null,
    ],
    [
      "an older one ran out, another is under way",
      [attempt(1, "SUBMITTED", "deadline"), attempt(2, "IN_PROGRESS", null)],
      null,
    ],
  ] as const)("%s", (_, attempts, expected) => {
    expect(timedOutAttempt(attempts)?.number ?? null).toBe(expected);
  });
});

describe("isStaleRevision", () => {
  it.each([
    ["the device saw the latest save", 4, 4, false],
    ["another device saved since", 3, 4, true],
    ["the device names no revision (an API client)", undefined, 4, false],
    ["nothing saved yet on either", 0, 0, false],
  ] as const)("%s", (_, seen, stored, expected) => {
    expect(isStaleRevision(seen, stored)).toBe(expected);
  });
});
