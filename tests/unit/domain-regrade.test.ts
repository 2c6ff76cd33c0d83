import { describe, expect, it } from "vitest";
import { gradeAttempt } from "@/lib/domain/quiz";
import { regradeAttempt, withCurrentKey } from "@/lib/domain/regrade";
import type { TQuestion } from "@/lib/schemas/content";

const base = { explanation: "e", section: "context" as const, evidence: "x" };
const single = (correct: string, ids = ["a", "b", "c"]): TQuestion =>
  ({
    ...base,
    id: "s",
    type: "single",
    prompt: "Pick",
    options: ids.map((id) => ({ id, text: id.toUpperCase(), ...(id === correct ? { correct: true } : {}) })),
  }) as TQuestion;
const tf = (answer: boolean, id = "t"): TQuestion =>
  ({ ...base, id, type: "true-false", prompt: "True?", answer }) as TQuestion;
const num = (answer: number, tolerance = 0): TQuestion =>
  ({ ...base, id: "n", type: "numeric", prompt: "How many?", answer, tolerance }) as TQuestion;

describe("withCurrentKey", () => {
  it.each([
    ["a corrected key is used", [single("a")], [single("b")], "b"],
    ["a question whose options changed keeps its old key", [single("a")], [single("b", ["a", "b", "d"])], "a"],
    ["a question whose type changed keeps its old key", [single("a")], [{ ...tf(true), id: "s" }], "a"],
    ["a removed question keeps its old key", [single("a")], [], "a"],
  ])("%s", (_name, taken, current, correctId) => {
    const [q] = withCurrentKey(taken as TQuestion[], current as TQuestion[]);
    expect(q!.type === "single" && q!.options.find((o) => o.correct)?.id).toBe(correctId);
  });

  it("never adds a question the attempt was not shown", () => {
    expect(withCurrentKey([tf(true)], [tf(false), tf(true, "new")]).map((q) => q.id)).toEqual(["t"]);
  });
});

describe("regradeAttempt", () => {
  it("marks again with the corrected key and lists what changed", () => {
    const taken = [single("a"), tf(true), num(51)];
    const responses = {
      s: { type: "single", optionId: "b" },
      t: { type: "true-false", value: true },
      n: { type: "numeric", value: 52 },
    } as const;
    const before = gradeAttempt(taken, responses);
    expect(before.percent).toBe(33.3);
    const r = regradeAttempt({
      taken,
      current: [single("b"), tf(true), num(51, 1)],
      responses,
      before,
      rules: { passPercent: 70 },
    });
    expect(r.grade.percent).toBe(100);
    expect(r.passed).toBe(true);
    expect(r.changes).toEqual([
      { id: "s", before: 0, after: 1 },
      { id: "n", before: 0, after: 1 },
    ]);
  });

  it("changes nothing when the key is the same", () => {
    const taken = [single("a"), tf(false)];
    const responses = { s: { type: "single", optionId: "a" } } as const;
    const before = gradeAttempt(taken, responses);
    expect(regradeAttempt({ taken, current: taken, responses, before, rules: { passPercent: 50 } })).toEqual({
      grade: before,
      passed: true,
      changes: [],
    });
  });
});
