// The programme report's figures in words, as the page and the PDF both show them: labelled
// rows for each part, counts with their shares (lib/domain/programme-report.ts says when a
// share is a percentage), sessions in the cohort's time zone.
import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CohortReport, ProgrammeReport, ReportLecture } from "@/lib/db/programme-report";
import {
  attended as attendedShare,
  share,
  type BarSeries,
  type Funnel,
  type Share,
  type Tally,
} from "@/lib/domain/programme-report";
import { countryName } from "@/lib/i18n/format";

const ATTENDANCE = [
  { key: "PRESENT", color: "#15803d" },
  { key: "LATE", color: "#b45309" },
  { key: "EXCUSED", color: "#0369a1" },
  { key: "ABSENT", color: "#b91c1c" },
  { key: "unmarked", color: "#78716c" },
] as const;

/** The report's words and number formats in `locale`. */
async function labels(locale: string, timeZone = "UTC") {
  const t = await getTranslations({ locale, namespace: "Report" });
  const format = await getFormatter({ locale });
  const shareText = (s: Share) =>
    s.percent === null
      ? t("shareSmall", { count: s.count, of: s.of })
      : t("share", { count: s.count, of: s.of, percent: format.number(s.percent, { maximumFractionDigits: 1 }) });
  const pct = (n: number | null) => (n === null ? "—" : `${format.number(n, { maximumFractionDigits: 1 })}%`);
  const when = (d: Date) =>
    format.dateTime(d, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone });
  const tallyRows = (rows: readonly Tally[], name: (key: string) => string) =>
    rows.map((r) => ({
      ...r,
      label: r.key === null ? t("unknown") : r.key === "other" ? t("other") : name(r.key),
      shareText: shareText(r.share),
    }));
  const funnelFigures = (f: Funnel): [string, string][] => [
    [t("funnel.invited"), String(f.invited)],
    [t("funnel.enrolled"), String(f.enrolled)],
    [t("funnel.active"), shareText(f.active)],
    [t("funnel.completed"), shareText(f.completed)],
    [t("funnel.certified"), shareText(f.certified)],
  ];
  const countries = (rows: readonly Tally[]) => tallyRows(rows, (k) => countryName(k, locale));
  const countryCount = (rows: readonly Tally[]) => rows.filter((c) => c.key && c.key !== "other").length;
  const peopleSeries: BarSeries[] = [{ key: "people", label: t("series.people"), color: "#0f766e" }];
  return { t, format, shareText, pct, when, tallyRows, funnelFigures, countries, countryCount, peopleSeries };
}

export async function reportView(
  report: CohortReport,
  lectures: readonly ReportLecture[],
  opts: { locale: string; timeZone: string },
) {
  const { t, shareText, pct, when, tallyRows, funnelFigures, countries, countryCount, peopleSeries } = await labels(
    opts.locale,
    opts.timeZone,
  );
  const organisationType = await getTranslations({ locale: opts.locale, namespace: "OrganisationTypes" });
  return {
    t,
    figures: funnelFigures(report.funnel),
    countryCount: countryCount(report.countries),
    countries: countries(report.countries),
    organisationTypes: tallyRows(report.organisationTypes, (k) => (organisationType.has(k) ? organisationType(k) : k)),
    positions: tallyRows(report.positions, (k) => k),
    peopleSeries,
    attendanceSeries: ATTENDANCE.map((s) => ({ ...s, label: t(`series.${s.key}`) })) as BarSeries[],
    sessions: report.sessions.map((s) => ({
      id: s.id,
      counts: s.counts,
      // Present or late, of those marked: the trend across sessions, in date order.
      attended: attendedShare([s]),
      attendedText: attendedShare([s]).of === 0 ? "—" : shareText(attendedShare([s])),
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

/** The programme across its cohorts, in words: each cohort's row, the totals and the countries. */
export async function programmeView(report: ProgrammeReport, locale: string) {
  const { t, format, shareText, funnelFigures, countries, countryCount, peopleSeries } = await labels(locale);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  return {
    t,
    figures: funnelFigures(report.funnel),
    people: report.people,
    cohorts: report.cohorts.map(({ cohort, report: r, attended }) => ({
      id: cohort.id,
      name: cohort.name,
      archived: cohort.archivedAt !== null,
      dates: `${day(cohort.startsOn)} – ${day(cohort.endsOn)}`,
      cells: [
        String(r.funnel.enrolled),
        shareText(r.funnel.active),
        shareText(r.funnel.completed),
        shareText(r.funnel.certified),
        String(r.sessions.length),
        attended.of === 0 ? "—" : shareText(attended),
      ],
    })),
    totals: [
      String(report.funnel.enrolled),
      shareText(report.funnel.active),
      shareText(report.funnel.completed),
      shareText(report.funnel.certified),
      String(report.sessionsHeld),
      report.attended.of === 0 ? "—" : shareText(report.attended),
    ],
    countryCount: countryCount(report.countries),
    countries: countries(report.countries),
    peopleSeries,
  };
}
