"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { requestSignIn, type SignInState } from "@/app/[locale]/(personal)/sign-in/actions";
import { CONTROL } from "@/components/ui/control-classes";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("Auth");
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignIn, { email: "" });
  const error =
    state.error === "invalidEmail"
      ? t("invalidEmail")
      : state.error === "rateLimited"
        ? t("rateLimited", { minutes: Math.ceil((state.retryAfterSeconds ?? 60) / 60) })
        : undefined;
  return (
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block font-medium text-stone-900">
          {t("emailLabel")}
        </label>
        <p id="email-hint" className="text-sm text-stone-600">
          {t("emailHint")}
        </p>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "email-hint email-error" : "email-hint"}
          className={`mt-2 block w-full ${CONTROL} aria-invalid:border-red-700`}
        />
        {error && (
          <p id="email-error" role="alert" className="mt-2 text-sm font-medium text-red-800">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("sending") : t("submit")}
      </button>
    </form>
  );
}
