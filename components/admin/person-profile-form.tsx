"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { savePersonProfile, type PersonProfileState } from "@/app/[locale]/(personal)/admin/people/actions";
import {
  ErrorSummary,
  FormField,
  inputClass as input,
  type ControlProps,
  submitKeepingValues,
} from "@/components/ui/form-field";
import { nameLang } from "@/lib/domain/names";
import type { TAdminProfileField } from "@/lib/schemas/profile";

type Option = { value: string; label: string };

/** Admin: a participant's names, country, organisation, position and type of organisation. */
export function PersonProfileForm(props: {
  id: string;
  initial: PersonProfileState;
  countries: Option[];
  organisationTypes: Option[];
}) {
  const t = useTranslations("People");
  const [state, action, pending] = useActionState<PersonProfileState, FormData>(savePersonProfile, props.initial);
  // Controlled, and sent by onSubmit once hydrated, so a chosen country survives an error
  // (React resets a form after an action given as its `action`).
  const [values, setValues] = useState<Record<string, string>>(() => state.values);
  const set = (name: TAdminProfileField) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const errorCount = Object.keys(state.errors).length;
  const field = (name: TAdminProfileField, label: string, control: (p: ControlProps) => React.ReactNode) => {
    const error = state.errors[name];
    return (
      <FormField name={name} label={label} error={error && t(`profileErrors.${error}` as "profileErrors.required")}>
        {control}
      </FormField>
    );
  };
  const text = (name: TAdminProfileField, label: string, extra?: React.ComponentProps<"input">) =>
    field(name, label, (p) => (
      <input {...p} {...extra} value={values[name] ?? ""} onChange={set(name)} className={input} />
    ));
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} noValidate className="mt-3 space-y-5">
      <input type="hidden" name="id" value={props.id} />
      {errorCount > 0 && <ErrorSummary message={t("profileErrorSummary", { count: errorCount })} result={state} />}
      {errorCount === 0 && state.saved && (
        <p role="status" className="rounded-lg bg-green-50 p-3 text-green-900">
          {t("profileSaved")}
        </p>
      )}
      {text("name", t("profileFields.name"), { dir: "auto", lang: nameLang(values.name, values.country) })}
      {text("certificateName", t("profileFields.certificateName"))}
      {text("nativeName", t("profileFields.nativeName"), {
        dir: "auto",
        lang: nameLang(values.nativeName, values.country),
      })}
      {field("country", t("profileFields.country"), (p) => (
        <select {...p} value={values.country ?? ""} onChange={set("country")} className={input}>
          <option value="">{t("profileNoCountry")}</option>
          {props.countries.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ))}
      {text("organisation", t("profileFields.organisation"))}
      {text("position", t("profileFields.position"))}
      {field("organisationType", t("profileFields.organisationType"), (p) => (
        <select {...p} value={values.organisationType ?? ""} onChange={set("organisationType")} className={input}>
          <option value="">{t("profileFields.organisationTypeNone")}</option>
          {props.organisationTypes.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ))}
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("profileSaving") : t("profileSave")}
      </button>
    </form>
  );
}
