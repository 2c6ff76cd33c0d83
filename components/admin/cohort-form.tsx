"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { saveCohort, type CohortFormState } from "@/app/[locale]/(personal)/admin/cohorts/actions";
import { ErrorSummary, FormField, inputClass as input, type ControlProps } from "@/components/ui/form-field";
import type { TCohortField } from "@/lib/schemas/cohort";
import { currentZoneName } from "@/lib/domain/time-zones";

const MODES = ["OPEN", "APPROVAL", "INVITE_ONLY"] as const;

export function CohortForm({
  id,
  initial,
  timeZones,
}: {
  id?: string;
  initial: Record<string, string>;
  timeZones: string[];
}) {
  const t = useTranslations("AdminCohorts");
  const [state, action, pending] = useActionState<CohortFormState, FormData>(saveCohort, {
    values: initial,
    errors: {},
  });
  const errorCount = Object.keys(state.errors).length;

  const field = (name: TCohortField, control: (p: ControlProps) => React.ReactNode, hint?: string) => {
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
  const v = state.values;

  return (
    <form action={action} noValidate className="space-y-5">
      {id && <input type="hidden" name="id" value={id} />}
      {errorCount > 0 && <ErrorSummary message={t("errorSummary", { count: errorCount })} result={state} />}
      {field("name", (p) => (
        <input {...p} defaultValue={v.name} className={input} />
      ))}
      {field(
        "slug",
        (p) => (
          <input {...p} defaultValue={v.slug} className={input} />
        ),
        t("fields.slugHint"),
      )}
      {field("description", (p) => (
        <textarea {...p} defaultValue={v.description} rows={4} className={input} />
      ))}
      {field(
        "timeZone",
        (p) => (
          <select {...p} defaultValue={currentZoneName(v.timeZone || "UTC")} className={input}>
            {timeZones.map((tz) => (
              <option key={tz} value={tz}>
                {tz.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        ),
        t("fields.timeZoneHint"),
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        {field("startsOn", (p) => (
          <input {...p} type="date" defaultValue={v.startsOn} className={input} />
        ))}
        {field("endsOn", (p) => (
          <input {...p} type="date" defaultValue={v.endsOn} className={input} />
        ))}
      </div>
      <p id="window-hint" className="text-sm text-stone-600">
        {t("fields.windowHint")}
      </p>
      <div className="grid gap-5 sm:grid-cols-2">
        {field("enrolmentOpensAt", (p) => (
          <input {...p} type="datetime-local" defaultValue={v.enrolmentOpensAt} className={input} />
        ))}
        {field("enrolmentClosesAt", (p) => (
          <input {...p} type="datetime-local" defaultValue={v.enrolmentClosesAt} className={input} />
        ))}
      </div>
      {field(
        "capacity",
        (p) => (
          <input
            {...p}
            type="number"
            min={1}
            inputMode="numeric"
            defaultValue={v.capacity}
            className={`${input} max-w-40`}
          />
        ),
        t("fields.capacityHint"),
      )}
      <fieldset>
        <legend className="font-medium text-stone-900">{t("fields.enrolmentMode")}</legend>
        <div className="mt-2 space-y-2">
          {MODES.map((mode) => (
            <label key={mode} className="flex items-start gap-2 text-stone-800">
              <input
                type="radio"
                name="enrolmentMode"
                value={mode}
                defaultChecked={(v.enrolmentMode || "OPEN") === mode}
                className="mt-1"
              />
              {t(`modes.${mode}`)}
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
