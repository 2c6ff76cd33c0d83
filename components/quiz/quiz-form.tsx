"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { submitQuiz } from "@/app/[locale]/(personal)/course/[cohortId]/quiz/[slug]/actions";
import type { PublicQuestion, QuizResponse } from "@/lib/domain/quiz";
import { responseFromForm } from "@/lib/domain/quiz-form";
import { answerSummary, isAnswered, NAVIGATOR_MIN_QUESTIONS } from "@/lib/domain/quiz-summary";
import { QuestionNavigator, ReviewSummary, SubmitSummary, questionAnchor } from "./submit-summary";
import { sendToParticipantApi } from "@/components/participant-api";
import { markSubmitted } from "./result-focus";
import { useClearOfStickyBars } from "./use-clear-of-sticky-bars";
import { CONTROL } from "@/components/ui/control-classes";
import { useHydrated } from "@/components/ui/use-hydrated";

type Props = {
  attemptId: string;
  cohortId: string;
  slug: string;
  questions: PublicQuestion[];
  saved: Record<string, QuizResponse>;
  /** The revision of the saved answers this page shows (each save counts one). */
  revision: number;
  /** ISO instant, or null without a time limit. */
  deadline: string | null;
  invalidQuestion?: string;
  /** Shown again after a submission without the summary step (a page without JavaScript): the summary first. */
  review?: boolean;
};

type SaveState = "idle" | "saving" | "saved" | "retrying" | "signedOut" | "refused" | "closed";

/**
 * The questions of an attempt in progress. Works as a plain form (answers go
 * with the submission); with JavaScript each answer is also saved on the
 * server as soon as it is given, so a reload or another device resumes it, and
 * Submit first shows which questions are answered. Each save returns the
 * attempt's revision: one that skipped a number means another device saved
 * meanwhile, and the page is shown again with the newest answers.
 */
export function QuizForm(props: Props) {
  const t = useTranslations("Quiz");
  const hydrated = useHydrated();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [answered, setAnswered] = useState(
    () => new Set(Object.keys(props.saved).filter((id) => isAnswered(props.saved[id]))),
  );
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const pending = useRef(new Map<string, unknown>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flushing = useRef<Promise<void> | null>(null);
  const revision = useRef(props.revision);
  // What the form sends: the revision of the answers this page last saw.
  const [seenRevision, setSeenRevision] = useState(props.revision);
  const changedElsewhere = useRef(false);
  const confirmed = useRef(false);
  // Sent with the submission once the summary is confirmed; without it the server shows the summary first.
  const [confirmedField, setConfirmedField] = useState(false);
  useClearOfStickyBars(barRef);

  /** Retries what is still pending (a lost connection, a session that ended) in 3 s. */
  function retryLater(state: "retrying" | "signedOut") {
    setSaveState(state);
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, 3000);
  }

  // One flush at a time: answers given while one runs wait for it, so "All answers saved"
  // shows only once the server has every one of them. A caller may await the one running.
  function flush(): Promise<void> {
    if (flushing.current) return flushing.current;
    flushing.current = saveAll().finally(() => {
      flushing.current = null;
    });
    return flushing.current;
  }

  async function saveAll() {
    let refused = false;
    while (pending.current.size > 0) {
      const [questionId, response] = pending.current.entries().next().value!;
      setSaveState("saving");
      const answer = await sendToParticipantApi("PUT", `/api/attempts/${props.attemptId}/answers`, {
        questionId,
        response,
      });
      if (!answer) return retryLater("retrying");
      const { status } = answer;
      if (status === 409) {
        // Submitted elsewhere, or the time is up: the page shows where things stand.
        setSaveState("closed");
        window.location.reload();
        return;
      }
      if (status === 401) return retryLater("signedOut");
      if (status >= 500) return retryLater("retrying");
      if (status === 200) noteRevision(answer.body);
      // Saved, or refused for good (a 400 or 404 would fail the same way again). A newer
      // answer to the same question given meanwhile stays pending.
      if (pending.current.get(questionId) === response) pending.current.delete(questionId);
      if (status >= 400) refused = true;
    }
    setSaveState(refused ? "refused" : "saved");
    if (changedElsewhere.current) showNewerAnswers(revision.current);
  }

  /** A save's revision: one more than the last one seen, unless another device saved in between. */
  function noteRevision(body: unknown) {
    const next = (body as { revision?: unknown } | null)?.revision;
    if (typeof next !== "number") return;
    if (next !== revision.current + 1) changedElsewhere.current = true;
    revision.current = next;
    setSeenRevision(next);
  }

  /** The page again, from the server, with the answers as saved now and a note that they changed. */
  function showNewerAnswers(current: number) {
    router.replace(`${window.location.pathname}?changed=${current}`, { scroll: false });
  }

  function record(question: PublicQuestion, response: QuizResponse | null) {
    setAnswered((prev) => {
      const next = new Set(prev);
      if (isAnswered(response)) next.add(question.id);
      else next.delete(question.id);
      return next;
    });
    if (response === null) return;
    pending.current.set(question.id, response);
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, question.type === "numeric" ? 600 : 150);
  }

  function onChange(question: PublicQuestion, form: HTMLFormElement) {
    const response = responseFromForm(question, new FormData(form));
    // A numeric answer that is not a number yet is not saved: the last number saved stays.
    const usable = response && !(response.type === "numeric" && !Number.isFinite(response.value));
    record(question, usable ? response : null);
  }

  /**
   * Submits for real: answers still being saved are saved first, so that the revision sent is
   * this device's own last one, unless they show that another device changed the answers.
   */
  async function submitNow() {
    clearTimeout(timer.current);
    await flush();
    if (changedElsewhere.current) return;
    confirmed.current = true;
    markSubmitted(props.attemptId);
    // The form must carry the last revision before it is read for the submission.
    flushSync(() => {
      setSeenRevision(revision.current);
      setConfirmedField(true);
    });
    dialogRef.current?.close();
    // Submitted through the quiz API, the page shows its result by navigating to itself, as
    // the start does (components/quiz/start-quiz-form.tsx says why): 40-60 ms of the server's
    // CPU in Chromium, against 80-100 through the submit action's redirect. Any answer but a
    // submitted attempt posts the form, for the action to show what happened.
    const submitted = await sendToParticipantApi(
      "POST",
      `/api/attempts/${encodeURIComponent(props.attemptId)}/submit`,
      {
        revision: revision.current,
      },
    );
    if (submitted?.status === 200) {
      router.push(window.location.pathname);
      return;
    }
    formRef.current?.requestSubmit();
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    if (confirmed.current) return;
    // The summary first: nothing is submitted until the participant confirms it.
    e.preventDefault();
    dialogRef.current?.showModal();
  }

  const summary = answerSummary(
    props.questions.map((q) => q.id),
    answered,
  );
  return (
    <form ref={formRef} action={submitQuiz} onSubmit={onSubmit} className="space-y-8">
      <input type="hidden" name="attemptId" value={props.attemptId} />
      <input type="hidden" name="cohortId" value={props.cohortId} />
      <input type="hidden" name="slug" value={props.slug} />
      <input type="hidden" name="revision" value={seenRevision} />
      {confirmedField && <input type="hidden" name="confirmed" value="1" />}
      {props.review && <ReviewSummary summary={summary} />}
      {props.deadline && <Countdown deadline={props.deadline} onTimeUp={submitNow} />}
      {props.questions.length >= NAVIGATOR_MIN_QUESTIONS && <QuestionNavigator summary={summary} />}
      <ol className="space-y-8">
        {props.questions.map((q, i) => (
          <li key={q.id} id={questionAnchor(i + 1)} className="scroll-mt-24">
            <Question
              question={q}
              index={i}
              total={props.questions.length}
              saved={props.saved[q.id]}
              invalid={props.invalidQuestion === q.id}
              onChange={(form) => onChange(q, form)}
            />
          </li>
        ))}
      </ol>
      <div
        ref={barRef}
        className="sticky bottom-0 -mx-4 border-t border-stone-200 bg-white/95 px-4 py-4 backdrop-blur sm:mx-0 sm:rounded-xl sm:border"
      >
        <p
          role="status"
          className={
            saveState === "retrying" || saveState === "signedOut" || saveState === "refused"
              ? "text-sm font-semibold text-amber-800"
              : "text-sm text-stone-700"
          }
        >
          {!hydrated
            ? t("savedOnSubmit")
            : saveState === "idle" || saveState === "closed"
              ? t("autosave")
              : t(`save.${saveState}`)}
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
          >
            {t("submit")}
          </button>
          <p className="text-sm text-stone-700">
            {summary.unanswered > 0 ? t("unanswered", { count: summary.unanswered }) : t("allAnswered")}
          </p>
        </div>
      </div>
      <SubmitSummary ref={dialogRef} summary={summary} onConfirm={submitNow} />
    </form>
  );
}

function Question(props: {
  question: PublicQuestion;
  index: number;
  total: number;
  saved?: QuizResponse;
  invalid: boolean;
  onChange: (form: HTMLFormElement) => void;
}) {
  const t = useTranslations("Quiz");
  const { question: q, saved } = props;
  const name = `q-${q.id}`;
  const change = (e: React.ChangeEvent<HTMLInputElement>) =>
    e.currentTarget.form && props.onChange(e.currentTarget.form);
  const legend = (
    <legend className="text-lg font-semibold text-stone-900">
      <span className="block text-sm font-medium text-stone-600">
        {t("questionOf", { number: props.index + 1, total: props.total })}
      </span>
      {q.prompt}
    </legend>
  );
  const hintId = `${name}-hint`;
  const box = "rounded-xl border border-stone-200 bg-white p-5";
  const choice =
    "flex items-start gap-3 rounded-lg border border-stone-200 p-3 hover:border-brand-600 has-checked:border-brand-700 has-checked:bg-brand-50";
  if (q.type === "single" || q.type === "multiple") {
    const multiple = q.type === "multiple";
    const selected = saved?.type === "single" ? [saved.optionId] : saved?.type === "multiple" ? saved.optionIds : [];
    return (
      <div className={box}>
        <fieldset aria-describedby={hintId}>
          {legend}
          <p id={hintId} className="mt-1 text-sm text-stone-600">
            {multiple ? t("chooseAll") : t("chooseOne")}
          </p>
          {multiple && <input type="hidden" name={`${name}-shown`} value="1" />}
          <div className="mt-4 space-y-2">
            {q.options!.map((o) => (
              <label key={o.id} className={choice}>
                <input
                  type={multiple ? "checkbox" : "radio"}
                  name={name}
                  value={o.id}
                  defaultChecked={selected.includes(o.id)}
                  onChange={change}
                  className="mt-1 size-4"
                />
                <span className="text-stone-900">{o.text}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    );
  }
  if (q.type === "true-false") {
    const value = saved?.type === "true-false" ? String(saved.value) : undefined;
    return (
      <div className={box}>
        <fieldset>
          {legend}
          <div className="mt-4 flex flex-wrap gap-3">
            {(["true", "false"] as const).map((v) => (
              <label key={v} className={`${choice} min-w-32`}>
                <input
                  type="radio"
                  name={name}
                  value={v}
                  defaultChecked={value === v}
                  onChange={change}
                  className="mt-1 size-4"
                />
                <span className="text-stone-900">{t(v)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    );
  }
  const value = saved?.type === "numeric" ? String(saved.value) : "";
  const errorId = `${name}-error`;
  return (
    <div className={box}>
      <fieldset>
        {legend}
        <div className="mt-4">
          <label htmlFor={name} className="block text-sm font-medium text-stone-900">
            {q.unit ? t("numberIn", { unit: q.unit }) : t("number")}
          </label>
          <input
            id={name}
            name={name}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={value}
            onChange={change}
            aria-invalid={props.invalid || undefined}
            aria-describedby={props.invalid ? errorId : undefined}
            className={`mt-1 block w-48 ${CONTROL} tabular-nums aria-invalid:border-red-700`}
          />
          {props.invalid && (
            <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
              {t("notANumber")}
            </p>
          )}
        </div>
      </fieldset>
    </div>
  );
}

function Countdown({ deadline, onTimeUp }: { deadline: string; onTimeUp: () => void }) {
  const t = useTranslations("Quiz");
  const end = new Date(deadline).getTime();
  const [left, setLeft] = useState<number | null>(null);
  const fired = useRef(false);
  const timeUp = useRef(onTimeUp);
  useEffect(() => {
    timeUp.current = onTimeUp;
  });
  useEffect(() => {
    const tick = () => {
      const ms = end - Date.now();
      setLeft(Math.max(0, ms));
      if (ms <= 0 && !fired.current) {
        fired.current = true;
        timeUp.current();
      }
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [end]);
  // The sticky wrapper is there from the first render, so that the page's scroll padding
  // (useClearOfStickyBars) follows its height once the time shows.
  if (left === null) return <div data-sticky-top className="sticky top-16 z-30" />;
  const minutes = Math.floor(left / 60_000);
  const seconds = Math.floor((left % 60_000) / 1000);
  const warn = left < 60_000;
  return (
    <div
      data-sticky-top
      className={`sticky top-16 z-30 rounded-lg border p-3 ${warn ? "border-red-300 bg-red-50 text-red-900" : "border-stone-200 bg-white text-stone-900"}`}
    >
      <p>
        {t("timeLeft")}{" "}
        <span className="font-semibold tabular-nums">{`${minutes}:${String(seconds).padStart(2, "0")}`}</span>
      </p>
      {/* Screen readers hear the time at a few moments only, not every second. */}
      <p className="sr-only" aria-live="polite">
        {minutes === 5 && seconds > 55 ? t("fiveMinutes") : minutes === 0 && seconds > 55 ? t("oneMinute") : ""}
      </p>
    </div>
  );
}
