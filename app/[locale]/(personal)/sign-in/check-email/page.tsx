import { getTranslations, setRequestLocale } from "next-intl/server";
import { CODE_TRIES, SIGN_IN_MINUTES } from "@/lib/auth/codes";
import { Link } from "@/lib/i18n/navigation";
import { ZReturnPath } from "@/lib/schemas/auth";
import { privatePageMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => privatePageMetadata("Auth", "checkTitle");

// The code form posts to /api/sign-in/code, which checks the code (with its tries) and
// signs the person in; the link in the e-mail goes to Auth.js's callback.
export default async function CheckEmailPage({ params, searchParams }: PageProps<"/[locale]/sign-in/check-email">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations("Auth");
  const email = typeof query.email === "string" ? query.email : "";
  const callbackUrl = ZReturnPath.parse(typeof query.callbackUrl === "string" ? query.callbackUrl : undefined);
  const error = typeof query.error === "string" ? query.error : undefined;
  const retryMinutes = Math.ceil(Number(query.retryAfter ?? 0) / 60) || 0;
  const triesLeft = Number(query.triesLeft);
  // A mistake in the code itself is told beside the field; the others concern the whole sign-in.
  const codeError =
    error === "WrongCode"
      ? Number.isInteger(triesLeft) && triesLeft > 0 && triesLeft < CODE_TRIES
        ? t("errorWrongCode", { count: triesLeft })
        : t("errorWrongCodeRetry")
      : error === "CodeFormat"
        ? t("errorCodeFormat")
        : undefined;
  const message =
    error === "TooManyAttempts"
      ? t("errorTooManyAttempts", { minutes: retryMinutes })
      : error === "Verification"
        ? t("errorVerification")
        : error && !codeError
          ? t("errorGeneric")
          : undefined;
  return (
    <div className="mx-auto max-w-lg px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("checkTitle")}</h1>
      <p className="mt-2 text-stone-700 wrap-anywhere">
        {t("checkIntro", { email: email || "…", minutes: SIGN_IN_MINUTES })}
      </p>
      {message && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
          {message}
        </p>
      )}
      <form
        method="post"
        action="/api/sign-in/code"
        noValidate
        className="mt-8 space-y-4 rounded-xl border border-stone-200 bg-white p-6"
      >
        <p className="text-stone-800">{t("checkLink")}</p>
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <div>
          <label htmlFor="code" className="block font-medium text-stone-900">
            {t("codeLabel")}
          </label>
          <input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus={Boolean(codeError)}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? "code-error" : undefined}
            className="mt-2 block w-48 rounded-lg border border-stone-400 bg-white px-3 py-2 text-2xl tracking-widest text-stone-900 tabular-nums aria-invalid:border-red-700"
          />
          {codeError && (
            <p id="code-error" role="alert" className="mt-2 font-medium text-red-800">
              {codeError}
            </p>
          )}
        </div>
        <button type="submit" className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800">
          {t("codeSubmit")}
        </button>
      </form>
      <p className="mt-6 text-sm text-stone-700">
        {t("checkSpam")}{" "}
        <Link href={{ pathname: "/sign-in", query: { callbackUrl } }} className="font-medium text-brand-700 underline">
          {t("tryAgain")}
        </Link>
        .
      </p>
    </div>
  );
}
