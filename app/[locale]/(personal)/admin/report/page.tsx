import { setRequestLocale } from "next-intl/server";
import { CountriesPart, Figures } from "@/components/admin/report-parts";
import { DataTable } from "@/components/ui/data-table";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadProgrammeReport } from "@/lib/db/programme-report";
import { SMALL_WHOLE } from "@/lib/domain/programme-report";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { reportLectures } from "@/lib/reports/cohort-tables";
import { programmeView } from "@/lib/reports/report-view";

export const generateMetadata = () => privatePageMetadata("Report", "programmeTitle");

const cell = "px-4 py-2 text-stone-900 tabular-nums";

/** The programme's report across its cohorts: each cohort's figures, the totals, and where people come from. */
export default async function ProgrammeReportPage({ params }: PageProps<"/[locale]/admin/report">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireAdmin("/admin/report");
  const report = await loadProgrammeReport(getDb(), await reportLectures(getDb()));
  const v = await programmeView(report, locale);
  const { t } = v;
  const headers = [
    t("cohort"),
    t("funnel.enrolled"),
    t("funnel.active"),
    t("funnel.completed"),
    t("funnel.certified"),
    t("sessionsHeld"),
    t("attended"),
  ];
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("programmeTitle")}</h1>
      <p className="mt-2 max-w-3xl text-stone-700">{t("programmeIntro", { small: SMALL_WHOLE })}</p>

      <section aria-labelledby="funnel-title" className="mt-8">
        <h2 id="funnel-title" className="text-xl font-semibold text-stone-900">
          {t("funnelTitle")}
        </h2>
        <Figures figures={v.figures} className="sm:grid-cols-3 lg:grid-cols-5" />
        <p className="mt-2 text-sm text-stone-600">{t("programmePeople", { count: v.people })}</p>
      </section>

      <section aria-labelledby="cohorts-title" className="mt-10">
        <h2 id="cohorts-title" className="text-xl font-semibold text-stone-900">
          {t("cohortsTitle")}
        </h2>
        {v.cohorts.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("noCohorts")}</p>
        ) : (
          <DataTable className="mt-4" headers={headers}>
            {v.cohorts.map((c) => (
              <tr key={c.id}>
                <th scope="row" className="px-4 py-2 text-start font-normal text-stone-900">
                  <Link href={`/admin/cohorts/${c.id}/report`} className="font-medium text-brand-700 underline">
                    {c.name}
                  </Link>
                  <span className="block text-sm text-stone-600">
                    {c.dates}
                    {c.archived && ` · ${t("archived")}`}
                  </span>
                </th>
                {c.cells.map((value, i) => (
                  <td key={headers[i + 1]} className={cell}>
                    {value}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="bg-stone-50 font-semibold">
              <th scope="row" className="px-4 py-2 text-start text-stone-900">
                {t("allCohorts")}
              </th>
              {v.totals.map((value, i) => (
                <td key={headers[i + 1]} className={cell}>
                  {value}
                </td>
              ))}
            </tr>
          </DataTable>
        )}
      </section>

      <CountriesPart rows={v.countries} count={v.countryCount} series={v.peopleSeries} />
    </div>
  );
}
