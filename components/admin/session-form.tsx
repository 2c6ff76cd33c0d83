"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { saveSession, type SessionFormState } from "@/app/[locale]/(personal)/admin/cohorts/[id]/sessions/actions";
import { ErrorSummary, FormField, inputClass as input, type ControlProps } from "@/components/ui/form-field";
import type { TSessionField } from "@/lib/schemas/session";

export function SessionForm(props: {
  cohortId: string;
  sessionId?: string;
  timeZone: string;
  firstDay: string;
  lastDay: string;
  lectures: { slug: string; label: string }[];
  initial: Record<string, string>;
}) {
  const t = useTranslations("AdminSessions");
  const [state, action, pending] = useActionState<SessionFormState, FormData>(saveSession, {
    values: props.initial,
    errors: {},
  });
  const { form: formError, ...fieldErrors } = state.errors;
  const errorCount = Object.keys(fieldErrors).length;
  const v = state.values;
  const field = (name: TSessionField, control: (p: ControlProps) => React.ReactNode, hint?: string) => {
    const error = state.errors[name];
    return (
      <FormField
        name={name}
        label={t(`fields.${name}`)}
        hint={hint}
        error={error && t(`errors.${error}` as "errors.required")}
      >
        {control}
      </FormField>
    );
  };
  return (
    <form action={action} noValidate className="space-y-5">
      <input type="hidden" name="cohortId" value={props.cohortId} />
      {props.sessionId && <input type="hidden" name="sessionId" value={props.sessionId} />}
      {formError && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {t("errors.not-found")}
        </p>
      )}
      {errorCount > 0 && <ErrorSummary message={t("errorSummary", { count: errorCount })} result={state} />}
      {field("lectureSlug", (p) => (
        <select {...p} defaultValue={v.lectureSlug} className={input}>
          <option value="">{t("chooseLecture")}</option>
          {props.lectures.map((l) => (
            <option key={l.slug} value={l.slug}>
              {l.label}
            </option>
          ))}
        </select>
      ))}
      {field(
        "date",
        (p) => (
          <input
            {...p}
            type="date"
            min={props.firstDay}
            max={props.lastDay}
            defaultValue={v.date}
            className={`${input} max-w-56`}
          />
        ),
        t("fields.dateHint", { first: props.firstDay, last: props.lastDay }),
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        {field(
          "startTime",
          (p) => (
            <input {...p} type="time" defaultValue={v.startTime} className={input} />
          ),
          t("fields.timeHint", { zone: props.timeZone }),
        )}
        {field(
          "endTime",
          (p) => (
            <input {...p} type="time" defaultValue={v.endTime} className={input} />
          ),
          t("fields.timeHint", { zone: props.timeZone }),
        )}
      </div>
      {field(
        "joinUrl",
        (p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            defaultValue={v.joinUrl}
            placeholder="https://zoom.us/j/…"
            className={input}
          />
        ),
        t("fields.joinUrlHint"),
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("saving") : props.sessionId ? t("saveChanges") : t("add")}
      </button>
    </form>
  );
}
