"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import {
  correctQuestionAction,
  type CorrectionState,
} from "@/app/[locale]/(personal)/admin/cohorts/[id]/quizzes/[slug]/questions/[questionId]/actions";
import { ErrorSummary, FormField, inputClass, submitKeepingValues } from "@/components/ui/form-field";
import type { TQuestion } from "@/lib/schemas/content";

/** The correction form of one question: its words, its options and its key, as the content has them now. */
export function QuestionCorrectionForm({
  cohortId,
  slug,
  question,
}: {
  cohortId: string;
  slug: string;
  question: TQuestion;
}) {
  const t = useTranslations("AdminQuizzes.correction");
  const [state, action, pending] = useActionState<CorrectionState, FormData>(correctQuestionAction, {});
  const error = state.error;
  const message =
    error &&
    (error.field === "form"
      ? t("unchanged")
      : t("invalid", { field: t(`fieldNames.${error.field}` as "fieldNames.prompt"), message: error.message }));
  const on = (field: string) => (error?.field === field ? message : undefined);
  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      className="mt-6 max-w-3xl space-y-5"
      aria-busy={pending}
    >
      <input type="hidden" name="cohortId" value={cohortId} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="questionId" value={question.id} />
      {message && <ErrorSummary message={message} result={state} />}
      <FormField name="prompt" label={t("fields.prompt")} error={on("prompt")}>
        {(p) => <textarea {...p} defaultValue={question.prompt} rows={3} required className={inputClass} />}
      </FormField>
      {(question.type === "single" || question.type === "multiple") && (
        <fieldset className="space-y-3" aria-describedby={on("options") ? "options-error" : undefined}>
          <legend className="font-medium text-stone-900">
            {question.type === "single" ? t("optionsSingle") : t("optionsMultiple")}
          </legend>
          {question.options.map((o) => (
            <div key={o.id} className="flex items-start gap-3">
              <input
                id={`correct-${o.id}`}
                type={question.type === "single" ? "radio" : "checkbox"}
                name="correct"
                value={o.id}
                defaultChecked={o.correct === true}
                className="mt-3 size-4"
              />
              <label htmlFor={`correct-${o.id}`} className="sr-only">
                {t("isCorrect", { option: o.id.toUpperCase() })}
              </label>
              <div className="grow">
                <label htmlFor={`option.${o.id}`} className="block text-sm font-medium text-stone-900">
                  {t("option", { option: o.id.toUpperCase() })}
                </label>
                <input
                  id={`option.${o.id}`}
                  name={`option.${o.id}`}
                  defaultValue={o.text}
                  required
                  className={inputClass}
                />
              </div>
            </div>
          ))}
          {on("options") && (
            <p id="options-error" className="text-sm font-medium text-red-800">
              {on("options")}
            </p>
          )}
        </fieldset>
      )}
      {question.type === "true-false" && (
        <fieldset>
          <legend className="font-medium text-stone-900">{t("fields.answer")}</legend>
          {(["true", "false"] as const).map((v) => (
            <label key={v} className="me-6 inline-flex items-center gap-2 text-stone-900">
              <input
                type="radio"
                name="answer"
                value={v}
                defaultChecked={String(question.answer) === v}
                className="size-4"
              />
              {t(v)}
            </label>
          ))}
        </fieldset>
      )}
      {question.type === "numeric" && (
        <div className="flex flex-wrap gap-6">
          <FormField name="answer" label={t("fields.answer")} error={on("answer")}>
            {(p) => <input {...p} inputMode="decimal" defaultValue={question.answer} required className={inputClass} />}
          </FormField>
          <FormField name="tolerance" label={t("fields.tolerance")} hint={t("toleranceHint")} error={on("tolerance")}>
            {(p) => (
              <input {...p} inputMode="decimal" defaultValue={question.tolerance} required className={inputClass} />
            )}
          </FormField>
          <FormField name="unit" label={t("fields.unit")}>
            {(p) => <input {...p} defaultValue={question.unit ?? ""} className={inputClass} />}
          </FormField>
        </div>
      )}
      <FormField
        name="explanation"
        label={t("fields.explanation")}
        hint={t("explanationHint")}
        error={on("explanation")}
      >
        {(p) => <textarea {...p} defaultValue={question.explanation} rows={4} required className={inputClass} />}
      </FormField>
      <FormField name="evidence" label={t("fields.evidence")} hint={t("evidenceHint")} error={on("evidence")}>
        {(p) => <textarea {...p} defaultValue={question.evidence} rows={3} required className={inputClass} />}
      </FormField>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
