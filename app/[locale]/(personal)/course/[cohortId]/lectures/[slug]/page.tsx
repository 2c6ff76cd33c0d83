import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { LectureArticle } from "@/components/lectures/lecture-article";
import { LecturePager } from "@/components/lectures/lecture-pager";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { ownLectureMarks } from "@/lib/db/lecture-marks";
import { getOwnQuizPage } from "@/lib/db/quiz-pages";
import { quizStatus } from "@/lib/domain/quiz";
import { Link } from "@/lib/i18n/navigation";
import { markLectureStudied } from "./actions";

// A participant's own copy of a lecture, in one of their cohorts: the same reading as the
// public page (which is prerendered and shared, so it shows nobody's progress), ending with
// their mark and the lecture's quiz. Rendered per request, for the signed-in participant.

export async function generateMetadata({
  params,
}: PageProps<"/[locale]/course/[cohortId]/lectures/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  return { title: getLecture(slug)?.lecture.meta.title, robots: { index: false } };
}

const ZSaved = z.enum(["marked", "unmarked"]).optional().catch(undefined);
const ZError = z.enum(["invalid", "not-enrolled"]).optional().catch(undefined);

export default async function CourseLecturePage({
  params,
  searchParams,
}: PageProps<"/[locale]/course/[cohortId]/lectures/[slug]">) {
  const { locale, cohortId, slug } = await params;
  setRequestLocale(locale);
  const base = `/course/${cohortId}/lectures`;
  const user = await requireCompleteProfile(`${base}/${slug}`);
  const found = getLecture(slug);
  const db = getDb();
  // Nothing for anyone without an active place in the cohort.
  const [quiz, marks] =
    found && cohortId.length <= 40
      ? await Promise.all([getOwnQuizPage(db, user.id, cohortId, slug), ownLectureMarks(db, user.id, cohortId)])
      : [null, new Set<string>()];
  if (!found || !quiz) notFound();
  const query = await searchParams;
  const saved = ZSaved.parse(query.saved);
  const error = ZError.parse(query.error);
  const { lecture, previous, next } = found;
  const t = await getTranslations("CourseLecture");
  const tq = await getTranslations("Dashboard");
  const status = quizStatus(
    quiz.rules,
    quiz.attempts.map((a) => ({ submitted: a.status === "SUBMITTED", percent: a.percent })),
  );
  const marked = marks.has(slug);
  return (
    <LectureArticle
      lecture={lecture}
      locale={locale}
      back={{ href: "/dashboard", label: t("back") }}
      end={
        <>
          <section aria-labelledby="studied-title" className="rounded-xl border border-stone-200 bg-white p-6">
            <h2 id="studied-title" className="scroll-mt-32 text-lg font-semibold text-stone-900">
              {t("studyTitle")}
            </h2>
            {saved && (
              <p role="status" className="mt-2 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
                {t(`saved.${saved}`)}
              </p>
            )}
            {error && (
              <p role="alert" className="mt-2 rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
                {t(`error.${error}`)}
              </p>
            )}
            <p className="mt-2 text-stone-800">
              {marked ? t("marked") : status.status === "passed" ? t("passed") : t("notMarked")}
            </p>
            <form action={markLectureStudied} className="mt-3">
              <input type="hidden" name="cohortId" value={cohortId} />
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="studied" value={marked ? "false" : "true"} />
              <button
                type="submit"
                className={
                  marked
                    ? "rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
                    : "rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
                }
              >
                {marked ? t("unmark") : t("mark")}
              </button>
            </form>
          </section>
          <section aria-labelledby="quiz-title" className="rounded-xl border border-stone-200 bg-white p-6">
            <h2 id="quiz-title" className="text-lg font-semibold text-stone-900">
              {t("quizTitle", { number: lecture.number })}
            </h2>
            <p className="mt-1 text-stone-700">
              {t("quizQuestions", { count: lecture.questionCount, percent: quiz.rules.passPercent })}
            </p>
            <p className="mt-2 font-medium text-stone-900">
              {tq(`quiz.${status.status}`, { percent: "percent" in status ? status.percent : 0 })}
              {status.attemptsLeft !== null && status.status !== "passed" && (
                <> · {tq("quiz.left", { count: status.attemptsLeft })}</>
              )}
            </p>
            <p className="mt-3">
              <Link
                href={`/course/${cohortId}/quiz/${slug}`}
                className="inline-block rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
              >
                {status.status === "in-progress"
                  ? tq("quiz.resume")
                  : status.status === "not-started"
                    ? tq("quiz.take")
                    : tq("quiz.view")}
                <span className="sr-only">{tq("quiz.open", { number: lecture.number })}</span>
              </Link>
            </p>
          </section>
          <LecturePager previous={previous} next={next} base={base} />
        </>
      }
    />
  );
}
