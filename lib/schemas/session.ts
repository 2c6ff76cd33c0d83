import { z } from "zod";
import { zonedInputToUtc } from "@/lib/domain/time";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "invalid-time");

/** The admin's live-session form, as submitted; times are wall-clock times in the cohort's zone. */
export const ZSessionFields = z.object({
  lectureSlug: z.string().min(1, "required"),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "invalid-date"),
  startTime: time,
  endTime: time,
  joinUrl: z
    .string()
    .trim()
    .max(500, "too-long")
    .refine((s) => s === "" || (URL.canParse(s) && s.startsWith("https://")), "invalid-url"),
});
export const SESSION_FIELDS = Object.keys(ZSessionFields.shape) as (keyof z.input<typeof ZSessionFields>)[];
export type TSessionField = (typeof SESSION_FIELDS)[number];

export type TSessionInput = { lectureSlug: string; startsAt: Date; endsAt: Date; joinUrl: string | null };

/**
 * Checks the form against the cohort: a lecture of the programme, a day within
 * the cohort's dates, an end after the start. Errors are codes the form translates.
 */
export function parseSessionForm(
  values: Record<string, string>,
  cohort: { timeZone: string; startsOn: Date; endsOn: Date },
  lectureSlugs: readonly string[],
): { ok: true; data: TSessionInput } | { ok: false; errors: Partial<Record<TSessionField, string>> } {
  const parsed = ZSessionFields.safeParse(values);
  const errors: Partial<Record<TSessionField, string>> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[issue.path[0] as TSessionField] ??= issue.message;
  // The checks against the cohort run on every field that is well formed, so all problems show at once.
  const v = values as Record<TSessionField, string>;
  if (!errors.lectureSlug && !lectureSlugs.includes(v.lectureSlug)) errors.lectureSlug = "required";
  const first = cohort.startsOn.toISOString().slice(0, 10);
  const last = cohort.endsOn.toISOString().slice(0, 10);
  if (!errors.date && (v.date < first || v.date > last)) errors.date = "outside-cohort";
  if (!errors.startTime && !errors.endTime && v.endTime <= v.startTime) errors.endTime = "ends-before-start";
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const f = parsed.data;
  return {
    ok: true,
    data: {
      lectureSlug: f.lectureSlug,
      startsAt: zonedInputToUtc(`${f.date}T${f.startTime}`, cohort.timeZone),
      endsAt: zonedInputToUtc(`${f.date}T${f.endTime}`, cohort.timeZone),
      joinUrl: f.joinUrl || null,
    },
  };
}
