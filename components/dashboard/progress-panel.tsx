import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { CourseDeadline, CourseProgress } from "@/lib/domain/progress";
import { sessionDateParts } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";

/**
 * A participant's progress in one cohort: lectures studied (marked, or quiz passed) and
 * quizzes passed out of five, the one thing to do next as a link, and the date to finish by.
 */
export async function ProgressPanel(props: {
  cohortId: string;
  progress: CourseProgress;
  deadline: CourseDeadline;
  /** The participant's time zone, for a deadline that is an instant. */
  timeZone: string;
}) {
  const { cohortId, progress, deadline } = props;
  const t = await getTranslations("Progress");
  const format = await getFormatter();
  const locale = await getLocale();
  const id = `progress-${cohortId}`;
  const next = progress.next;
  return (
    <section aria-labelledby={id} className="mt-8 rounded-xl border border-stone-200 bg-white p-5">
      <h3 id={id} className="text-lg font-semibold text-stone-900">
        {t("title")}
      </h3>
      <p id={`${id}-summary`} className="mt-2 text-stone-800">
        {t("summary", { studied: progress.studied, passed: progress.quizzesPassed, total: progress.total })}
      </p>
      <progress
        value={progress.studied}
        max={progress.total}
        aria-label={t("bar")}
        aria-describedby={`${id}-summary`}
        className="mt-3 h-3 w-full overflow-hidden rounded-full accent-brand-700 [&::-moz-progress-bar]:bg-brand-700 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-brand-700"
      />
      <ol className="mt-3 flex flex-wrap gap-2 text-sm">
        {progress.lectures.map((l) => (
          <li
            key={l.slug}
            className={`rounded-full border px-3 py-1 ${l.studied ? "border-green-700 bg-green-50 text-green-900" : "border-stone-300 text-stone-800"}`}
          >
            {t("lecture", { number: l.number })}: {t(l.studied ? "state.studied" : "state.not-studied")}
            {l.quizPassed && <>, {t("state.passed")}</>}
          </li>
        ))}
      </ol>
      <h4 className="mt-4 font-semibold text-stone-900">{t("nextTitle")}</h4>
      {next.kind === "study" || next.kind === "quiz" ? (
        <p className="mt-1">
          <Link
            href={
              next.kind === "study"
                ? `/course/${cohortId}/lectures/${next.slug}`
                : `/course/${cohortId}/quiz/${next.slug}`
            }
            className="inline-block rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            {t(next.kind === "study" ? "next.study" : "next.quiz", { number: next.number })}
          </Link>
        </p>
      ) : (
        <p className="mt-1 text-stone-800">{t(next.kind === "complete" ? "next.complete" : "next.nothing-now")}</p>
      )}
      <p className="mt-4 text-stone-800">
        {deadline.kind === "quizzes-close" || deadline.kind === "quizzes-closed"
          ? t(`deadline.${deadline.kind}`, sessionDateParts(deadline.at, props.timeZone, locale))
          : t(`deadline.${deadline.kind}`, {
              date: format.dateTime(deadline.on, { dateStyle: "full", timeZone: "UTC" }),
            })}
      </p>
    </section>
  );
}
