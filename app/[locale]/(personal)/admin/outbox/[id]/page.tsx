import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getOutboundEmail } from "@/lib/db/outbox";
import { Link } from "@/lib/i18n/navigation";
import { maskSignInSecrets } from "@/lib/mail/sign-in-email";

export default async function OutboxEmailPage({ params }: PageProps<"/[locale]/admin/outbox/[id]">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const admin = await requireAdmin(`/admin/outbox/${id}`);
  const stored = await getOutboundEmail(getDb(), id);
  if (!stored) notFound();
  // Sign-in codes and link tokens are never shown: an admin cannot sign in as someone else.
  const email = maskSignInSecrets(stored);
  const t = await getTranslations("Outbox");
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <p>
        <Link href="/admin/outbox" className="text-sm font-medium text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-bold text-stone-900">{email.subject}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-stone-600">{t("to")}</dt>
        <dd className="text-stone-900">{email.to}</dd>
        <dt className="text-stone-600">{t("sent")}</dt>
        <dd className="text-stone-900">
          {format.dateTime(email.createdAt, { dateStyle: "medium", timeStyle: "long", timeZone: admin.timeZone })}
        </dd>
      </dl>
      <pre className="mt-6 overflow-x-auto rounded-xl border border-stone-200 bg-white p-5 text-sm whitespace-pre-wrap text-stone-900">
        {email.text}
      </pre>
    </div>
  );
}
