"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { saveProfile, type ProfileState } from "@/app/[locale]/profile/actions";
import { ErrorSummary, FormField, inputClass as input, type ControlProps } from "@/components/ui/form-field";
import type { TProfileField } from "@/lib/schemas/profile";

type Option = { value: string; label: string };

export function ProfileForm(props: {
  initial: Record<string, string>;
  countries: Option[];
  timeZones: string[];
  callbackUrl: string;
}) {
  const t = useTranslations("Profile");
  const [state, action, pending] = useActionState<ProfileState, FormData>(saveProfile, {
    values: props.initial,
    errors: {},
  });
  const tzRef = useRef<HTMLSelectElement>(null);
  const errorCount = Object.keys(state.errors).length;

  // Suggest the device's time zone when none is saved yet.
  useEffect(() => {
    if (tzRef.current && !props.initial.timeZone) {
      const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (props.timeZones.includes(detected)) tzRef.current.value = detected;
    }
  }, [props.initial.timeZone, props.timeZones]);

  const field = (name: TProfileField, label: string, control: (p: ControlProps) => React.ReactNode, hint?: string) => {
    const error = state.errors[name];
    return (
      <FormField name={name} label={label} hint={hint} error={error && t(`errors.${error}` as "errors.required")}>
        {control}
      </FormField>
    );
  };
  const text = (name: TProfileField, label: string, hint?: string, autoComplete?: string) =>
    field(
      name,
      label,
      (p) => <input {...p} defaultValue={state.values[name]} autoComplete={autoComplete} className={input} />,
      hint,
    );

  return (
    <form action={action} noValidate className="space-y-5">
      <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
      {errorCount > 0 && <ErrorSummary message={t("errorSummary", { count: errorCount })} result={state} />}
      <p className="text-sm text-stone-600">{t("required")}</p>
      {text("name", t("name"), t("nameHint"), "name")}
      {text("certificateName", t("certificateName"), t("certificateNameHint"))}
      {text("nativeName", t("nativeName"), t("nativeNameHint"))}
      {field("country", t("country"), (p) => (
        <select {...p} defaultValue={state.values.country ?? ""} autoComplete="country" className={input}>
          <option value="">{t("chooseCountry")}</option>
          {props.countries.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ))}
      {text("organisation", t("organisation"), undefined, "organization")}
      {text("position", t("position"), undefined, "organization-title")}
      {field(
        "timeZone",
        t("timeZone"),
        (p) => (
          <select {...p} ref={tzRef} defaultValue={state.values.timeZone || "UTC"} className={input}>
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
