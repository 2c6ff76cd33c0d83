"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { saveProfile, type ProfileState } from "@/app/[locale]/(personal)/profile/actions";
import { OldNamesNotice } from "@/components/profile/old-names-notice";
import {
  ErrorSummary,
  FormField,
  inputClass as input,
  type ControlProps,
  submitKeepingValues,
} from "@/components/ui/form-field";
import { nameLang } from "@/lib/domain/names";
import type { TProfileField } from "@/lib/schemas/profile";
import { currentZoneName } from "@/lib/domain/time-zones";

type Option = { value: string; label: string };

export function ProfileForm(props: {
  /** The kinds of organisation, labelled (optional to choose). */
  organisationTypes: Option[];
  /** The organisers' address, for a certificate to be reissued with a new name. */
  contactEmail: string;
  initial: ProfileState;
  countries: Option[];
  timeZones: string[];
  callbackUrl: string;
}) {
  const t = useTranslations("Profile");
  const [state, action, pending] = useActionState<ProfileState, FormData>(saveProfile, props.initial);
  // React resets a form after an action given as its `action`, which puts a select back on
  // the option it was first rendered with (a chosen country and a suggested time zone were
  // lost after any error, and saved wrong the next time). Once hydrated, the form sends
  // itself (see onSubmit) and keeps every control as entered; before, the browser posts it.
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...state.values,
    timeZone: state.values.timeZone || "UTC",
  }));
  const set = (name: TProfileField) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const errorCount = Object.keys(state.errors).length;

  // Suggest the device's time zone when none is saved yet (only in the browser: the
  // server does not know it).
  const savedZone = props.initial.values.timeZone;
  useEffect(() => {
    if (savedZone) return;
    // Browsers may name it by a former name (Asia/Calcutta): the list has today's.
    const detected = currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the device's zone is known only after hydration
    if (props.timeZones.includes(detected)) setValues((v) => ({ ...v, timeZone: detected }));
  }, [savedZone, props.timeZones]);

  const field = (name: TProfileField, label: string, control: (p: ControlProps) => React.ReactNode, hint?: string) => {
    const error = state.errors[name];
    return (
      <FormField name={name} label={label} hint={hint} error={error && t(`errors.${error}` as "errors.required")}>
        {control}
      </FormField>
    );
  };
  const text = (name: TProfileField, label: string, hint?: string, extra?: React.ComponentProps<"input">) =>
    field(
      name,
      label,
      (p) => <input {...p} {...extra} value={values[name] ?? ""} onChange={set(name)} className={input} />,
      hint,
    );

  return (
    <form action={action} onSubmit={submitKeepingValues(action)} noValidate className="space-y-5">
      <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
      {errorCount > 0 && <ErrorSummary message={t("errorSummary", { count: errorCount })} result={state} />}
      {errorCount === 0 && (state.saved || (state.oldNames?.length ?? 0) > 0) && (
        <OldNamesNotice
          saved={state.saved ?? false}
          certificates={state.oldNames ?? []}
          country={values.country}
          contactEmail={props.contactEmail}
        />
      )}
      <p className="text-sm text-stone-600">{t("required")}</p>
      {text("name", t("name"), t("nameHint"), {
        autoComplete: "name",
        dir: "auto",
        lang: nameLang(values.name, values.country),
      })}
      {text("certificateName", t("certificateName"), t("certificateNameHint"))}
      {text("nativeName", t("nativeName"), t("nativeNameHint"), {
        dir: "auto",
        lang: nameLang(values.nativeName, values.country),
      })}
      {field("country", t("country"), (p) => (
        <select {...p} value={values.country ?? ""} onChange={set("country")} autoComplete="country" className={input}>
          <option value="">{t("chooseCountry")}</option>
          {props.countries.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ))}
      {text("organisation", t("organisation"), undefined, { autoComplete: "organization" })}
      {text("position", t("position"), undefined, { autoComplete: "organization-title" })}
      {field(
        "organisationType",
        t("organisationType"),
        (p) => (
          <select {...p} value={values.organisationType ?? ""} onChange={set("organisationType")} className={input}>
            <option value="">{t("organisationTypeNone")}</option>
            {props.organisationTypes.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ),
        t("organisationTypeHint"),
      )}
      {field(
        "timeZone",
        t("timeZone"),
        (p) => (
          <select {...p} value={values.timeZone} onChange={set("timeZone")} className={input}>
            {props.timeZones.map((tz) => (
              <option key={tz} value={tz}>
                {tz.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        ),
        t("timeZoneHint"),
      )}
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
