import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import type { TQuestion } from "@/lib/schemas/content";
import { parseQuestionCorrection, withCorrections } from "@/lib/schemas/question-correction";

const all = loadLectures(path.join(process.cwd(), "content")).flatMap((l) => l.quiz.questions);
const ofType = <T extends TQuestion["type"]>(type: T) =>
  all.find((q) => q.type === type) as Extract<TQuestion, { type: T }>;

/** The form as the correction page sends it for `q`, unchanged, with `change` over it. */
function form(q: TQuestion, change: Record<string, string | string[]> = {}) {
  const fields: Record<string, string | string[]> = {
    prompt: q.prompt,
    explanation: q.explanation,
    evidence: q.evidence,
  };
  if (q.type === "single" || q.type === "multiple") {
    for (const o of q.options) fields[`option.${o.id}`] = o.text;
    fields.correct = q.options.filter((o) => o.correct).map((o) => o.id);
  } else if (q.type === "true-false") fields.answer = String(q.answer);
  else {
    fields.answer = String(q.answer);
    fields.tolerance = String(q.tolerance);
    if (q.unit) fields.unit = q.unit;
  }
  const f = new FormData();
  for (const [k, v] of Object.entries({ ...fields, ...change }))
    for (const value of Array.isArray(v) ? v : [v]) f.append(k, value);
  return f;
}

describe("parseQuestionCorrection", () => {
  it.each(["single", "multiple", "true-false", "numeric"] as const)(
    "reads a %s question back unchanged from its own form",
    (type) => {
      const q = ofType(type);
      expect(parseQuestionCorrection(q, form(q))).toEqual({ ok: true, question: q });
    },
  );

  it("moves a single-choice key and rewrites an option, keeping the id, type, section and option ids", () => {
    const q = ofType("single");
    const other = q.options.find((o) => !o.correct)!;
    const result = parseQuestionCorrection(q, form(q, { correct: other.id, [`option.${other.id}`]: "  Reworded  " }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.question).toMatchObject({ id: q.id, type: "single", section: q.section, objectives: q.objectives });
    expect(result.question.type === "single" && result.question.options).toEqual(
      q.options.map((o) => ({
        id: o.id,
        text: o.id === other.id ? "Reworded" : o.text,
        ...(o.id === other.id && { correct: true }),
      })),
    );
  });

  it("flips a true-or-false answer and changes a numeric answer, tolerance and unit", () => {
    const tf = ofType("true-false");
    const flipped = parseQuestionCorrection(tf, form(tf, { answer: String(!tf.answer) }));
    expect(flipped.ok && flipped.question.type === "true-false" && flipped.question.answer).toBe(!tf.answer);
    const n = ofType("numeric");
    const evidence = `${n.evidence} (corrected: ${n.answer + 1})`;
    const changed = parseQuestionCorrection(
      n,
      form(n, { answer: String(n.answer + 1).replace(".", ","), tolerance: "0,5", unit: "", evidence }),
    );
    expect(changed.ok && changed.question).toMatchObject({ answer: n.answer + 1, tolerance: 0.5, evidence });
    expect(changed.ok && "unit" in changed.question).toBe(false);
  });

  it.each<[string, string, number]>([
    ["with a thousands comma", "1,989", 1989],
    ["in Persian digits", "۱۹۸۹", 1989],
    ["with a decimal comma", "1989,5", 1989.5],
  ])("reads a numeric answer %s as a participant's answer is read", (_, typed, expected) => {
    const n = ofType("numeric");
    const evidence = `${n.evidence} (corrected: ${expected})`;
    const changed = parseQuestionCorrection(n, form(n, { answer: typed, tolerance: "0", evidence }));
    expect(changed.ok && changed.question).toMatchObject({ answer: expected });
  });

  it.each<[string, TQuestion["type"], Record<string, string | string[]>, string]>([
    ["an empty prompt", "single", { prompt: "  " }, "prompt"],
    ["an empty explanation", "true-false", { explanation: "" }, "explanation"],
    ["no correct option", "single", { correct: [] }, "options"],
    ["two correct options in a single-choice question", "single", { correct: ["a", "b"] }, "options"],
    ["one correct option in a multiple-choice question", "multiple", { correct: ["a"] }, "options"],
    [
      "every option correct in a multiple-choice question",
      "multiple",
      { correct: ["a", "b", "c", "d", "e", "f"] },
      "options",
    ],
    ["an empty option", "multiple", { "option.a": "" }, "options"],
    ["neither true nor false", "true-false", { answer: "maybe" }, "answer"],
    ["a numeric answer that is not a number", "numeric", { answer: "twelve" }, "answer"],
    ["a negative tolerance", "numeric", { tolerance: "-1" }, "tolerance"],
    ["a numeric answer the evidence does not contain", "numeric", { answer: "987654321" }, "evidence"],
  ])("refuses %s", (_, type, change, field) => {
    const q = ofType(type);
    const result = parseQuestionCorrection(q, form(q, change));
    expect(result.ok ? null : result.error.field).toBe(field);
  });

  it("gives the content schema's own words for a broken key", () => {
    const q = ofType("single");
    expect(parseQuestionCorrection(q, form(q, { correct: [] }))).toEqual({
      ok: false,
      error: { field: "options", message: "a single-choice question needs exactly one correct option" },
    });
  });
});

describe("withCorrections", () => {
  it("puts each corrected question in its place and leaves the rest", () => {
    const [a, b, c] = all;
    const corrected = { ...b!, prompt: "Corrected" } as TQuestion;
    expect(withCorrections([a!, b!, c!], new Map([[b!.id, corrected]]))).toEqual([a, corrected, c]);
    expect(withCorrections([a!], new Map([["elsewhere", corrected]]))).toEqual([a]);
  });
});
