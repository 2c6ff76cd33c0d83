// The programme report's figures in words, as the page and the PDF both show them: labelled
// rows for each part, counts with their shares (lib/domain/programme-report.ts says when a
// share is a percentage), sessions in the cohort's time zone.
import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CohortReport, ReportLecture } from "@/lib/db/programme-report";
import { share, type BarSeries, type Share, type Tally } from "@/lib/domain/programme-report";
import { countryName } from "@/lib/i18n/format";

const ATTENDANCE = [
  { key: "PRESENT", color: "#15803d" },
  { key: "LATE", color: "#b45309" },
  { key: "EXCUSED", color: "#0369a1" },
  { key: "ABSENT", color: "#b91c1c" },
  { key: "unmarked", color: "#78716c" },
] as const;

export async function reportView(
  report: CohortReport,
  lectures: readonly ReportLecture[],
  opts: { locale: string; timeZone: string },
) {
  const t = await getTranslations({ locale: opts.locale, namespace: "Report" });
  const format = await getFormatter({ locale: opts.locale });
  const shareText = (s: Share) =>
    s.percent === null
      ? t("shareSmall", { count: s.count, of: s.of })
      : t("share", { count: s.count, of: s.of, percent: format.number(s.percent, { maximumFractionDigits: 1 }) });
  const pct = (n: number | null) => (n === null ? "—" : `${format.number(n, { maximumFractionDigits: 1 })}%`);
  const when = (d: Date) =>
    format.dateTime(d, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: opts.timeZone });
  const tallyRows = (rows: readonly Tally[], name: (key: string) => string) =>
    rows.map((r) => ({
      ...r,
      label: r.key === null ? t("unknown") : r.key === "other" ? t("other") : name(r.key),
      shareText: shareText(r.share),
    }));
  const f = report.funnel;
  return {
    t,
    figures: [
      [t("funnel.invited"), String(f.invited)],
      [t("funnel.enrolled"), String(f.enrolled)],
      [t("funnel.active"), shareText(f.active)],
      [t("funnel.completed"), shareText(f.completed)],
      [t("funnel.certified"), shareText(f.certified)],
    ] as [string, string][],
    countryCount: report.countries.filter((c) => c.key && c.key !== "other").length,
    countries: tallyRows(report.countries, (k) => countryName(k, opts.locale)),
    positions: tallyRows(report.positions, (k) => k),
    peopleSeries: [{ key: "people", label: t("series.people"), color: "#0f766e" }] as BarSeries[],
    attendanceSeries: ATTENDANCE.map((s) => ({ ...s, label: t(`series.${s.key}`) })) as BarSeries[],
    sessions: report.sessions.map((s) => ({
      id: s.id,
      counts: s.counts,
      label: t("sessionLabel", {
        number: lectures.find((l) => l.slug === s.lectureSlug)?.number ?? 0,
        when: when(s.startsAt),
      }),
    })),
    quizzes: report.quizzes.map((q) => ({
      slug: q.slug,
      label: t("lectureLabel", { number: q.number, title: q.title }),
      attempted: q.summary.attempted,
      passed: q.summary.passed,
      passRate: q.summary.attempted === 0 ? "—" : shareText(share(q.summary.passed, q.summary.attempted)),
      average: pct(q.summary.averagePercent),
      hardest: q.hardest.map((h) => ({
        id: h.id,
        prompt: h.prompt,
        right: t("rightShare", { percent: pct(h.correctShare) }),
      })),
    })),
    certificates: (["issued", "valid", "revoked", "reissued"] as const).map(
      (k) => [t(`certificates.${k}`), String(report.certificates[k])] as [string, string],
    ),
  };
}

export type ReportView = Awaited<ReturnType<typeof reportView>>;
