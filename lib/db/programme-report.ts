// What a cohort's programme report reads: places and who they are (country, type of organisation, position),
// what they did, attendance per live session, each quiz's results and the certificates.
// Counts only: the report names nobody. Writes nothing. Callers check the admin role.
import "server-only";
import {
  attended,
  certificateCounts,
  funnel,
  hardest,
  sessionCounts,
  sumFunnels,
  tally,
  type AttendanceStatus,
} from "@/lib/domain/programme-report";
import type { TQuestion } from "@/lib/schemas/content";
import { cohortAttendance } from "./attendance";
import { cohortEligibility } from "./certificates";
import type { Db } from "./client";
import { loadQuizReport } from "./quiz-report";

export type ReportLecture = { slug: string; number: number; title: string; questions: readonly TQuestion[] };

/** Positions (free text): the most frequent shown as written, the rest summed as "other". Every country is shown. */
const TOP_POSITIONS = 10;

/** Each lecture's quiz report in the cohort (every active participant's result), in the lectures' order. */
export function loadQuizReports(db: Db, cohortId: string, lectures: readonly ReportLecture[], now = new Date()) {
  return Promise.all(lectures.map((l) => loadQuizReport(db, cohortId, l.slug, l.questions, now)));
}

export type QuizReports = Awaited<ReturnType<typeof loadQuizReports>>;

/** The cohort's figures; `quizReports` when the caller has read them already (the workbook lists them too). */
export async function loadCohortReport(
  db: Db,
  cohortId: string,
  lectures: readonly ReportLecture[],
  now = new Date(),
  quizReports?: QuizReports,
) {
  const where = { cohortId };
  const [places, marks, certificates, eligibility, attendance, quizzes] = await Promise.all([
    db.enrolment.findMany({
      where,
      select: {
        userId: true,
        status: true,
        user: { select: { country: true, position: true, organisationType: true } },
      },
    }),
    db.lectureMark.findMany({ where, select: { userId: true }, distinct: ["userId"] }),
    db.certificate.findMany({ where, select: { userId: true, revokedAt: true, replacedById: true } }),
    cohortEligibility(db, cohortId, lectures, { now }),
    cohortAttendance(db, cohortId, now),
    quizReports ?? loadQuizReports(db, cohortId, lectures, now),
  ]);
  // Active: studied a lecture, started a quiz, or was present or late at a session. The quiz
  // reports and the attendance matrix list every active participant already.
  const activeIds = new Set([
    ...marks.map((m) => m.userId),
    ...quizzes.flatMap((q) => q.people.filter((p) => p.attempts > 0).map((p) => p.id)),
    ...attendance.rows.filter((r) => r.statuses.some((s) => s === "PRESENT" || s === "LATE")).map((r) => r.user.id),
  ]);
  const completedIds = new Set([...eligibility].filter(([, e]) => e.eligible).map(([id]) => id));
  const certifiedIds = new Set(certificates.filter((c) => c.revokedAt === null).map((c) => c.userId));
  const enrolled = places.filter((p) => p.status === "ACTIVE");
  return {
    funnel: funnel(places, activeIds, completedIds, certifiedIds),
    countries: tally(enrolled.map((p) => p.user.country)),
    organisationTypes: tally(enrolled.map((p) => p.user.organisationType)),
    positions: tally(
      enrolled.map((p) => p.user.position),
      TOP_POSITIONS,
    ),
    sessions: attendance.sessions.flatMap((s, i) =>
      s.startsAt <= now
        ? [{ ...s, counts: sessionCounts(attendance.rows.map((r) => r.statuses[i] as AttendanceStatus | null)) }]
        : [],
    ),
    quizzes: lectures.map((l, i) => ({
      slug: l.slug,
      number: l.number,
      title: l.title,
      summary: quizzes[i]!.summary,
      hardest: hardest(quizzes[i]!.questions),
    })),
    certificates: certificateCounts(certificates),
  };
}

export type CohortReport = Awaited<ReturnType<typeof loadCohortReport>>;

/**
 * The programme across its cohorts: each cohort's report (read one cohort at a time, so a
 * programme of many cohorts does not take every database connection at once), the summed
 * funnel, and the countries of the people enrolled in any cohort, each person once.
 */
export async function loadProgrammeReport(db: Db, lectures: readonly ReportLecture[], now = new Date()) {
  const cohorts = await db.cohort.findMany({
    orderBy: [{ startsOn: "asc" }, { name: "asc" }],
    select: { id: true, name: true, startsOn: true, endsOn: true, archivedAt: true },
  });
  const rows = [];
  for (const cohort of cohorts) {
    const report = await loadCohortReport(db, cohort.id, lectures, now);
    rows.push({ cohort, report, attended: attended(report.sessions) });
  }
  const people = await db.enrolment.findMany({
    where: { status: "ACTIVE" },
    distinct: ["userId"],
    select: { user: { select: { country: true } } },
  });
  return {
    cohorts: rows,
    funnel: sumFunnels(rows.map((r) => r.report.funnel)),
    sessionsHeld: rows.reduce((n, r) => n + r.report.sessions.length, 0),
    attended: attended(rows.flatMap((r) => r.report.sessions)),
    people: people.length,
    countries: tally(people.map((p) => p.user.country)),
  };
}

export type ProgrammeReport = Awaited<ReturnType<typeof loadProgrammeReport>>;
