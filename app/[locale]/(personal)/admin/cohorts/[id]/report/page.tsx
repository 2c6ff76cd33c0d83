import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { BarChart, type BarSeries } from "@/components/charts/bar-chart";
import { CohortHeader } from "@/components/admin/cohort-header";
import { DataTable } from "@/components/ui/data-table";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { loadCohortReport } from "@/lib/db/programme-report";
import { share, SMALL_WHOLE, type Share, type Tally } from "@/lib/domain/programme-report";
import { countryName } from "@/lib/i18n/format";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { reportLectures } from "@/lib/reports/cohort-tables";

export const generateMetadata = () => privatePageMetadata("Report");

const ATTENDANCE: readonly BarSeries[] = [
  { key: "PRESENT", label: "present", color: "#15803d" },
  { key: "LATE", label: "late", color: "#b45309" },
  { key: "EXCUSED", label: "excused", color: "#0369a1" },
  { key: "ABSENT", label: "absent", color: "#b91c1c" },
  { key: "unmarked", label: "unmarked", color: "#78716c" },
];
const PEOPLE: readonly BarSeries[] = [{ key: "people", label: "people", color: "#0f766e" }];

const cell = "px-4 py-2 text-stone-900";
const number = `${cell} tabular-nums`;

/** The cohort's programme report: the figures a funder asks for, as counts, charts and tables. */
export default async function ReportPage({ params }: PageProps<"/[locale]/admin/cohorts/[id]/report">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireAdmin(`/admin/cohorts/${id}/report`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const lectures = reportLectures();
  const report = await loadCohortReport(db, cohort.id, lectures);
  const t = await getTranslations("Report");
  const format = await getFormatter();
  const shareText = (s: Share) =>
    s.percent === null
      ? t("shareSmall", { count: s.count, of: s.of })
      : t("share", { count: s.count, of: s.of, percent: format.number(s.percent, { maximumFractionDigits: 1 }) });
  const pct = (n: number | null) => (n === null ? "—" : `${format.number(n, { maximumFractionDigits: 1 })}%`);
  const when = (d: Date) =>
    format.dateTime(d, {
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: cohort.timeZone,
    });
  const tallyLabel = (row: Tally, name: (key: string) => string) =>
    row.key === null ? t("unknown") : row.key === "other" ? t("other") : name(row.key);
  const countryRows = report.countries.map((r) => ({ ...r, label: tallyLabel(r, (k) => countryName(k, locale)) }));
  const positionRows = report.positions.map((r) => ({ ...r, label: tallyLabel(r, (k) => k) }));
  const sessionRows = report.sessions.map((s) => ({
    ...s,
    label: t("sessionLabel", {
      number: lectures.find((l) => l.slug === s.lectureSlug)?.number ?? 0,
      when: when(s.startsAt),
    }),
  }));
  const f = report.funnel;
  const figures: [string, string][] = [
    [t("funnel.invited"), String(f.invited)],
    [t("funnel.enrolled"), String(f.enrolled)],
    [t("funnel.active"), shareText(f.active)],
    [t("funnel.completed"), shareText(f.completed)],
    [t("funnel.certified"), shareText(f.certified)],
  ];
  const series = (list: readonly BarSeries[]) => list.map((s) => ({ ...s, label: t(`series.${s.key}`) }));
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="report" />
      <p className="mt-6 max-w-3xl text-stone-700">{t("intro", { small: SMALL_WHOLE })}</p>
      <p className="mt-3">
        <a
          href={`/api/admin/cohorts/${cohort.id}/report.xlsx`}
          download
          className="font-medium text-brand-700 underline"
        >
          {t("downloadWorkbook")}
        </a>
      </p>

      <section aria-labelledby="funnel-title" className="mt-8">
        <h2 id="funnel-title" className="text-xl font-semibold text-stone-900">
          {t("funnelTitle")}
        </h2>
        <dl className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {figures.map(([label, value]) => (
            <div key={label} className="rounded-xl border border-stone-200 bg-white p-4">
              <dt className="text-sm font-medium text-stone-700">{label}</dt>
              <dd className="mt-1 text-lg font-semibold text-stone-900">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-sm text-stone-600">{t("funnelHelp")}</p>
      </section>

      <section aria-labelledby="countries-title" className="mt-10">
        <h2 id="countries-title" className="text-xl font-semibold text-stone-900">
          {t("countriesTitle", { count: report.countries.filter((c) => c.key && c.key !== "other").length })}
        </h2>
        {countryRows.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("nobody")}</p>
        ) : (
          <>
            <BarChart
              title={t("countriesChart")}
              series={series(PEOPLE)}
              rows={countryRows.map((r) => ({ label: r.label, values: { people: r.count } }))}
            />
            <TallyTable rows={countryRows} headers={[t("country"), t("people"), t("shareHeader")]} share={shareText} />
          </>
        )}
      </section>

      <section aria-labelledby="positions-title" className="mt-10">
        <h2 id="positions-title" className="text-xl font-semibold text-stone-900">
          {t("positionsTitle")}
        </h2>
        {positionRows.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("nobody")}</p>
        ) : (
          <TallyTable rows={positionRows} headers={[t("position"), t("people"), t("shareHeader")]} share={shareText} />
        )}
      </section>

      <section aria-labelledby="attendance-title" className="mt-10">
        <h2 id="attendance-title" className="text-xl font-semibold text-stone-900">
          {t("attendanceTitle")}
        </h2>
        {sessionRows.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("noSessions")}</p>
        ) : (
          <>
            <BarChart
              title={t("attendanceChart")}
              series={series(ATTENDANCE)}
              rows={sessionRows.map((s) => ({ label: s.label, values: s.counts }))}
            />
            <DataTable className="mt-4" headers={[t("session"), ...ATTENDANCE.map((s) => t(`series.${s.key}`))]}>
              {sessionRows.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className={`${cell} text-start font-normal`}>
                    {s.label}
                  </th>
                  {ATTENDANCE.map((a) => (
                    <td key={a.key} className={number}>
                      {s.counts[a.key as keyof typeof s.counts]}
                    </td>
                  ))}
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
          {report.quizzes.map((q) => (
            <tr key={q.slug}>
              <th scope="row" className={`${cell} text-start font-normal`}>
                {t("lectureLabel", { number: q.number, title: q.title })}
              </th>
              <td className={number}>{q.summary.attempted}</td>
              <td className={number}>{q.summary.passed}</td>
              <td className={number}>
                {q.summary.attempted === 0 ? "—" : shareText(share(q.summary.passed, q.summary.attempted))}
              </td>
              <td className={number}>{pct(q.summary.averagePercent)}</td>
              <td className={cell}>
                {q.hardest.length === 0 ? (
                  "—"
                ) : (
                  <ol className="list-decimal space-y-1 ps-5">
                    {q.hardest.map((h) => (
                      <li key={h.id}>
                        {h.prompt}{" "}
                        <span className="text-stone-700">({t("rightShare", { percent: pct(h.correctShare) })})</span>
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
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(["issued", "valid", "revoked", "reissued"] as const).map((k) => (
            <div key={k} className="rounded-xl border border-stone-200 bg-white p-4">
              <dt className="text-sm font-medium text-stone-700">{t(`certificates.${k}`)}</dt>
              <dd className="mt-1 text-lg font-semibold text-stone-900">{report.certificates[k]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

function TallyTable({
  rows,
  headers,
  share,
}: {
  rows: readonly (Tally & { label: string })[];
  headers: string[];
  share: (s: Share) => string;
}) {
  return (
    <DataTable className="mt-4" headers={headers}>
      {rows.map((r) => (
        <tr key={r.key ?? "unknown"}>
          <th scope="row" className={`${cell} text-start font-normal`}>
            {r.label}
          </th>
          <td className={number}>{r.count}</td>
          <td className={number}>{share(r.share)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
