"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { currentQuiz, saveCorrection } from "@/lib/db/quiz-corrections";
import { redirect } from "@/lib/i18n/navigation";
import { parseQuestionCorrection, type CorrectionError } from "@/lib/schemas/question-correction";

export type CorrectionState = { error?: CorrectionError | { field: "form"; message: "unchanged" } };

const ZId = z.string().min(1).max(80);

/**
 * Admin: saves a corrected quiz question as its next version. Attempts already taken keep
 * the questions they were given; the cohort's quizzes page then offers the regrade.
 */
export async function correctQuestionAction(_previous: CorrectionState, form: FormData): Promise<CorrectionState> {
  const admin = await requireAdmin("/admin/cohorts");
  const locale = await getLocale();
  const [cohortId, slug, questionId] = ["cohortId", "slug", "questionId"].map((k) => ZId.safeParse(form.get(k)));
  const db = getDb();
  const cohort = cohortId!.success ? await getCohortForAdmin(db, cohortId!.data) : null;
  const quiz = slug!.success ? await currentQuiz(db, slug!.data) : undefined;
  const question = questionId!.success ? quiz?.questions.find((q) => q.id === questionId!.data) : undefined;
  if (!cohort || !question) return redirect({ href: "/admin/cohorts", locale });
  const parsed = parseQuestionCorrection(question, form);
  if (!parsed.ok) return { error: parsed.error };
  const saved = await saveCorrection(db, admin.id, slug!.data!, parsed.question);
  if (!saved) return { error: { field: "form", message: "unchanged" } };
  // Every cohort's quiz pages and reports read the corrected question.
  revalidatePath("/[locale]/(personal)/admin/cohorts", "layout");
  redirect({
    href: {
      pathname: `/admin/cohorts/${cohort.id}/quizzes`,
      query: { lecture: slug!.data!, corrected: question.id, version: String(saved.version) },
    },
    locale,
  });
  return {};
}
