"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";

export function ErrorContent({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Error");
  useEffect(() => console.error(error), [error]);
  return (
    <div role="alert" className="mx-auto max-w-2xl px-4 py-20 text-center sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-4 text-stone-700">{t("body")}</p>
      {error.digest && <p className="mt-2 text-sm text-stone-600">{t("reference", { digest: error.digest })}</p>}
      <button
        type="button"
        onClick={reset}
        className="mt-8 rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
      >
        {t("retry")}
      </button>
    </div>
  );
}
