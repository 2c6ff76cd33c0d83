// Regrading: when a quiz's answer key is corrected after attempts were taken,
// each attempt keeps the questions it was shown but is marked again with the
// corrected key, question by question. Pure.
import type { TQuestion } from "@/lib/schemas/content";
import { gradeAttempt, hasPassed, regradeChanges, type AttemptGrade, type QuizResponse, type QuizRules } from "./quiz";

const optionIds = (q: TQuestion) =>
  q.type === "single" || q.type === "multiple"
    ? q.options
        .map((o) => o.id)
        .sort()
        .join(",")
    : "";

/**
 * The questions as taken, each with the current key where the current content
 * still asks the same question (same id, same type, same options); a question
 * that was removed or rebuilt keeps the key it was taken with.
 */
export function withCurrentKey(taken: readonly TQuestion[], current: readonly TQuestion[]): TQuestion[] {
  return taken.map((q) => {
    const now = current.find((c) => c.id === q.id);
    return now && now.type === q.type && optionIds(now) === optionIds(q) ? now : q;
  });
}

export type Regrade = {
  grade: AttemptGrade;
  passed: boolean;
  changes: { id: string; before: number; after: number }[];
};

export function regradeAttempt(input: {
  taken: readonly TQuestion[];
  current: readonly TQuestion[];
  responses: Readonly<Record<string, QuizResponse>>;
  before: AttemptGrade;
  rules: Pick<QuizRules, "passPercent">;
}): Regrade {
  const grade = gradeAttempt(withCurrentKey(input.taken, input.current), input.responses);
  return { grade, passed: hasPassed(grade.percent, input.rules), changes: regradeChanges(input.before, grade) };
}
