import { z } from "zod";
import { EXTRA_ATTEMPTS_MAX, EXTRA_MINUTES_MAX, type QuizOverrideTerms } from "@/lib/domain/quiz-override";
import { normaliseEmail } from "@/lib/domain/email";
import { zonedInputToUtc } from "@/lib/domain/time";
import { zOptionalWholeNumber } from "@/lib/schemas/common";

/** The admin's override form, as submitted (all strings). */
export const ZQuizOverrideFields = z.object({
  /**
   * The person's id, chosen from the list, or their e-mail, typed where the cohort is too large
   * to list: an address is read as lib/domain/email.ts reads one (full-width forms included).
   */
  userId: z
    .string()
    .trim()
    .min(1, "choose-person")
    .max(320, "choose-person")
    .transform((typed) => {
      const email = normaliseEmail(typed);
      return email.includes("@") ? email : typed;
    }),
  extraAttempts: zOptionalWholeNumber(1, EXTRA_ATTEMPTS_MAX),
  extraMinutes: zOptionalWholeNumber(1, EXTRA_MINUTES_MAX),
  closesAt: z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, "invalid-date"),
});
export const QUIZ_OVERRIDE_FIELDS = Object.keys(ZQuizOverrideFields.shape) as (keyof z.input<
  typeof ZQuizOverrideFields
>)[];
export type TQuizOverrideField = (typeof QUIZ_OVERRIDE_FIELDS)[number];

/** Reads the form, its closing time in the cohort's time zone. Errors are codes the form translates. */
export function parseQuizOverrideForm(
  values: Record<string, string | undefined>,
  timeZone: string,
):
  | { ok: true; userId: string; terms: QuizOverrideTerms }
  | { ok: false; errors: Partial<Record<TQuizOverrideField, string>> } {
  const parsed = ZQuizOverrideFields.safeParse(values);
  if (!parsed.success) {
    const errors: Partial<Record<TQuizOverrideField, string>> = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as TQuizOverrideField] ??= issue.message;
    return { ok: false, errors };
  }
  const f = parsed.data;
  return {
    ok: true,
    userId: f.userId,
    terms: {
      extraAttempts: f.extraAttempts,
      extraMinutes: f.extraMinutes,
      closesAt: f.closesAt ? zonedInputToUtc(f.closesAt, timeZone) : null,
    },
  };
}
