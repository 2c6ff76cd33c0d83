import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { QuestionCorrectionForm } from "@/components/admin/question-correction-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireAdmin } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { currentQuiz, listCorrections } from "@/lib/db/quiz-corrections";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";

export const generateMetadata = () => privatePageMetadata("AdminQuizzes", "correction.title");

export default async function CorrectQuestionPage({
  params,
}: PageProps<"/[locale]/admin/cohorts/[id]/quizzes/[slug]/questions/[questionId]">) {
  const { locale, id, slug, questionId } = await params;
  setRequestLocale(locale);
  await requireAdmin(`/admin/cohorts/${id}/quizzes`);
  const db = getDb();
  const found = getLecture(slug);
  const cohort = found ? await getCohortForAdmin(db, id) : null;
  const question = cohort ? (await currentQuiz(db, slug))?.questions.find((q) => q.id === questionId) : undefined;
  if (!found || !cohort || !question) notFound();
  const corrections = (await listCorrections(db, slug)).filter((c) => c.questionId === question.id);
  const t = await getTranslations("AdminQuizzes.correction");
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="quizzes" />
      <p className="mt-6">
        <Link
          href={{ pathname: `/admin/cohorts/${cohort.id}/quizzes`, query: { lecture: slug } }}
          className="text-sm font-medium text-brand-700 underline"
        >
          {t("back", { number: found.lecture.number })}
        </Link>
      </p>
      <h2 className="mt-2 text-2xl font-semibold text-stone-900">{t("title")}</h2>
      <p className="mt-3 max-w-3xl text-stone-800">
        {t("intro", { number: found.lecture.number, file: `content/lectures/${found.lecture.folder}/quiz.yaml` })}
      </p>
      <p className="mt-2 max-w-3xl text-stone-800">
        {corrections.length === 0
          ? t("fromContent")
          : t("corrected", {
              version: corrections[0]!.version,
              when: format.dateTime(corrections[0]!.createdAt, { dateStyle: "medium", timeStyle: "short" }),
              by: corrections[0]!.createdBy?.email ?? "—",
            })}
      </p>
      <ClientMessages namespaces={["AdminQuizzes"]}>
        <QuestionCorrectionForm cohortId={cohort.id} slug={slug} question={question} />
      </ClientMessages>
    </div>
  );
}
