import { z } from "zod";
import { isTimeZone } from "@/lib/domain/profile";
import { currentZoneName } from "@/lib/domain/time-zones";
import { dateOnly, slugify, zonedInputToUtc } from "@/lib/domain/time";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "invalid-date");
// Empty means "no limit".
const localDateTime = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, "invalid-date");
const places = z
  .string()
  .trim()
  .refine((s) => /^(\d+(\.\d+)?)?$/.test(s), "whole-number")
  .transform((s) => (s === "" ? null : Number(s)))
  .refine((n) => n === null || Number.isInteger(n), "whole-number")
  .refine((n) => n === null || n >= 1, "at-least-one")
  .refine((n) => n === null || n <= 100_000, "too-large");

/** The admin's cohort form, as submitted (all strings); errors are codes the form translates. */
export const ZCohortForm = z
  .object({
    name: z.string().trim().min(3, "too-short").max(120, "too-long"),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(60, "too-long")
      .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, "invalid-slug"),
    description: z.string().trim().max(2000, "too-long"),
    timeZone: z.string().refine(isTimeZone, "unknown-time-zone").transform(currentZoneName),
    startsOn: date,
    endsOn: date,
    enrolmentOpensAt: localDateTime,
    enrolmentClosesAt: localDateTime,
    capacity: places,
    enrolmentMode: z.enum(["OPEN", "APPROVAL", "INVITE_ONLY"], { message: "required" }),
  })
  .superRefine((f, ctx) => {
    if (f.endsOn < f.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "ends-before-start" });
    if (f.enrolmentOpensAt && f.enrolmentClosesAt && f.enrolmentClosesAt <= f.enrolmentOpensAt) {
      ctx.addIssue({ code: "custom", path: ["enrolmentClosesAt"], message: "closes-before-opens" });
    }
    if (!f.slug && !slugify(f.name)) ctx.addIssue({ code: "custom", path: ["slug"], message: "required" });
  })
  .transform((f) => ({
    name: f.name,
    slug: f.slug || slugify(f.name),
    description: f.description,
    timeZone: f.timeZone,
    startsOn: dateOnly(f.startsOn),
    endsOn: dateOnly(f.endsOn),
    enrolmentOpensAt: f.enrolmentOpensAt ? zonedInputToUtc(f.enrolmentOpensAt, f.timeZone) : null,
    enrolmentClosesAt: f.enrolmentClosesAt ? zonedInputToUtc(f.enrolmentClosesAt, f.timeZone) : null,
    capacity: f.capacity,
    enrolmentMode: f.enrolmentMode,
  }));
export type TCohortInput = z.infer<typeof ZCohortForm>;
export const COHORT_FIELDS = Object.keys(ZCohortForm.in.shape) as (keyof z.input<typeof ZCohortForm>)[];
export type TCohortField = (typeof COHORT_FIELDS)[number];

/** A cohort's slug in an address (the public cohort page). */
export const ZCohortSlug = z
  .string()
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
