import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PasskeyCheck } from "@/components/passkeys/passkey-check";
import { passkeyCheckPending } from "@/lib/auth/passkeys-gate";
import { requireUser } from "@/lib/auth/session";
import { redirect } from "@/lib/i18n/navigation";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { ZReturnPath } from "@/lib/schemas/auth";

export const generateMetadata = () => privatePageMetadata("Passkeys", "checkTitle");

/** The passkey step: an admin who has a passkey uses it here after the e-mail sign-in. */
export default async function PasskeyCheckPage({ params, searchParams }: PageProps<"/[locale]/sign-in/passkey">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const callbackUrl = ZReturnPath.parse(typeof query.callbackUrl === "string" ? query.callbackUrl : undefined);
  const user = await requireUser(`/sign-in/passkey?${new URLSearchParams({ callbackUrl })}`);
  if (!(await passkeyCheckPending(user.id, user.role))) redirect({ href: callbackUrl, locale });
  const t = await getTranslations("Passkeys");
  return (
    <div className="mx-auto max-w-lg px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("checkTitle")}</h1>
      <p className="mt-2 text-stone-700 wrap-anywhere">{t("checkIntro", { email: user.email })}</p>
      <div className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <ClientMessages namespaces={["Passkeys"]}>
          <PasskeyCheck callbackUrl={callbackUrl} />
        </ClientMessages>
      </div>
    </div>
  );
}
