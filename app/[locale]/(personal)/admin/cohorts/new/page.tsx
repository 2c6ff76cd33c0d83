import { getTranslations, setRequestLocale } from "next-intl/server";
import { CohortForm } from "@/components/admin/cohort-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireAdmin } from "@/lib/auth/session";
import { Link } from "@/lib/i18n/navigation";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { timeZoneChoices } from "@/lib/domain/time-zones";

export const generateMetadata = () => privatePageMetadata("AdminCohorts", "newTitle");

export default async function NewCohortPage({ params }: PageProps<"/[locale]/admin/cohorts/new">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireAdmin("/admin/cohorts/new");
  const t = await getTranslations("AdminCohorts");
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <p>
        <Link href="/admin/cohorts" className="text-sm font-medium text-brand-700 underline">
          {t("backToList")}
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold text-stone-900">{t("newTitle")}</h1>
      <div className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <ClientMessages namespaces={["AdminCohorts"]}>
          <CohortForm initial={{ timeZone: "UTC", enrolmentMode: "OPEN" }} timeZones={timeZoneChoices()} />
        </ClientMessages>
      </div>
    </div>
  );
}
