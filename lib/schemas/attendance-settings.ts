import { z } from "zod";

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "whole-number")
    .transform(Number)
    .refine((n) => n >= min && n <= max, `between-${min}-${max}`);

/** The admin's attendance-rules form (all strings; the checkbox "on" or absent). Errors are codes the page translates. */
export const ZAttendanceSettingsForm = z
  .object({
    presentPercent: whole(1, 100),
    latePercent: whole(0, 100),
    lateAfterMinutes: whole(0, 240),
    excusedCounts: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.latePercent > f.presentPercent)
      ctx.addIssue({ code: "custom", path: ["latePercent"], message: "late-above-present" });
  })
  .transform((f) => ({
    presentPercent: f.presentPercent,
    latePercent: f.latePercent,
    lateAfterMinutes: f.lateAfterMinutes,
    excusedCounts: f.excusedCounts === "on",
  }));
