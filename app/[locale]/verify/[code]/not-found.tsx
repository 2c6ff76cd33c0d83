import { getTranslations } from "next-intl/server";
import { UnknownCode } from "@/components/verify/unknown-code";
import { Link } from "@/lib/i18n/navigation";

// An unknown code is a 404, and Next.js stores no page for it (lib/http/page-cache-handler.cjs).
export default async function UnknownCertificate() {
  const t = await getTranslations("Verify");
  return (
    <div className="mx-auto max-w-2xl px-4 py-14 sm:px-6">
      <title>{t("resultTitle")}</title>
      <h1 className="text-3xl font-bold text-stone-900">{t("resultTitle")}</h1>
      <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
        <UnknownCode template={t.raw("notFound") as string} />
      </p>
      <p className="mt-6">
        <Link href="/verify" className="font-medium text-brand-700 underline">
          {t("tryAnother")}
        </Link>
      </p>
    </div>
  );
}
