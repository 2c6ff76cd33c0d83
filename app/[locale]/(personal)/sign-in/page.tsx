import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getCurrentUser } from "@/lib/auth/session";
import { redirect } from "@/lib/i18n/navigation";
import { ZReturnPath } from "@/lib/schemas/auth";
import { privatePageMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => privatePageMetadata("Auth", "signInTitle");

export default async function SignInPage({ params, searchParams }: PageProps<"/[locale]/sign-in">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations("Auth");
  const callbackUrl = ZReturnPath.parse(typeof query.callbackUrl === "string" ? query.callbackUrl : undefined);
  if (await getCurrentUser()) redirect({ href: callbackUrl, locale });
  const error = typeof query.error === "string" ? query.error : undefined;
  const retryMinutes = Math.ceil(Number(query.retryAfter ?? 0) / 60) || 0;
  const message =
    error === "Verification"
      ? t("errorVerification")
      : error === "TooManyAttempts"
        ? t("errorTooManyAttempts", { minutes: retryMinutes })
        : error
          ? t("errorGeneric")
          : undefined;
  return (
    <div className="mx-auto max-w-lg px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("signInTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("signInIntro")}</p>
      {message && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
          {message}
        </p>
      )}
      <div className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <ClientMessages namespaces={["Auth"]}>
          <SignInForm callbackUrl={callbackUrl} />
        </ClientMessages>
      </div>
    </div>
  );
}
