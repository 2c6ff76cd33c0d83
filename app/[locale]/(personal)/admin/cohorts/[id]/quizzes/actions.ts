"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { getQuiz } from "@/lib/content";
import { currentQuiz } from "@/lib/db/quiz-corrections";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { applyRegrade } from "@/lib/db/quiz-regrade";
import { activeParticipantByEmail, removeQuizOverride, setQuizOverride } from "@/lib/db/quiz-overrides";
import { saveQuizRules } from "@/lib/db/quiz-rules";
import { redirect } from "@/lib/i18n/navigation";
import { parseQuizOverrideForm, QUIZ_OVERRIDE_FIELDS, type TQuizOverrideField } from "@/lib/schemas/quiz-override";
import { parseQuizRulesForm, QUIZ_RULES_FIELDS, type TQuizRulesField } from "@/lib/schemas/quiz-rules";
import { ZId, ZLectureSlug } from "@/lib/schemas/common";

export type QuizRulesFormState = {
  values: Record<string, string>;
  errors: Partial<Record<TQuizRulesField | "form", string>>;
  saved?: boolean;
};

export async function saveQuizRulesAction(_prev: QuizRulesFormState, form: FormData): Promise<QuizRulesFormState> {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const values = Object.fromEntries(QUIZ_RULES_FIELDS.map((f) => [f, form.has(f) ? String(form.get(f)) : ""]));
  const cohortId = ZId.safeParse(form.get("cohortId"));
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
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const slug = z.string().max(80).safeParse(form.get("slug"));
  const locale = await getLocale();
  const db = getDb();
  const quiz = slug.success ? await currentQuiz(db, slug.data) : undefined;
  const cohort = cohortId.success && quiz ? await getCohortForAdmin(db, cohortId.data) : null;
  if (!cohort || !quiz) return redirect({ href: "/admin/cohorts", locale });
  const count = await applyRegrade(db, admin.id, cohort.id, slug.data!, quiz.questions);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohort.id}/quizzes`, "page");
  redirect({
    href: { pathname: `/admin/cohorts/${cohort.id}/quizzes`, query: { lecture: slug.data!, regraded: String(count) } },
    locale,
  });
}

export type QuizOverrideFormState = {
  values: Record<string, string>;
  errors: Partial<Record<TQuizOverrideField | "form", string>>;
  saved?: boolean;
};

/** The cohort and quiz a form names, or null when either does not exist. */
async function cohortQuiz(form: FormData) {
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const slug = ZLectureSlug.safeParse(form.get("slug"));
  if (!cohortId.success || !slug.success || !getQuiz(slug.data)) return null;
  const cohort = await getCohortForAdmin(getDb(), cohortId.data);
  return cohort ? { cohort, slug: slug.data } : null;
}

/**
 * Admin: gives one participant of the cohort extra attempts, extra minutes or a later closing
 * time at one quiz (replacing the override they had there). Only someone with an active place
 * in the cohort; an override only extends the cohort's rules.
 */
export async function saveQuizOverrideAction(
  _prev: QuizOverrideFormState,
  form: FormData,
): Promise<QuizOverrideFormState> {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const values = Object.fromEntries(QUIZ_OVERRIDE_FIELDS.map((f) => [f, form.has(f) ? String(form.get(f)) : ""]));
  const target = await cohortQuiz(form);
  if (!target) return { values, errors: { form: "not-found" } };
  const parsed = parseQuizOverrideForm(values, target.cohort.timeZone);
  if (!parsed.ok) return { values, errors: parsed.errors };
  const userId = parsed.userId.includes("@")
    ? await activeParticipantByEmail(getDb(), target.cohort.id, parsed.userId)
    : parsed.userId;
  if (!userId) return { values, errors: { userId: "not-enrolled" } };
  const result = await setQuizOverride(
    getDb(),
    admin.id,
    { cohortId: target.cohort.id, lectureSlug: target.slug, userId },
    parsed.terms,
  );
  if (!result.ok) {
    if ("error" in result) return { values, errors: { userId: "not-enrolled" } };
    return { values, errors: Object.fromEntries(result.errors.map((e) => [e.field, e.code])) };
  }
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${target.cohort.id}/quizzes`, "page");
  return { values: Object.fromEntries(QUIZ_OVERRIDE_FIELDS.map((f) => [f, ""])), errors: {}, saved: true };
}

/** Admin: removes one participant's override at one quiz (the form asks to confirm first). */
export async function removeQuizOverrideAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const target = await cohortQuiz(form);
  const userId = ZId.safeParse(form.get("userId"));
  if (!target || !userId.success) return redirect({ href: "/admin/cohorts", locale });
  const removed = await removeQuizOverride(getDb(), admin.id, {
    cohortId: target.cohort.id,
    lectureSlug: target.slug,
    userId: userId.data,
  });
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${target.cohort.id}/quizzes`, "page");
  redirect({
    href: {
      pathname: `/admin/cohorts/${target.cohort.id}/quizzes`,
      query: { lecture: target.slug, override: removed ? "removed" : "gone" },
    },
    locale,
  });
}
