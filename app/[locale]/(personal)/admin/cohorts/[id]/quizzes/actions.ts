"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { getQuiz } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { applyRegrade } from "@/lib/db/quiz-regrade";
import { saveQuizRules } from "@/lib/db/quiz-rules";
import { redirect } from "@/lib/i18n/navigation";
import { parseQuizRulesForm, QUIZ_RULES_FIELDS, type TQuizRulesField } from "@/lib/schemas/quiz-rules";

export type QuizRulesFormState = {
  values: Record<string, string>;
  errors: Partial<Record<TQuizRulesField | "form", string>>;
  saved?: boolean;
};

export async function saveQuizRulesAction(_prev: QuizRulesFormState, form: FormData): Promise<QuizRulesFormState> {
  const admin = await requireAdmin("/admin/cohorts");
  const values = Object.fromEntries(QUIZ_RULES_FIELDS.map((f) => [f, form.has(f) ? String(form.get(f)) : ""]));
  const cohortId = z.string().min(1).max(40).safeParse(form.get("cohortId"));
  const db = getDb();
  const cohort = cohortId.success ? await getCohortForAdmin(db, cohortId.data) : null;
  if (!cohort) return { values, errors: { form: "not-found" } };
  const parsed = parseQuizRulesForm(
    {
      ...values,
      shuffleQuestions: values.shuffleQuestions || undefined,
      shuffleOptions: values.shuffleOptions || undefined,
    },
    cohort.timeZone,
  );
  if (!parsed.ok) return { values, errors: parsed.errors };
  await saveQuizRules(db, admin.id, cohort.id, parsed.rules);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohort.id}/quizzes`, "page");
  return { values, errors: {}, saved: true };
}

export async function regradeAction(form: FormData) {
  const admin = await requireAdmin("/admin/cohorts");
  const cohortId = z.string().min(1).max(40).safeParse(form.get("cohortId"));
  const slug = z.string().max(80).safeParse(form.get("slug"));
  const locale = await getLocale();
  const quiz = slug.success ? getQuiz(slug.data) : undefined;
  const db = getDb();
  const cohort = cohortId.success && quiz ? await getCohortForAdmin(db, cohortId.data) : null;
  if (!cohort || !quiz) return redirect({ href: "/admin/cohorts", locale });
  const count = await applyRegrade(db, admin.id, cohort.id, slug.data!, quiz.questions);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohort.id}/quizzes`, "page");
  redirect({
    href: { pathname: `/admin/cohorts/${cohort.id}/quizzes`, query: { lecture: slug.data!, regraded: String(count) } },
    locale,
  });
}
