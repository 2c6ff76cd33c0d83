"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import {
  saveQuizRulesAction,
  type QuizRulesFormState,
} from "@/app/[locale]/(personal)/admin/cohorts/[id]/quizzes/actions";
import { ErrorSummary, FormField, inputClass as input, type ControlProps } from "@/components/ui/form-field";
import type { TQuizRulesField } from "@/lib/schemas/quiz-rules";

const POLICIES = ["BEST", "LATEST", "FIRST"] as const;
const FEEDBACK = ["AFTER_EACH_ATTEMPT", "ONCE_PASSED", "AFTER_CLOSE", "SCORE_ONLY"] as const;

export function QuizRulesForm({
  cohortId,
  timeZone,
  initial,
}: {
  cohortId: string;
  timeZone: string;
  initial: Record<string, string>;
}) {
  const t = useTranslations("AdminQuizzes");
  const [state, action, pending] = useActionState<QuizRulesFormState, FormData>(saveQuizRulesAction, {
    values: initial,
    errors: {},
  });
  const { form: formError, ...fieldErrors } = state.errors;
  const errorCount = Object.keys(fieldErrors).length;
  const v = state.values;
  const field = (name: TQuizRulesField, control: (p: ControlProps) => React.ReactNode, hint?: string) => (
    <FormField
      name={name}
      label={t(`fields.${name}`)}
      hint={hint}
      error={state.errors[name] && t(`errors.${state.errors[name]}` as "errors.required")}
    >
      {control}
    </FormField>
  );
  return (
    <form action={action} noValidate className="space-y-5">
      <input type="hidden" name="cohortId" value={cohortId} />
      {formError && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {t("errors.not-found")}
        </p>
      )}
      {errorCount > 0 && <ErrorSummary message={t("errorSummary", { count: errorCount })} result={state} />}
      {state.saved && (
        <p role="status" className="rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
          {t("saved")}
        </p>
      )}
      <div className="grid gap-5 sm:grid-cols-3">
        {field("passPercent", (p) => (
          <input
            {...p}
            type="number"
            min={0}
            max={100}
            inputMode="numeric"
            defaultValue={v.passPercent}
            className={input}
          />
        ))}
        {field(
          "maxAttempts",
          (p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={100}
              inputMode="numeric"
              defaultValue={v.maxAttempts}
              className={input}
            />
          ),
          t("fields.maxAttemptsHint"),
        )}
        {field(
          "timeLimitMinutes",
          (p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={600}
              inputMode="numeric"
              defaultValue={v.timeLimitMinutes}
              className={input}
            />
          ),
          t("fields.timeLimitHint"),
        )}
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        {field(
          "opensAt",
          (p) => (
            <input {...p} type="datetime-local" defaultValue={v.opensAt} className={input} />
          ),
          t("fields.windowHint", { zone: timeZone }),
        )}
        {field(
          "closesAt",
          (p) => (
            <input {...p} type="datetime-local" defaultValue={v.closesAt} className={input} />
          ),
          t("fields.windowHint", { zone: timeZone }),
        )}
      </div>
      <fieldset className="space-y-2">
        <legend className="font-medium text-stone-900">{t("fields.shuffle")}</legend>
        <label className="flex items-start gap-2 text-stone-800">
          <input
            type="checkbox"
            name="shuffleQuestions"
            defaultChecked={v.shuffleQuestions === "on"}
            className="mt-1"
          />
          {t("fields.shuffleQuestions")}
        </label>
        <label className="flex items-start gap-2 text-stone-800">
          <input type="checkbox" name="shuffleOptions" defaultChecked={v.shuffleOptions === "on"} className="mt-1" />
          {t("fields.shuffleOptions")}
        </label>
      </fieldset>
      <fieldset>
        <legend className="font-medium text-stone-900">{t("fields.scorePolicy")}</legend>
        <div className="mt-2 space-y-2">
          {POLICIES.map((p) => (
            <label key={p} className="flex items-start gap-2 text-stone-800">
              <input type="radio" name="scorePolicy" value={p} defaultChecked={v.scorePolicy === p} className="mt-1" />
              {t(`policies.${p}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="font-medium text-stone-900">{t("fields.feedback")}</legend>
        <div className="mt-2 space-y-2">
          {FEEDBACK.map((f) => (
            <label key={f} className="flex items-start gap-2 text-stone-800">
              <input type="radio" name="feedback" value={f} defaultChecked={v.feedback === f} className="mt-1" />
              {t(`feedbacks.${f}`)}
            </label>
          ))}
        </div>
      </fieldset>
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
