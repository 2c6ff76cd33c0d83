import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { CohortForm } from "@/components/admin/cohort-form";
import { cohortFormValues } from "@/components/admin/cohort-values";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { Link } from "@/lib/i18n/navigation";
import { privatePageMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => privatePageMetadata("AdminCohorts");

export default async function EditCohortPage({ params }: PageProps<"/[locale]/admin/cohorts/[id]">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireAdmin(`/admin/cohorts/${id}`);
  const cohort = await getCohortForAdmin(getDb(), id);
  if (!cohort) notFound();
  const t = await getTranslations("AdminCohorts");
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <p><Link href="/admin/cohorts" className="text-sm font-medium text-brand-700 underline">{t("backToList")}</Link></p>
      <h1 className="mt-4 text-3xl font-bold text-stone-900">{t("editTitle", { name: cohort.name })}</h1>
      {cohort.archivedAt && <p className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900">{t("archived")}</p>}
      <div className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <CohortForm id={cohort.id} initial={cohortFormValues(cohort)} timeZones={["UTC", ...Intl.supportedValuesOf("timeZone")]} />
      </div>
    </div>
  );
}
