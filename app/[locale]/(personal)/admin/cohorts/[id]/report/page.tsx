import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { CohortHeader } from "@/components/admin/cohort-header";
import { DataTable } from "@/components/ui/data-table";
import { CountriesPart, Figures, TallyTable } from "@/components/admin/report-parts";
import { requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { loadCohortReport } from "@/lib/db/programme-report";
import { SMALL_WHOLE } from "@/lib/domain/programme-report";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { reportLectures } from "@/lib/reports/cohort-tables";
import { reportView } from "@/lib/reports/report-view";

export const generateMetadata = () => privatePageMetadata("Report");

const cell = "px-4 py-2 text-stone-900";
const number = `${cell} tabular-nums`;
const rowHeader = `${cell} text-start font-normal`;

/** The cohort's programme report: the figures a funder asks for, as counts, charts and tables. */
export default async function ReportPage({ params }: PageProps<"/[locale]/admin/cohorts/[id]/report">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireCohortManager(id, `/admin/cohorts/${id}/report`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const lectures = await reportLectures(getDb());
  const report = await loadCohortReport(db, cohort.id, lectures);
  const v = await reportView(report, lectures, { locale, timeZone: cohort.timeZone });
  const { t } = v;
  const downloads = [
    [`/api/admin/cohorts/${cohort.id}/report.pdf`, t("downloadPdf")],
    [`/api/admin/cohorts/${cohort.id}/report.xlsx`, t("downloadWorkbook")],
  ];
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="report" />
      <p className="mt-6 max-w-3xl text-stone-700">{t("intro", { small: SMALL_WHOLE })}</p>
      <ul className="mt-3 space-y-1">
        {downloads.map(([href, label]) => (
          <li key={href}>
            <a href={href} download className="font-medium text-brand-700 underline">
              {label}
            </a>
          </li>
        ))}
      </ul>

      <section aria-labelledby="funnel-title" className="mt-8">
        <h2 id="funnel-title" className="text-xl font-semibold text-stone-900">
          {t("funnelTitle")}
        </h2>
        <Figures figures={v.figures} className="sm:grid-cols-3 lg:grid-cols-5" />
        <p className="mt-2 text-sm text-stone-600">{t("funnelHelp")}</p>
      </section>

      <CountriesPart rows={v.countries} count={v.countryCount} series={v.peopleSeries} />

      <section aria-labelledby="organisation-types-title" className="mt-10">
        <h2 id="organisation-types-title" className="text-xl font-semibold text-stone-900">
          {t("organisationTypesTitle")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t("organisationTypesHelp")}</p>
        {v.organisationTypes.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("nobody")}</p>
        ) : (
          <TallyTable rows={v.organisationTypes} headers={[t("organisationType"), t("people"), t("shareHeader")]} />
        )}
      </section>

      <section aria-labelledby="positions-title" className="mt-10">
        <h2 id="positions-title" className="text-xl font-semibold text-stone-900">
          {t("positionsTitle")}
        </h2>
        {v.positions.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("nobody")}</p>
        ) : (
          <TallyTable rows={v.positions} headers={[t("position"), t("people"), t("shareHeader")]} />
        )}
      </section>

      <section aria-labelledby="attendance-title" className="mt-10">
        <h2 id="attendance-title" className="text-xl font-semibold text-stone-900">
          {t("attendanceTitle")}
        </h2>
        {v.sessions.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("noSessions")}</p>
        ) : (
          <>
            <BarChart
              title={t("attendanceChart")}
              series={v.attendanceSeries}
              rows={v.sessions.map((s) => ({ label: s.label, values: s.counts }))}
            />
            <h3 className="mt-6 font-semibold text-stone-900">{t("attendanceTrendTitle")}</h3>
            <LineChart
              title={t("attendanceTrendChart")}
              points={v.sessions.map((s) => ({
                key: s.id,
                label: s.label,
                value: s.attended.of === 0 ? 0 : s.attended.count / s.attended.of,
                text: s.attendedText,
              }))}
            />
            <DataTable
              className="mt-4"
              headers={[t("sessionNumber"), t("session"), ...v.attendanceSeries.map((s) => s.label), t("attended")]}
            >
              {v.sessions.map((s, i) => (
                <tr key={s.id}>
                  <td className={number}>{i + 1}</td>
                  <th scope="row" className={rowHeader}>
                    {s.label}
                  </th>
                  {v.attendanceSeries.map((a) => (
                    <td key={a.key} className={number}>
                      {s.counts[a.key as keyof typeof s.counts]}
                    </td>
                  ))}
                  <td className={number}>{s.attendedText}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </section>

      <section aria-labelledby="quizzes-title" className="mt-10">
        <h2 id="quizzes-title" className="text-xl font-semibold text-stone-900">
          {t("quizzesTitle")}
        </h2>
        <DataTable
          className="mt-4"
          headers={[t("lecture"), t("took"), t("passed"), t("passRate"), t("average"), t("hardest")]}
        >
          {v.quizzes.map((q) => (
            <tr key={q.slug}>
              <th scope="row" className={rowHeader}>
                {q.label}
              </th>
              <td className={number}>{q.attempted}</td>
              <td className={number}>{q.passed}</td>
              <td className={number}>{q.passRate}</td>
              <td className={number}>{q.average}</td>
              <td className={cell}>
                {q.hardest.length === 0 ? (
                  "—"
                ) : (
                  <ol className="list-decimal space-y-1 ps-5">
                    {q.hardest.map((h) => (
                      <li key={h.id}>
                        {h.prompt} <span className="text-stone-700">({h.right})</span>
                      </li>
                    ))}
                  </ol>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="certificates-title" className="mt-10">
        <h2 id="certificates-title" className="text-xl font-semibold text-stone-900">
          {t("certificatesTitle")}
        </h2>
        <Figures figures={v.certificates} className="grid-cols-2 sm:grid-cols-4" />
      </section>
    </div>
  );
}
