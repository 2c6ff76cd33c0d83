import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { StartQuizForm } from "@/components/quiz/start-quiz-form";
import { DataTable } from "@/components/ui/data-table";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getLecture, getQuiz } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getOwnQuizPage } from "@/lib/db/quiz-pages";
import { canStartAttempt, quizStatus } from "@/lib/domain/quiz";
import { timedOutAttempt } from "@/lib/domain/quiz-summary";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { ScriptText } from "@/components/ui/script-text";

/** "Quiz of lecture N"; a slug that names no lecture gets the title of the page it leads to. */
export async function generateMetadata({ params }: PageProps<"/[locale]/course/[cohortId]/quiz/[slug]">) {
  const found = getLecture((await params).slug);
  return found
    ? privatePageMetadata("Quiz", "title", { number: found.lecture.number })
    : privatePageMetadata("Quiz", "notInCohort.metaTitle");
}

const ZRefused = z.enum(["not-enrolled", "not-open", "closed", "no-attempts-left"]).optional().catch(undefined);

export default async function QuizPage({ params, searchParams }: PageProps<"/[locale]/course/[cohortId]/quiz/[slug]">) {
  const { locale, cohortId, slug } = await params;
  setRequestLocale(locale);
  const user = await requireCompleteProfile(`/course/${cohortId}/quiz/${slug}`);
  const found = getLecture(slug);
  const quiz = getQuiz(slug);
  // Nothing for anyone without an active place in the cohort.
  const page = found && quiz && cohortId.length <= 40 ? await getOwnQuizPage(getDb(), user.id, cohortId, slug) : null;
  if (!found || !quiz || !page) notFound();
  const { lecture } = found;
  // The rules as they hold for this participant: the cohort's, extended by their own override.
  const { rules, override, attempts } = page;
  const granted = {
    attempts: override?.extraAttempts != null && rules.maxAttempts !== null ? override.extraAttempts : null,
    minutes: override?.extraMinutes != null && rules.timeLimitMinutes !== null ? override.extraMinutes : null,
    closesAt:
      override?.closesAt != null && rules.closesAt?.getTime() === override.closesAt.getTime()
        ? override.closesAt
        : null,
  };
  const anyGranted = granted.attempts !== null || granted.minutes !== null || granted.closesAt !== null;
  const refused = ZRefused.parse((await searchParams).refused);
  const t = await getTranslations("Quiz");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: user.timeZone });
  const now = new Date();
  const status = quizStatus(
    rules,
    attempts.map((a) => ({
      submitted: a.status === "SUBMITTED",
      percent: a.percent,
    })),
  );
  const inProgress = attempts.find((a) => a.status === "IN_PROGRESS");
  const used = attempts.filter((a) => a.status === "SUBMITTED").length;
  const start = inProgress ? ({ ok: true } as const) : canStartAttempt(rules, used, now);
  // The latest attempt ran out of time unsubmitted: it counts as submitted, and its result comes first.
  const timedOut = timedOutAttempt(attempts);
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <p>
        <Link href="/dashboard" className="text-sm font-medium text-brand-700 underline">
          {t("backToCourse")}
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold text-stone-900">{t("title", { number: lecture.number })}</h1>
      <p className="mt-1 text-lg text-stone-700">{lecture.meta.title}</p>
      {refused && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
          {t(`refused.${refused}`)}
        </p>
      )}
      <section aria-labelledby="rules-title" className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="rules-title" className="text-xl font-semibold text-stone-900">
          {t("rulesTitle")}
        </h2>
        <ul className="mt-3 list-disc space-y-1 ps-5 text-stone-800">
          <li>{t("rules.questions", { count: quiz.questions.length })}</li>
          <li>{t("rules.pass", { percent: rules.passPercent })}</li>
          <li>
            {rules.maxAttempts === null
              ? t("rules.unlimited")
              : t("rules.attempts", { count: rules.maxAttempts, left: status.attemptsLeft ?? 0 })}
          </li>
          <li>
            {rules.timeLimitMinutes === null
              ? t("rules.noLimit")
              : t("rules.timeLimit", { minutes: rules.timeLimitMinutes })}
          </li>
          {rules.opensAt && <li>{t("rules.opens", { time: when(rules.opensAt) })}</li>}
          {rules.closesAt && <li>{t("rules.closes", { time: when(rules.closesAt) })}</li>}
          <li>{t(`rules.policy.${rules.scorePolicy}`)}</li>
          <li>{t(`rules.feedback.${rules.feedback}`)}</li>
          <li>
            <ScriptText withScript={t("rules.autosave")} withoutScript={t("rules.savedOnSubmit")} />
          </li>
        </ul>
        {anyGranted && (
          <div className="mt-6 rounded-lg border border-brand-100 bg-brand-50 p-4 text-stone-900">
            <h3 className="font-semibold">{t("override.title")}</h3>
            <ul className="mt-2 list-disc space-y-1 ps-5">
              {granted.attempts !== null && <li>{t("override.attempts", { count: granted.attempts })}</li>}
              {granted.minutes !== null && <li>{t("override.minutes", { minutes: granted.minutes })}</li>}
              {granted.closesAt !== null && <li>{t("override.closes", { time: when(granted.closesAt) })}</li>}
            </ul>
          </div>
        )}
        {timedOut && (
          <div className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-stone-900">
            <p>
              {t("timedOut", {
                number: timedOut.number,
                percent: timedOut.percent ?? 0,
                result: timedOut.passed ? "passed" : "failed",
              })}
            </p>
            <p className="mt-2">
              <Link
                href={`/course/${cohortId}/quiz/${slug}/attempt/${timedOut.id}`}
                className="font-medium text-brand-700 underline"
              >
                {t("seeResult", { number: timedOut.number })}
              </Link>
            </p>
          </div>
        )}
        <div className="mt-6">
          {start.ok ? (
            <StartQuizForm
              cohortId={cohortId}
              slug={slug}
              resume={inProgress?.id}
              label={inProgress ? t("resume") : used > 0 ? t("again") : t("start")}
            />
          ) : (
            <p className="font-medium text-stone-900">{t(`refused.${start.reason}`)}</p>
          )}
        </div>
      </section>
      <section aria-labelledby="attempts-title" className="mt-8">
        <h2 id="attempts-title" className="text-xl font-semibold text-stone-900">
          {t("attemptsTitle")}
        </h2>
        {status.status === "passed" || status.status === "failed" ? (
          <p className="mt-1 text-stone-800">{t(`counted.${status.status}`, { percent: status.percent })}</p>
        ) : null}
        {attempts.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("noAttempts")}</p>
        ) : (
          <DataTable className="mt-4" headers={[t("attempt"), t("started"), t("score"), t("result")]}>
            {attempts.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                  <Link href={`/course/${cohortId}/quiz/${slug}/attempt/${a.id}`} className="text-brand-700 underline">
                    {t("attemptNumber", { number: a.number })}
                  </Link>
                </th>
                <td className="px-4 py-3 whitespace-nowrap">{when(a.startedAt)}</td>
                <td className="px-4 py-3">{a.percent === null ? "—" : `${a.percent}%`}</td>
                <td className="px-4 py-3">
                  {a.status === "IN_PROGRESS" ? t("inProgress") : a.passed ? t("passed") : t("failed")}
                  {a.submittedBy === "deadline" && (
                    <span className="block text-xs text-stone-600">{t("submittedAtDeadline")}</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <p className="mt-8">
        <Link href={`/lectures/${slug}`} className="font-medium text-brand-700 underline">
          {t("readLecture")}
        </Link>
      </p>
    </div>
  );
}
