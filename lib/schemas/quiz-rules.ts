import { z } from "zod";
import type { QuizRules } from "@/lib/domain/quiz";
import { zOptionalWholeNumber, zWholeNumber } from "@/lib/schemas/common";
import { utcToZonedInput, zonedInputToUtc } from "@/lib/domain/time";

const localDateTime = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, "invalid-date");

/** The admin's quiz-rules form, as submitted (all strings; checkboxes "on" or absent). */
export const ZQuizRulesFields = z.object({
  passPercent: zWholeNumber(0, 100),
  maxAttempts: zOptionalWholeNumber(1, 100),
  timeLimitMinutes: zOptionalWholeNumber(1, 600),
  opensAt: localDateTime,
  closesAt: localDateTime,
  shuffleQuestions: z.string().optional(),
  shuffleOptions: z.string().optional(),
  scorePolicy: z.enum(["BEST", "LATEST", "FIRST"], { message: "required" }),
  feedback: z.enum(["SCORE_ONLY", "AFTER_EACH_ATTEMPT", "ONCE_PASSED", "AFTER_CLOSE"], { message: "required" }),
});
export const QUIZ_RULES_FIELDS = Object.keys(ZQuizRulesFields.shape) as (keyof z.input<typeof ZQuizRulesFields>)[];
export type TQuizRulesField = (typeof QUIZ_RULES_FIELDS)[number];

/** Reads the form in the cohort's time zone. Errors are codes the form translates. */
export function parseQuizRulesForm(
  values: Record<string, string | undefined>,
  timeZone: string,
): { ok: true; rules: QuizRules } | { ok: false; errors: Partial<Record<TQuizRulesField, string>> } {
  const parsed = ZQuizRulesFields.safeParse(values);
  const errors: Partial<Record<TQuizRulesField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as TQuizRulesField] ??= issue.message;
    return { ok: false, errors };
  }
  const f = parsed.data;
  if (f.opensAt && f.closesAt && f.closesAt <= f.opensAt)
    return { ok: false, errors: { closesAt: "closes-before-opens" } };
  return {
    ok: true,
    rules: {
      passPercent: f.passPercent,
      maxAttempts: f.maxAttempts,
      timeLimitMinutes: f.timeLimitMinutes,
      opensAt: f.opensAt ? zonedInputToUtc(f.opensAt, timeZone) : null,
      closesAt: f.closesAt ? zonedInputToUtc(f.closesAt, timeZone) : null,
      shuffleQuestions: f.shuffleQuestions === "on",
      shuffleOptions: f.shuffleOptions === "on",
      scorePolicy: f.scorePolicy,
      feedback: f.feedback,
    },
  };
}

/** The form's initial values from stored rules. */
export function quizRulesFormValues(rules: QuizRules, timeZone: string): Record<TQuizRulesField, string> {
  return {
    passPercent: String(rules.passPercent),
    maxAttempts: rules.maxAttempts === null ? "" : String(rules.maxAttempts),
    timeLimitMinutes: rules.timeLimitMinutes === null ? "" : String(rules.timeLimitMinutes),
    opensAt: rules.opensAt ? utcToZonedInput(rules.opensAt, timeZone) : "",
    closesAt: rules.closesAt ? utcToZonedInput(rules.closesAt, timeZone) : "",
    shuffleQuestions: rules.shuffleQuestions ? "on" : "",
    shuffleOptions: rules.shuffleOptions ? "on" : "",
    scorePolicy: rules.scorePolicy,
    feedback: rules.feedback,
  };
}
