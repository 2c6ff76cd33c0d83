"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { saveProfile, type ProfileState } from "@/app/[locale]/profile/actions";
import type { TProfileField } from "@/lib/schemas/profile";

type Option = { value: string; label: string };

const input =
  "mt-1 block w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-stone-900 aria-invalid:border-red-700";

export function ProfileForm(props: { initial: Record<string, string>; countries: Option[]; timeZones: string[]; callbackUrl: string }) {
  const t = useTranslations("Profile");
  const [state, action, pending] = useActionState<ProfileState, FormData>(saveProfile, { values: props.initial, errors: {} });
  const tzRef = useRef<HTMLSelectElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errorCount = Object.keys(state.errors).length;

  // Suggest the device's time zone when none is saved yet.
  useEffect(() => {
    if (tzRef.current && !props.initial.timeZone) {
      const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (props.timeZones.includes(detected)) tzRef.current.value = detected;
    }
  }, [props.initial.timeZone, props.timeZones]);
  useEffect(() => {
    if (errorCount) summaryRef.current?.focus();
  }, [state, errorCount]);

  const field = (name: TProfileField, label: string, control: (describedBy: string | undefined, invalid: boolean) => React.ReactNode, hint?: string) => {
    const error = state.errors[name];
    const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(" ") || undefined;
    return (
      <div>
        <label htmlFor={name} className="block font-medium text-stone-900">{label}</label>
        {hint && <p id={`${name}-hint`} className="text-sm text-stone-600">{hint}</p>}
        {control(describedBy, Boolean(error))}
        {error && <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-800">{t(`errors.${error}` as "errors.required")}</p>}
      </div>
    );
  };
  const text = (name: TProfileField, label: string, hint?: string, autoComplete?: string) =>
    field(name, label, (describedBy, invalid) => (
      <input id={name} name={name} defaultValue={state.values[name]} autoComplete={autoComplete} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={input} />
    ), hint);

  return (
    <form action={action} noValidate className="space-y-5">
      <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
      {errorCount > 0 && (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
          {t("errorSummary", { count: errorCount })}
        </div>
      )}
      <p className="text-sm text-stone-600">{t("required")}</p>
      {text("name", t("name"), t("nameHint"), "name")}
      {text("certificateName", t("certificateName"), t("certificateNameHint"))}
      {text("nativeName", t("nativeName"), t("nativeNameHint"))}
      {field("country", t("country"), (describedBy, invalid) => (
        <select id="country" name="country" defaultValue={state.values.country ?? ""} autoComplete="country" aria-describedby={describedBy} aria-invalid={invalid || undefined} className={input}>
          <option value="">{t("chooseCountry")}</option>
          {props.countries.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      ))}
      {text("organisation", t("organisation"), undefined, "organization")}
      {text("position", t("position"), undefined, "organization-title")}
      {field("timeZone", t("timeZone"), (describedBy, invalid) => (
        <select ref={tzRef} id="timeZone" name="timeZone" defaultValue={state.values.timeZone || "UTC"} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={input}>
          {props.timeZones.map((tz) => <option key={tz} value={tz}>{tz.replaceAll("_", " ")}</option>)}
        </select>
      ), t("timeZoneHint"))}
      <button type="submit" disabled={pending} className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
