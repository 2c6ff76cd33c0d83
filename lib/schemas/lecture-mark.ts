// The form that marks a lecture as studied (or not) in a cohort.
import { z } from "zod";
import { ZId, ZLectureSlug } from "@/lib/schemas/common";

export const ZLectureMark = z.strictObject({
  cohortId: ZId,
  slug: ZLectureSlug,
  studied: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type TLectureMark = z.output<typeof ZLectureMark>;

/** The form's fields as posted (a field missing reads as undefined, so the schema refuses it). */
export const lectureMarkInput = (form: FormData) => ({
  cohortId: form.get("cohortId") ?? undefined,
  slug: form.get("slug") ?? undefined,
  studied: form.get("studied") ?? undefined,
});
