// One participant's exception to a cohort's quiz rules for one quiz (as Moodle's user
// overrides): extra attempts, extra minutes, a later closing time. An override only ever
// extends what the cohort allows: it never takes an attempt, a minute or a day away. Pure.
import type { QuizRules } from "./quiz";

export type QuizOverrideTerms = {
  /** Attempts on top of the cohort's limit; null: none. */
  extraAttempts: number | null;
  /** Minutes on top of the cohort's time limit, for attempts started from now on; null: none. */
  extraMinutes: number | null;
  /** A closing time later than the cohort's; null: the cohort's. */
  closesAt: Date | null;
};

export const EXTRA_ATTEMPTS_MAX = 100;
export const EXTRA_MINUTES_MAX = 1440;

/**
 * The rules that hold for one participant: the cohort's, extended by their override.
 * - Attempts: the cohort's limit plus the extra ones; an unlimited quiz stays unlimited.
 * - Time: the cohort's limit plus the extra minutes; an untimed quiz stays untimed (extra
 *   time has nothing to extend). Stored deadlines are not touched: the time limit is what
 *   a new attempt's deadline is made from (attemptDeadline).
 * - Closing: the later of the cohort's and the override's; a quiz that never closes stays open.
 */
export function effectiveQuizRules(rules: QuizRules, override: QuizOverrideTerms | null): QuizRules {
  if (override === null) return rules;
  const { extraAttempts, extraMinutes, closesAt } = override;
  return {
    ...rules,
    maxAttempts:
      rules.maxAttempts === null || extraAttempts === null ? rules.maxAttempts : rules.maxAttempts + extraAttempts,
    timeLimitMinutes:
      rules.timeLimitMinutes === null || extraMinutes === null
        ? rules.timeLimitMinutes
        : rules.timeLimitMinutes + extraMinutes,
    closesAt: rules.closesAt === null || closesAt === null || closesAt <= rules.closesAt ? rules.closesAt : closesAt,
  };
}

export type OverrideError =
  | { field: "form"; code: "nothing-extended" }
  | { field: "extraAttempts"; code: "out-of-range" }
  | { field: "extraMinutes"; code: "out-of-range" }
  | { field: "closesAt"; code: "not-later" };

/**
 * Whether an override may be saved against the cohort's rules: it extends at least one rule,
 * by 1..EXTRA_ATTEMPTS_MAX attempts and 1..EXTRA_MINUTES_MAX minutes, and a closing time
 * comes strictly after the cohort's (an override only extends). A closing time on a quiz
 * that does not close is accepted: it takes effect should the cohort's quiz get a closing
 * time earlier than it.
 */
export function checkOverride(rules: Pick<QuizRules, "closesAt">, terms: QuizOverrideTerms): OverrideError[] {
  const errors: OverrideError[] = [];
  if (terms.extraAttempts === null && terms.extraMinutes === null && terms.closesAt === null)
    return [{ field: "form", code: "nothing-extended" }];
  const inRange = (n: number | null, max: number) => n === null || (Number.isInteger(n) && n >= 1 && n <= max);
  if (!inRange(terms.extraAttempts, EXTRA_ATTEMPTS_MAX)) errors.push({ field: "extraAttempts", code: "out-of-range" });
  if (!inRange(terms.extraMinutes, EXTRA_MINUTES_MAX)) errors.push({ field: "extraMinutes", code: "out-of-range" });
  if (terms.closesAt !== null && rules.closesAt !== null && terms.closesAt <= rules.closesAt)
    errors.push({ field: "closesAt", code: "not-later" });
  return errors;
}
