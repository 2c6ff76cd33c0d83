import { getFormatter } from "next-intl/server";
import { getProgramme } from "@/lib/content";
import { dateRange } from "@/lib/certificates/pdf-input";
import { getDb } from "@/lib/db";
import { loadCohortReport } from "@/lib/db/programme-report";
import { SMALL_WHOLE } from "@/lib/domain/programme-report";
import { slugify } from "@/lib/domain/time";
import { cohortForAdminExport } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";
import { routing } from "@/lib/i18n/routing";
import { reportLectures } from "@/lib/reports/cohort-tables";
import { renderReportPdf, type ReportPdfPart } from "@/lib/reports/report-pdf";
import { reportView } from "@/lib/reports/report-view";

export const dynamic = "force-dynamic";

/** The cohort's programme report as a printable A4 PDF, with its charts and tables. Admins only. */
async function handleGet(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/report.pdf">) {
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const { cohort } = found;
  const locale = routing.defaultLocale;
  const lectures = await reportLectures(getDb());
  const now = new Date();
  const report = await loadCohortReport(getDb(), cohort.id, lectures, now);
  const v = await reportView(report, lectures, { locale, timeZone: cohort.timeZone });
  const { t } = v;
  const format = await getFormatter({ locale });
  const programme = getProgramme();
  const table = (header: string[], rows: string[][]) => ({ header, rows });
  const parts: ReportPdfPart[] = [
    { title: t("funnelTitle"), note: t("funnelHelp"), table: table([t("figure"), t("count")], v.figures) },
    {
      title: t("countriesTitle", { count: v.countryCount }),
      map: {
        legendTitle: t("mapLegend"),
        counts: Object.fromEntries(v.countries.flatMap((r) => (r.key && r.key !== "other" ? [[r.key, r.count]] : []))),
      },
      chart: {
        series: v.peopleSeries,
        rows: v.countries.map((r) => ({ label: r.label, values: { people: r.count } })),
      },
      table: table(
        [t("country"), t("people"), t("shareHeader")],
        v.countries.map((r) => [r.label, String(r.count), r.shareText]),
      ),
    },
    {
      title: t("organisationTypesTitle"),
      table: table(
        [t("organisationType"), t("people"), t("shareHeader")],
        v.organisationTypes.map((r) => [r.label, String(r.count), r.shareText]),
      ),
    },
    {
      title: t("positionsTitle"),
      table: table(
        [t("position"), t("people"), t("shareHeader")],
        v.positions.map((r) => [r.label, String(r.count), r.shareText]),
      ),
    },
    {
      title: t("attendanceTitle"),
      note: v.sessions.length === 0 ? t("noSessions") : undefined,
      chart: { series: v.attendanceSeries, rows: v.sessions.map((s) => ({ label: s.label, values: s.counts })) },
      table: table(
        [t("session"), ...v.attendanceSeries.map((s) => s.label), t("attended")],
        v.sessions.map((s) => [
          s.label,
          ...v.attendanceSeries.map((a) => String(s.counts[a.key as keyof typeof s.counts])),
          s.attendedText,
        ]),
      ),
    },
    {
      title: t("quizzesTitle"),
      table: table(
        [t("lecture"), t("took"), t("passed"), t("passRate"), t("average"), t("hardest")],
        v.quizzes.map((q) => [
          q.label,
          String(q.attempted),
          String(q.passed),
          q.passRate,
          q.average,
          q.hardest.map((h, i) => `${i + 1}. ${h.prompt} (${h.right})`).join("\n") || "—",
        ]),
      ),
    },
    { title: t("certificatesTitle"), table: table([t("figure"), t("count")], v.certificates) },
  ];
  const pdf = await renderReportPdf({
    meta: {
      title: `${cohort.name}: ${t("title")}`,
      author: programme.organisers.map((o) => o.name).join(", "),
      subject: `${programme.edition}: ${programme.title}`,
      footer: `${cohort.name} · ${t("title")}`,
      pageLabel: (page, total) => t("page", { page, total }),
    },
    programme: `${programme.edition}: ${programme.title}`,
    title: t("title"),
    details: [
      programme.organisers.map((o) => o.name).join(" · "),
      `${cohort.name}, ${dateRange(cohort.startsOn, cohort.endsOn)}`,
      t("asOf", { date: format.dateTime(now, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) }),
    ],
    intro: t("intro", { small: SMALL_WHOLE }),
    parts,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${slugify(cohort.name) || "cohort"}-report.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
