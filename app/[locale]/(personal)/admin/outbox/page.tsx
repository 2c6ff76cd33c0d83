import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listOutbox } from "@/lib/db/outbox";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { maskSignInSecrets } from "@/lib/mail/sign-in-email";

export const generateMetadata = () => privatePageMetadata("Outbox");

export default async function OutboxPage({ params }: PageProps<"/[locale]/admin/outbox">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const admin = await requireAdmin("/admin/outbox");
  const t = await getTranslations("Outbox");
  const format = await getFormatter();
  // Sign-in codes and link tokens are never shown: an admin cannot sign in as someone else.
  const emails = (await listOutbox(getDb(), { take: 100 })).map(maskSignInSecrets);
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      {emails.length === 0 ? (
        <p className="mt-8 text-stone-700">{t("empty")}</p>
      ) : (
        <DataTable className="mt-8" headers={[t("sent"), t("to"), t("subject"), t("transport")]}>
          {emails.map((e) => (
            <tr key={e.id}>
              <td className="px-4 py-2 whitespace-nowrap text-stone-700">
                {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: admin.timeZone })}
              </td>
              <td className="px-4 py-2 text-stone-900">{e.to}</td>
              <td className="px-4 py-2">
                <Link href={`/admin/outbox/${e.id}`} className="font-medium text-brand-700 underline">
                  {e.subject}
                </Link>
              </td>
              <td className="px-4 py-2 text-stone-700">
                {e.error ? t("failed", { error: e.error }) : t("transportValue", { transport: e.transport })}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
