import { z } from "zod";
import { zWholeNumber } from "@/lib/schemas/common";

/** The admin's attendance-rules form (all strings; the checkbox "on" or absent). Errors are codes the page translates. */
export const ZAttendanceSettingsForm = z
  .object({
    presentPercent: zWholeNumber(1, 100),
    latePercent: zWholeNumber(0, 100),
    lateAfterMinutes: zWholeNumber(0, 240),
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
