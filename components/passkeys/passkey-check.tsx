"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { beginPasskeyCheck, finishPasskeyCheck } from "@/app/[locale]/(personal)/sign-in/passkey/actions";

/** The passkey step's button: the browser's passkey prompt, then the server's check. */
export function PasskeyCheck({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("Passkeys");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function check() {
    setBusy(true);
    setError(undefined);
    try {
      const begun = await beginPasskeyCheck();
      if (!begun.ok) {
        if (begun.error === "not-needed") window.location.assign(callbackUrl);
        else setError(t("checkFailed"));
        return;
      }
      const answer = await startAuthentication({ optionsJSON: begun.options });
      const result = await finishPasskeyCheck(answer);
      if (result.ok || result.error === "not-needed") window.location.assign(callbackUrl);
      else setError(t("checkFailed"));
    } catch {
      // The prompt was dismissed, timed out, or no passkey of this account is on this device.
      setError(t("checkCancelled"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <p className="text-stone-800">{t("checkHint")}</p>
      <button
        type="button"
        onClick={check}
        disabled={busy}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {busy ? t("checking") : t("checkButton")}
      </button>
      {error && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
          {error}
        </p>
      )}
    </div>
  );
}
