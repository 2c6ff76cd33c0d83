import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PasskeyManager } from "@/components/passkeys/passkey-manager";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listPasskeys } from "@/lib/db/passkeys";
import { privatePageMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => privatePageMetadata("Passkeys", "securityTitle");

/** An admin's passkeys: the second factor asked for after every e-mail sign-in once there is one. */
export default async function AccountSecurityPage({ params }: PageProps<"/[locale]/account/security">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const admin = await requireAdmin("/account/security");
  const t = await getTranslations("Passkeys");
  const format = await getFormatter();
  const passkeys = await listPasskeys(getDb(), admin.id);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: admin.timeZone });
  return (
    <div className="mx-auto max-w-2xl px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("securityTitle")}</h1>
      <p className="mt-2 text-stone-700">{passkeys.length ? t("introOn") : t("introOff")}</p>
      <ClientMessages namespaces={["Passkeys"]}>
        <PasskeyManager
          passkeys={passkeys.map((p) => ({
            id: p.id,
            name: p.name,
            created: when(p.createdAt),
            lastUsed: p.lastUsedAt ? when(p.lastUsedAt) : null,
          }))}
        />
      </ClientMessages>
    </div>
  );
}
