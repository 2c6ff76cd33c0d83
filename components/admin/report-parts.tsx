// Parts of the programme reports (a cohort's and the programme's): figure cards, a table
// of counts with their shares, and participants by country as a map, a bar chart and a table.
import { getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { WorldMap } from "@/components/charts/world-map";
import { DataTable } from "@/components/ui/data-table";
import type { BarSeries } from "@/lib/domain/programme-report";
import type { ReportView } from "@/lib/reports/report-view";

const cell = "px-4 py-2 text-stone-900";
const number = `${cell} tabular-nums`;
const rowHeader = `${cell} text-start font-normal`;

export function Figures({ figures, className }: { figures: [string, string][]; className: string }) {
  return (
    <dl className={`mt-3 grid grid-cols-1 gap-3 ${className}`}>
      {figures.map(([label, value]) => (
        <div key={label} className="rounded-xl border border-stone-200 bg-white p-4">
          <dt className="text-sm font-medium text-stone-700">{label}</dt>
          <dd className="mt-1 text-lg font-semibold text-stone-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function TallyTable({ rows, headers }: { rows: ReportView["countries"]; headers: string[] }) {
  return (
    <DataTable className="mt-4" headers={headers}>
      {rows.map((r) => (
        <tr key={r.key ?? "unknown"}>
          <th scope="row" className={rowHeader}>
            {r.label}
          </th>
          <td className={number}>{r.count}</td>
          <td className={number}>{r.shareText}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export async function CountriesPart({
  rows,
  count,
  series,
}: {
  rows: ReportView["countries"];
  count: number;
  series: BarSeries[];
}) {
  const t = await getTranslations("Report");
  return (
    <section aria-labelledby="countries-title" className="mt-10">
      <h2 id="countries-title" className="text-xl font-semibold text-stone-900">
        {t("countriesTitle", { count })}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-stone-700">{t("nobody")}</p>
      ) : (
        <>
          <WorldMap
            title={t("countriesMap")}
            legendTitle={t("mapLegend")}
            counts={Object.fromEntries(rows.flatMap((r) => (r.key && r.key !== "other" ? [[r.key, r.count]] : [])))}
            names={Object.fromEntries(rows.flatMap((r) => (r.key ? [[r.key, r.label]] : [])))}
          />
          <BarChart
            title={t("countriesChart")}
            series={series}
            rows={rows.map((r) => ({ label: r.label, values: { people: r.count } }))}
          />
          <TallyTable rows={rows} headers={[t("country"), t("people"), t("shareHeader")]} />
        </>
      )}
    </section>
  );
}
