import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { QuizForm } from "@/components/quiz/quiz-form";
import { ResultFocus } from "@/components/quiz/result-focus";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { currentQuiz } from "@/lib/db/quiz-corrections";
import { getDb } from "@/lib/db";
import { getOwnAttemptPage } from "@/lib/db/quiz-pages";
import {
  correctResponse,
  countedPercent,
  gradeQuestion,
  mayShowAnswers,
  publicQuestions,
  type QuizResponse,
} from "@/lib/domain/quiz";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { withCurrentKey } from "@/lib/domain/regrade";
import type { TQuestion } from "@/lib/schemas/content";

export const generateMetadata = () => privatePageMetadata("Quiz", "attemptTitle");

export default async function AttemptPage({
  params,
  searchParams,
}: PageProps<"/[locale]/course/[cohortId]/quiz/[slug]/attempt/[attemptId]">) {
  const { locale, cohortId, slug, attemptId } = await params;
  setRequestLocale(locale);
  const base = `/course/${cohortId}/quiz/${slug}`;
  const user = await requireCompleteProfile(`${base}/attempt/${attemptId}`);
  // The acting user's attempt only; one whose time is up shows as submitted at its deadline.
  const page = attemptId.length <= 40 ? await getOwnAttemptPage(getDb(), user.id, attemptId) : null;
  const found = getLecture(slug);
  if (!page || !found || page.attempt.cohortId !== cohortId || page.attempt.lectureSlug !== slug) notFound();
  const { attempt, rules, attempts: all } = page;
  const t = await getTranslations("Quiz");
  const { questions, layout, responses } = attempt;
  const heading = (
    <>
      <p>
        <Link href={base} className="text-sm font-medium text-brand-700 underline">
          {t("backToQuiz")}
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold text-stone-900">
        {t("attemptHeading", { number: found.lecture.number, attempt: attempt.number })}
      </h1>
      <p className="mt-1 text-lg text-stone-700">{found.lecture.meta.title}</p>
    </>
  );

  if (attempt.status === "IN_PROGRESS") {
    const { invalid, changed, review } = await searchParams;
    return (
      <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
        {heading}
        {typeof invalid === "string" && (
          <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
            {t("invalidAnswer")}
          </p>
        )}
        {typeof changed === "string" && (
          <p
            role="alert"
            className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 font-medium text-amber-950"
          >
            {t("changedElsewhere")}
          </p>
        )}
        <div className="mt-8">
          <ClientMessages namespaces={["Quiz"]}>
            {/* A new revision (answers saved from another device) shows the form afresh with them. */}
            <QuizForm
              key={attempt.revision}
              attemptId={attempt.id}
              cohortId={cohortId}
              slug={slug}
              questions={publicQuestions(questions, layout)}
              saved={responses}
              revision={attempt.revision}
              deadline={attempt.deadlineAt?.toISOString() ?? null}
              invalidQuestion={typeof invalid === "string" ? invalid : undefined}
              review={review === "1" && typeof invalid !== "string" && typeof changed !== "string"}
            />
          </ClientMessages>
        </div>
      </div>
    );
  }

  const grade = attempt.grade;
  // A regraded attempt is shown with the corrected key it was marked with.
  const marked = grade.regraded
    ? withCurrentKey(questions, (await currentQuiz(getDb(), slug))?.questions ?? [])
    : questions;
  const submitted = all.flatMap((a) =>
    a.status === "SUBMITTED" && a.percent !== null ? [{ percent: a.percent }] : [],
  );
  const reveal = mayShowAnswers(rules, {
    passedEver: all.some((a) => a.passed),
    attemptsUsed: all.filter((a) => a.status === "SUBMITTED").length,
    countedPercent: countedPercent(submitted, rules.scorePolicy),
    now: new Date(),
  });
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      {heading}
      <section
        aria-labelledby="result-title"
        className={`mt-8 rounded-xl border p-6 ${attempt.passed ? "border-green-200 bg-green-50" : "border-amber-200 bg-amber-50"}`}
      >
        <ResultFocus attemptId={attempt.id} targetId="result-title" />
        <h2 id="result-title" tabIndex={-1} className="scroll-mt-24 text-xl font-semibold text-stone-900">
          {attempt.passed ? t("resultPassed") : t("resultFailed")}
        </h2>
        <p className="mt-2 text-stone-900">
          {t("scoreLine", {
            score: format.number(grade.score, { maximumFractionDigits: 2 }),
            max: grade.maxScore,
            percent: grade.percent,
            pass: rules.passPercent,
          })}
        </p>
        {attempt.submittedBy === "deadline" && <p className="mt-1 text-stone-800">{t("submittedAtDeadline")}</p>}
        {!reveal && <p className="mt-2 text-stone-800">{t(`hidden.${rules.feedback}`)}</p>}
      </section>
      <ol className="mt-8 space-y-4">
        {publicQuestions(questions, layout).map((pq, i) => {
          const q = marked.find((x) => x.id === pq.id)!;
          const given = responses[q.id];
          const { points, correct } = gradeQuestion(q, given);
          const section = found.lecture.sections.find((s) => s.id === q.section);
          return (
            <li key={q.id} className="rounded-xl border border-stone-200 bg-white p-5">
              <p className="text-sm font-medium text-stone-600">
                {t("questionOf", { number: i + 1, total: questions.length })}
              </p>
              <h3 className="font-semibold text-stone-900">{q.prompt}</h3>
              <Answer label={t("yourAnswerLabel")} items={describe(q, given, t("noAnswer"), t("true"), t("false"))} />
              {reveal ? (
                <>
                  <p
                    className={`mt-1 font-medium ${correct ? "text-green-800" : points > 0 ? "text-amber-900" : "text-red-800"}`}
                  >
                    {correct
                      ? t("correct")
                      : points > 0
                        ? t("partly", { points: format.number(points, { maximumFractionDigits: 2 }) })
                        : t("incorrect")}
                  </p>
                  {!correct && (
                    <Answer
                      label={t("rightAnswerLabel")}
                      items={describe(q, correctResponse(q), "", t("true"), t("false"))}
                    />
                  )}
                  <p className="mt-2 text-stone-700">{q.explanation}</p>
                </>
              ) : null}
              {section && (
                <p className="mt-2 text-sm text-stone-700">
                  {t("fromSection")}{" "}
                  <Link href={`/lectures/${slug}#${section.id}`} className="font-medium text-brand-700 underline">
                    {section.title}
                  </Link>
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <p className="mt-8">
        <Link href={base} className="font-medium text-brand-700 underline">
          {t("backToQuiz")}
        </Link>
      </p>
    </div>
  );
}

/** An answer: one line, or a list when several options were chosen. */
function Answer({ label, items }: { label: string; items: string[] }) {
  if (items.length === 1)
    return (
      <p className="mt-2 text-stone-800">
        {label} {items[0]}
      </p>
    );
  return (
    <div className="mt-2 text-stone-800">
      <p>{label}</p>
      <ul className="list-disc ps-5">
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </div>
  );
}

function describe(q: TQuestion, r: QuizResponse | undefined, none: string, yes: string, no: string): string[] {
  if (!r) return [none];
  if ((q.type === "single" || q.type === "multiple") && (r.type === "single" || r.type === "multiple")) {
    const ids = r.type === "single" ? [r.optionId] : r.optionIds;
    const texts = q.options.filter((o) => ids.includes(o.id)).map((o) => o.text);
    return texts.length ? texts : [none];
  }
  if (r.type === "true-false") return [r.value ? yes : no];
  if (r.type === "numeric") return [q.type === "numeric" && q.unit ? `${r.value} (${q.unit})` : String(r.value)];
  return [none];
}
