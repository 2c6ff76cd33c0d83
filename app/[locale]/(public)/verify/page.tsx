import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { verifyCodeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Verify");
  return { title: t("title") };
}

/** Anyone: type a certificate's code to check it. */
export default async function VerifyFormPage({ params, searchParams }: PageProps<"/[locale]/verify">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Verify");
  const invalid = (await searchParams).invalid === "1";
  return (
    <div className="mx-auto max-w-xl px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      {invalid && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
          {t("invalidCode")}
        </p>
      )}
      <form action={verifyCodeAction} className="mt-6 space-y-4">
        <div>
          <label htmlFor="code" className="block font-medium text-stone-900">
            {t("codeLabel")}
          </label>
          <p id="code-hint" className="text-sm text-stone-600">
            {t("codeHint")}
          </p>
          <input
            id="code"
            name="code"
            required
            maxLength={40}
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby="code-hint"
            aria-invalid={invalid || undefined}
            className="mt-1 block w-full max-w-xs rounded-lg border border-stone-400 bg-white px-3 py-2 font-mono text-lg uppercase tracking-wider text-stone-900"
          />
        </div>
        <button type="submit" className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800">
          {t("check")}
        </button>
      </form>
    </div>
  );
}
