import { getTranslations, setRequestLocale } from "next-intl/server";
import { SIGN_IN_MINUTES } from "@/lib/auth/codes";
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
  const message =
    error === "WrongCode"
      ? t("errorWrongCode")
      : error === "TooManyAttempts"
        ? t("errorTooManyAttempts", { minutes: retryMinutes })
        : error === "Verification"
          ? t("errorVerification")
          : error
            ? t("errorGeneric")
            : undefined;
  return (
    <div className="mx-auto max-w-lg px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("checkTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("checkIntro", { email: email || "…", minutes: SIGN_IN_MINUTES })}</p>
      {message && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
          {message}
        </p>
      )}
      <form
        method="post"
        action="/api/sign-in/code"
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
            pattern="[0-9 \-]{6,8}"
            required
            className="mt-2 block w-48 rounded-lg border border-stone-400 bg-white px-3 py-2 text-2xl tracking-widest text-stone-900 tabular-nums"
          />
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
