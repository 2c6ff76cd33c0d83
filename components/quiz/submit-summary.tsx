"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";
import type { AnswerSummary } from "@/lib/domain/quiz-summary";

/** The id of the n-th question's item on the attempt page (from 1): what the links below go to. */
export const questionAnchor = (number: number) => `question-${number}`;

/** Scrolls to the n-th question and puts the focus on its first control. */
function goToQuestion(number: number) {
  const item = document.getElementById(questionAnchor(number));
  const control = item?.querySelector<HTMLElement>("input:not([type=hidden])");
  (control ?? item)?.focus();
}

/** One link per question, each saying whether it is answered, in the attempt's order. */
function QuestionLinks({ summary }: { summary: AnswerSummary }) {
  const t = useTranslations("Quiz");
  return (
    <ol className="flex flex-wrap gap-2">
      {summary.questions.map((q) => (
        <li key={q.id}>
          <a
            href={`#${questionAnchor(q.number)}`}
            onClick={(e) => {
              e.preventDefault();
              // From the summary dialog: close it, then go to the question.
              e.currentTarget.closest("dialog")?.close();
              goToQuestion(q.number);
            }}
            className={`inline-flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-lg border px-3 font-medium underline-offset-2 hover:underline ${
              q.answered ? "border-brand-700 bg-brand-700 text-white" : "border-stone-400 bg-white text-stone-900"
            }`}
          >
            <span aria-hidden="true">{q.number}</span>
            <span className="sr-only">
              {q.answered ? t("nav.answered", { number: q.number }) : t("nav.unanswered", { number: q.number })}
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
}

/** A list of the questions, each marked answered or not, to go straight to one: for long quizzes. */
export function QuestionNavigator({ summary }: { summary: AnswerSummary }) {
  const t = useTranslations("Quiz");
  return (
    <nav aria-labelledby="question-nav-title" className="rounded-xl border border-stone-200 bg-white p-4">
      <h2 id="question-nav-title" className="text-base font-semibold text-stone-900">
        {t("nav.title")}
      </h2>
      <p className="mt-1 mb-3 text-sm text-stone-700">
        {t("summary.counts", { answered: summary.answered, total: summary.questions.length })}
      </p>
      <QuestionLinks summary={summary} />
    </nav>
  );
}

/** How many questions are answered, and a link to each: unanswered ones listed first. */
function SummaryLists({ summary, idPrefix }: { summary: AnswerSummary; idPrefix: string }) {
  const t = useTranslations("Quiz");
  const unanswered = { ...summary, questions: summary.questions.filter((q) => !q.answered) };
  const answered = { ...summary, questions: summary.questions.filter((q) => q.answered) };
  return (
    <>
      <p className="mt-2">{t("summary.counts", { answered: summary.answered, total: summary.questions.length })}</p>
      {unanswered.questions.length > 0 && (
        <section aria-labelledby={`${idPrefix}-unanswered`} className="mt-4">
          <h3 id={`${idPrefix}-unanswered`} className="font-semibold text-amber-900">
            {t("summary.unanswered", { count: unanswered.questions.length })}
          </h3>
          <p className="mb-2 text-sm text-stone-700">{t("summary.unansweredHint")}</p>
          <QuestionLinks summary={unanswered} />
        </section>
      )}
      {answered.questions.length > 0 && (
        <section aria-labelledby={`${idPrefix}-answered`} className="mt-4">
          <h3 id={`${idPrefix}-answered`} className="mb-2 font-semibold">
            {t("summary.answered", { count: answered.questions.length })}
          </h3>
          <QuestionLinks summary={answered} />
        </section>
      )}
      <p className="mt-4 text-sm text-stone-700">{t("summary.final")}</p>
    </>
  );
}

const confirmButton = "rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800";

/**
 * The step before an attempt is submitted: the summary, and the choice to submit now or go
 * back. A modal dialog: the focus stays in it, and Escape closes it.
 */
export function SubmitSummary({
  ref,
  summary,
  onConfirm,
}: {
  ref: Ref<HTMLDialogElement>;
  summary: AnswerSummary;
  onConfirm: () => void;
}) {
  const t = useTranslations("Quiz");
  const close = (e: { currentTarget: HTMLElement }) => e.currentTarget.closest("dialog")?.close();
  return (
    <dialog
      ref={ref}
      aria-labelledby="submit-summary-title"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-stone-200 bg-white p-6 text-stone-900 shadow-xl backdrop:bg-stone-900/50"
    >
      <h2 id="submit-summary-title" className="text-xl font-semibold">
        {t("summary.title")}
      </h2>
      <SummaryLists summary={summary} idPrefix="summary" />
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="button" onClick={onConfirm} className={confirmButton}>
          {t("summary.confirm")}
        </button>
        <button
          type="button"
          onClick={close}
          className="rounded-lg border border-stone-400 bg-white px-5 py-2.5 font-medium text-stone-900 hover:border-brand-600"
        >
          {t("summary.back")}
        </button>
      </div>
    </dialog>
  );
}

/**
 * The same step for a page without JavaScript: the server showed the page again with the
 * answers kept, and this summary above them. Its button, inside the form, submits the
 * answers as they now stand, confirmed; the questions stay below to change first.
 */
export function ReviewSummary({ summary }: { summary: AnswerSummary }) {
  const t = useTranslations("Quiz");
  return (
    <section
      aria-labelledby="review-summary-title"
      className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-stone-900"
    >
      <h2 id="review-summary-title" className="text-xl font-semibold">
        {t("summary.title")}
      </h2>
      <SummaryLists summary={summary} idPrefix="review" />
      <p className="mt-2 text-sm text-stone-700">{t("summary.reviewHint")}</p>
      <button type="submit" name="confirmed" value="1" className={`mt-4 ${confirmButton}`}>
        {t("summary.confirm")}
      </button>
    </section>
  );
}
