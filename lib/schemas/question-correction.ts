// An admin's correction of one quiz question: the form read into a whole question in the
// content format, checked by the content's own schema. The question keeps its id, type,
// section, objectives and option ids: a correction fixes words and the key, it does not
// make another question (attempts already taken keep theirs either way).
import { z } from "zod";
import { parseNumberInput } from "@/lib/domain/quiz-form";
import { ZQuestion, type TQuestion } from "./content";

export type CorrectionError = { field: string; message: string };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** The question as the form corrects it, or the first thing wrong with it. */
export function parseQuestionCorrection(
  base: TQuestion,
  form: FormData,
): { ok: true; question: TQuestion } | { ok: false; error: CorrectionError } {
  const common = {
    id: base.id,
    prompt: text(form, "prompt"),
    explanation: text(form, "explanation"),
    section: base.section,
    evidence: text(form, "evidence"),
    ...(base.objectives && { objectives: base.objectives }),
    ...(base.skill && { skill: base.skill }),
  };
  let candidate: unknown;
  if (base.type === "single" || base.type === "multiple") {
    const ticked = new Set(form.getAll("correct").map(String));
    candidate = {
      ...common,
      type: base.type,
      options: base.options.map((o) => ({
        id: o.id,
        text: text(form, `option.${o.id}`),
        ...(ticked.has(o.id) && { correct: true }),
      })),
    };
  } else if (base.type === "true-false") {
    const answer = z.enum(["true", "false"]).safeParse(form.get("answer"));
    if (!answer.success) return { ok: false, error: { field: "answer", message: "Choose true or false." } };
    candidate = { ...common, type: base.type, answer: answer.data === "true" };
  } else {
    // Read as a participant's answer is (lib/domain/quiz-form.ts): 1,988 is 1988 in both.
    const number = (name: string) => parseNumberInput(text(form, name)) ?? NaN;
    const [answer, tolerance] = [number("answer"), number("tolerance")];
    if (!Number.isFinite(answer))
      return { ok: false, error: { field: "answer", message: "Give the answer as a number." } };
    if (!Number.isFinite(tolerance) || tolerance < 0)
      return { ok: false, error: { field: "tolerance", message: "Give the tolerance as a number, 0 or more." } };
    const unit = text(form, "unit");
    candidate = { ...common, type: base.type, answer, tolerance, ...(unit && { unit }) };
  }
  const parsed = ZQuestion.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: { field: String(issue.path[0] ?? "question"), message: issue.message } };
  }
  return { ok: true, question: parsed.data };
}

/** The questions with each one's newest correction in its place. */
export function withCorrections(
  questions: readonly TQuestion[],
  corrections: ReadonlyMap<string, TQuestion>,
): TQuestion[] {
  return questions.map((q) => corrections.get(q.id) ?? q);
}
