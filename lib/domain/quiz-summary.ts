// What a participant sees of where an attempt stands: which questions are answered before
// they submit, and which attempt ran out of time. Pure: no I/O, no clock, safe in a browser bundle.
import type { QuizResponse } from "./quiz";

/** Whether a response answers its question: an empty multiple-choice selection does not. */
export function isAnswered(response: QuizResponse | null | undefined): boolean {
  if (response === null || response === undefined) return false;
  return response.type !== "multiple" || response.optionIds.length > 0;
}

export type AnswerSummary = {
  /** Every question in the attempt's order, numbered from 1 as the page shows them. */
  questions: { id: string; number: number; answered: boolean }[];
  answered: number;
  unanswered: number;
};

/** The questions of an attempt in its order, each answered or not, with the counts: the summary shown before submitting. */
export function answerSummary(questionIds: readonly string[], answered: ReadonlySet<string>): AnswerSummary {
  const questions = questionIds.map((id, i) => ({ id, number: i + 1, answered: answered.has(id) }));
  const count = questions.filter((q) => q.answered).length;
  return { questions, answered: count, unanswered: questions.length - count };
}

/** A quiz with this many questions or more gets a navigator to jump between them. */
export const NAVIGATOR_MIN_QUESTIONS = 6;

/**
 * The attempt to show its result for, when the participant's latest attempt (the last of
 * `attempts`, oldest first) was submitted automatically because its time ran out
 * (`submittedBy` "deadline"): they did not submit it themselves and should be led to its
 * result, not to a new attempt. Null otherwise. The attempts are as they stand now: one past
 * its deadline already counts as submitted.
 */
export function timedOutAttempt<A extends { status: string; submittedBy: string | null }>(
  attempts: readonly A[],
): A | null {
  const latest = attempts.at(-1);
  return latest !== undefined && latest.status === "SUBMITTED" && latest.submittedBy === "deadline" ? latest : null;
}
