"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { currentQuiz } from "@/lib/db/quiz-corrections";
import { getOwnAttempt, saveAnswer, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { isStaleRevision } from "@/lib/domain/quiz";
import { responseFromForm } from "@/lib/domain/quiz-form";
import { redirect } from "@/lib/i18n/navigation";
import { ZId, ZLectureSlug } from "@/lib/schemas/common";

const ZRevision = z.coerce.number().int().min(0).max(2_147_483_647).optional();

export async function startQuiz(form: FormData) {
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const slug = ZLectureSlug.safeParse(form.get("slug"));
  // The attempt the participant pressed "Carry on" for, if any.
  const resume = ZId.optional().safeParse(form.get("resume") ?? undefined);
  const locale = await getLocale();
  if (!cohortId.success || !slug.success || !resume.success) return redirect({ href: "/dashboard", locale });
  const base = `/course/${cohortId.data}/quiz/${slug.data}`;
  const user = await requireCompleteProfile(base);
  const quiz = await currentQuiz(getDb(), slug.data);
  if (!quiz) return redirect({ href: "/dashboard", locale });
  const result = await startAttempt(getDb(), {
    userId: user.id,
    cohortId: cohortId.data,
    lectureSlug: slug.data,
    questions: quiz.questions,
    resume: resume.data,
  });
  // An attempt that ran out of time before it could be carried on: its result, not a new attempt.
  if (!result.ok && result.reason === "expired")
    return redirect({ href: `${base}/attempt/${result.attemptId}`, locale });
  if (!result.ok) return redirect({ href: { pathname: base, query: { refused: result.reason } }, locale });
  redirect({ href: `${base}/attempt/${result.attemptId}`, locale });
}

export async function submitQuiz(form: FormData) {
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const slug = ZLectureSlug.safeParse(form.get("slug"));
  const attemptId = ZId.safeParse(form.get("attemptId"));
  // The revision of the answers this page last saw; absent from a page that does not track it.
  const revision = ZRevision.safeParse(form.get("revision") ?? undefined);
  const locale = await getLocale();
  if (!cohortId.success || !slug.success || !attemptId.success || !revision.success)
    return redirect({ href: "/dashboard", locale });
  const path = `/course/${cohortId.data}/quiz/${slug.data}/attempt/${attemptId.data}`;
  const user = await requireCompleteProfile(path);
  const db = getDb();
  const attempt = await getOwnAttempt(db, user.id, attemptId.data);
  if (!attempt) return redirect({ href: "/dashboard", locale });
  const answers: Record<string, unknown> = {};
  for (const q of attempt.questions) {
    const raw = responseFromForm(q, form);
    if (raw !== undefined) answers[q.id] = raw;
  }
  // Posted without the summary step (a page without JavaScript, whose answers come only with
  // the form): the answers are kept and the page shows the summary first; its button confirms.
  if (form.get("confirmed") !== "1" && attempt.status === "IN_PROGRESS") {
    if (isStaleRevision(revision.data, attempt.revision))
      return redirect({ href: { pathname: path, query: { changed: String(attempt.revision) } }, locale });
    for (const [questionId, raw] of Object.entries(answers)) {
      const saved = await saveAnswer(db, user.id, attempt.id, questionId, raw);
      if (!saved.ok && saved.error === "withdrawn") return redirect({ href: "/dashboard", locale });
      // Submitted or out of time meanwhile: the page shows its result.
      if (!saved.ok && (saved.error === "submitted" || saved.error === "overdue"))
        return redirect({ href: path, locale });
      if (!saved.ok) return redirect({ href: { pathname: path, query: { invalid: questionId } }, locale });
    }
    return redirect({ href: { pathname: path, query: { review: "1" } }, locale });
  }
  const result = await submitAttempt(db, user.id, attempt.id, answers, undefined, revision.data);
  // Saved from another device since this page last looked: nothing submitted; the page shows the newer answers.
  if (!result.ok && result.error === "changed")
    return redirect({ href: { pathname: path, query: { changed: String(result.revision) } }, locale });
  // A participant who has left the cohort keeps no attempt open there.
  if (!result.ok && result.error === "withdrawn") return redirect({ href: "/dashboard", locale });
  if (!result.ok && result.error === "invalid")
    return redirect({ href: { pathname: path, query: { invalid: result.questionId ?? "" } }, locale });
  redirect({ href: path, locale });
}
