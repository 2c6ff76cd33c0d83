import { getTranslations, setRequestLocale } from "next-intl/server";
import { SIGN_IN_MINUTES } from "@/lib/auth/codes";
import { Link } from "@/lib/i18n/navigation";
import { ZReturnPath } from "@/lib/schemas/auth";
import { privatePageMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => privatePageMetadata("Auth", "checkTitle");

// The code form goes straight to Auth.js's callback, as the link in the e-mail does.
export default async function CheckEmailPage({ params, searchParams }: PageProps<"/[locale]/sign-in/check-email">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations("Auth");
  const email = typeof query.email === "string" ? query.email : "";
  const callbackUrl = ZReturnPath.parse(typeof query.callbackUrl === "string" ? query.callbackUrl : undefined);
  return (
    <div className="mx-auto max-w-lg px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("checkTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("checkIntro", { email: email || "…", minutes: SIGN_IN_MINUTES })}</p>
      <form
        method="get"
        action="/api/auth/callback/nodemailer"
        className="mt-8 space-y-4 rounded-xl border border-stone-200 bg-white p-6"
      >
        <p className="text-stone-800">{t("checkLink")}</p>
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <div>
          <label htmlFor="token" className="block font-medium text-stone-900">
            {t("codeLabel")}
          </label>
          <input
            id="token"
            name="token"
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
