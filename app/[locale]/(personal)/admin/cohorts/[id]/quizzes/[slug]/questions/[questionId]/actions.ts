"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { currentQuiz, saveCorrection } from "@/lib/db/quiz-corrections";
import { redirect } from "@/lib/i18n/navigation";
import { ZId, ZLectureSlug } from "@/lib/schemas/common";
import { parseQuestionCorrection, type CorrectionError } from "@/lib/schemas/question-correction";

export type CorrectionState = { error?: CorrectionError | { field: "form"; message: "unchanged" } };

/** The question being corrected: its cohort's id, its quiz's lecture slug, and its own id within the quiz. */
const ZTarget = z.object({
  cohortId: ZId,
  slug: ZLectureSlug,
  questionId: z.string().min(1).max(80),
});

/**
 * Admin: saves a corrected quiz question as its next version. Attempts already taken keep
 * the questions they were given; the cohort's quizzes page then offers the regrade.
 */
export async function correctQuestionAction(_previous: CorrectionState, form: FormData): Promise<CorrectionState> {
  const admin = await requireAdmin("/admin/cohorts");
  const locale = await getLocale();
  const target = ZTarget.safeParse({
    cohortId: form.get("cohortId"),
    slug: form.get("slug"),
    questionId: form.get("questionId"),
  });
  if (!target.success) return redirect({ href: "/admin/cohorts", locale });
  const { cohortId, slug, questionId } = target.data;
  const db = getDb();
  const cohort = await getCohortForAdmin(db, cohortId);
  const question = (await currentQuiz(db, slug))?.questions.find((q) => q.id === questionId);
  if (!cohort || !question) return redirect({ href: "/admin/cohorts", locale });
  const parsed = parseQuestionCorrection(question, form);
  if (!parsed.ok) return { error: parsed.error };
  const saved = await saveCorrection(db, admin.id, slug, parsed.question);
  if (!saved) return { error: { field: "form", message: "unchanged" } };
  // Every cohort's quiz pages and reports read the corrected question.
  revalidatePath("/[locale]/(personal)/admin/cohorts", "layout");
  redirect({
    href: {
      pathname: `/admin/cohorts/${cohort.id}/quizzes`,
      query: { lecture: slug, corrected: question.id, version: String(saved.version) },
    },
    locale,
  });
  return {};
}
