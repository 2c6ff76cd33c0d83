"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import {
  saveQuizOverrideAction,
  type QuizOverrideFormState,
} from "@/app/[locale]/(personal)/admin/cohorts/[id]/quizzes/actions";
import { ErrorSummary, FormField, inputClass as input, type ControlProps } from "@/components/ui/form-field";
import { EXTRA_ATTEMPTS_MAX, EXTRA_MINUTES_MAX } from "@/lib/domain/quiz-override";
import type { TQuizOverrideField } from "@/lib/schemas/quiz-override";

/** Adds or replaces one participant's override at one quiz. */
export function QuizOverrideForm({
  cohortId,
  slug,
  timeZone,
  people,
}: {
  cohortId: string;
  slug: string;
  timeZone: string;
  /**
   * Those with an active place in the cohort: id and how they are shown; null where the cohort
   * is too large to list, and the person is named by their e-mail instead.
   */
  people: { id: string; label: string }[] | null;
}) {
  const t = useTranslations("AdminQuizzes.overrides");
  const [state, action, pending] = useActionState<QuizOverrideFormState, FormData>(saveQuizOverrideAction, {
    values: {},
    errors: {},
  });
  const { form: formError, ...fieldErrors } = state.errors;
  const errorCount = Object.keys(fieldErrors).length;
  const v = state.values;
  const field = (name: TQuizOverrideField, control: (p: ControlProps) => React.ReactNode, hint?: string) => (
    <FormField
      name={`override-${name}`}
      label={t(`fields.${name}`)}
      hint={hint}
      error={state.errors[name] && t(`errors.${state.errors[name]}` as "errors.not-later")}
    >
      {(p) => control({ ...p, name })}
    </FormField>
  );
  return (
    <form action={action} noValidate className="space-y-5">
      <input type="hidden" name="cohortId" value={cohortId} />
      <input type="hidden" name="slug" value={slug} />
      {formError && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {t(`errors.${formError}` as "errors.not-found")}
        </p>
      )}
      {errorCount > 0 && <ErrorSummary message={t("errorSummary", { count: errorCount })} result={state} />}
      {state.saved && (
        <p role="status" className="rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
          {t("saved")}
        </p>
      )}
      {field(
        "userId",
        (p) =>
          people ? (
            <select {...p} defaultValue={v.userId ?? ""} className={input}>
              <option value="">{t("choose")}</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.label}
                </option>
              ))}
            </select>
          ) : (
            <input {...p} type="email" autoComplete="off" defaultValue={v.userId ?? ""} className={input} />
          ),
        people ? t("fields.userIdHint") : t("fields.userIdEmailHint"),
      )}
      <div className="grid gap-5 sm:grid-cols-3">
        {field(
          "extraAttempts",
          (p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={EXTRA_ATTEMPTS_MAX}
              inputMode="numeric"
              defaultValue={v.extraAttempts}
              className={input}
            />
          ),
          t("fields.extraAttemptsHint"),
        )}
        {field(
          "extraMinutes",
          (p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={EXTRA_MINUTES_MAX}
              inputMode="numeric"
              defaultValue={v.extraMinutes}
              className={input}
            />
          ),
          t("fields.extraMinutesHint"),
        )}
        {field(
          "closesAt",
          (p) => (
            <input {...p} type="datetime-local" defaultValue={v.closesAt} className={input} />
          ),
          t("fields.closesAtHint", { zone: timeZone }),
        )}
      </div>
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
