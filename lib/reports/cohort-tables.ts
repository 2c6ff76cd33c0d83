// A cohort's exports as tables (a header and rows of plain cells): the same tables become
// the CSV downloads and the sheets of the report's workbook. Reads through lib/db; callers
// check the admin role.
import "server-only";
import { getLecture, listLectures } from "@/lib/content";
import { cohortAttendance, cohortAttendanceRecords } from "@/lib/db/attendance";
import { listCohortCertificates } from "@/lib/db/certificates";
import type { Db } from "@/lib/db/client";
import { listAllCohortEnrolments } from "@/lib/db/enrolments-admin";
import { currentQuestions } from "@/lib/db/quiz-corrections";
import { loadQuizReport } from "@/lib/db/quiz-report";
import type { CohortReport, QuizReports, ReportLecture } from "@/lib/db/programme-report";
import type { TQuestion } from "@/lib/schemas/content";

export type Cell = string | number | boolean | null | undefined;
export type Table = { header: string[]; rows: Cell[][] };

/** The five lectures with their quizzes' current questions (corrections included), as the report reads them. */
export async function reportLectures(db: Db): Promise<ReportLecture[]> {
  const lectures = listLectures();
  const questions = await currentQuestions(
    db,
    lectures.map((l) => l.slug),
  );
  return lectures.map((l) => ({
    slug: l.slug,
    number: l.number,
    title: l.meta.title,
    questions: questions.get(l.slug)!,
  }));
}

export const lectureLabel = (slug: string) => `Lecture ${getLecture(slug)?.lecture.number ?? slug}`;

/** Everyone who has or had a place in the cohort, with their profile. */
export async function participantsTable(db: Db, cohortId: string): Promise<Table> {
  const rows = await listAllCohortEnrolments(db, cohortId);
  return {
    header: [
      "Name",
      "Certificate name",
      "Name in own script",
      "E-mail",
      "Country",
      "Organisation",
      "Position",
      "Type of organisation",
      "Time zone",
      "Status",
      "Source",
      "Enrolled",
      "Profile complete",
    ],
    rows: rows.map((e) => [
      e.user.name,
      e.user.certificateName,
      e.user.nativeName,
      e.user.email,
      e.user.country,
      e.user.organisation,
      e.user.position,
      e.user.organisationType,
      e.user.timeZone,
      e.status,
      e.source,
      e.createdAt.toISOString(),
      e.user.profileCompletedAt ? "yes" : "no",
    ]),
  };
}

/** One row per attendance record, with minutes attended, source, note, who marked it and when. */
export async function attendanceRecordsTable(db: Db, cohortId: string): Promise<Table> {
  const records = await cohortAttendanceRecords(db, cohortId);
  return {
    header: [
      "Session",
      "Session starts (UTC)",
      "Name",
      "E-mail",
      "Country",
      "Status",
      "Minutes attended",
      "Source",
      "Note",
      "Marked by",
      "Updated (UTC)",
    ],
    rows: records.map((r) => [
      lectureLabel(r.session.lectureSlug),
      r.session.startsAt.toISOString(),
      r.user.certificateName ?? r.user.name ?? "",
      r.user.email,
      r.user.country ?? "",
      r.status,
      r.minutes === null ? "" : r.minutes.toString(),
      r.source,
      r.note ?? "",
      r.updatedBy?.email ?? "",
      r.updatedAt.toISOString(),
    ]),
  };
}

/** Participants by sessions, with each one's attendance rate. */
export async function attendanceMatrixTable(db: Db, cohortId: string): Promise<Table> {
  const m = await cohortAttendance(db, cohortId);
  return {
    header: [
      "Name",
      "E-mail",
      ...m.sessions.map((s) => `${lectureLabel(s.lectureSlug)} (${s.startsAt.toISOString()})`),
      "Attendance rate (%)",
    ],
    rows: m.rows.map((r) => [
      r.user.certificateName ?? r.user.name,
      r.user.email,
      ...r.statuses.map((s) => s ?? ""),
      r.rate,
    ]),
  };
}

const QUIZ_HEADER = ["Name", "E-mail", "Country", "Attempts", "Counted score (%)", "Passed", "Last submitted"];

function quizRows(report: QuizReports[number]): Cell[][] {
  return report.people.map((p) => [
    p.certificateName ?? p.name,
    p.email,
    p.country,
    p.attempts,
    p.percent,
    p.passed === null ? "" : p.passed ? "yes" : "no",
    p.lastSubmitted?.toISOString() ?? "",
  ]);
}

/** Each participant's result in one quiz. */
export async function quizResultsTable(
  db: Db,
  cohortId: string,
  slug: string,
  questions: readonly TQuestion[],
): Promise<Table> {
  return { header: QUIZ_HEADER, rows: quizRows(await loadQuizReport(db, cohortId, slug, questions)) };
}

/** Each participant's result in every quiz (`reports` in the lectures' order), one row per participant and quiz. */
export function allQuizResultsTable(lectures: readonly ReportLecture[], reports: QuizReports): Table {
  return {
    header: ["Quiz", ...QUIZ_HEADER],
    rows: lectures.flatMap((l, i) => quizRows(reports[i]!).map((row) => [lectureLabel(l.slug), ...row])),
  };
}

/** Every certificate of the cohort, newest first, with its status. */
export async function certificatesTable(db: Db, cohortId: string): Promise<Table> {
  const rows = await listCohortCertificates(db, cohortId);
  return {
    header: [
      "Code",
      "Name",
      "Name in own script",
      "E-mail",
      "Country",
      "Issued (UTC)",
      "Revoked (UTC)",
      "Reason",
      "Replaced by",
    ],
    rows: rows.map((c) => [
      c.code,
      c.name,
      c.nativeName,
      c.user.email,
      c.user.country,
      c.issuedAt.toISOString(),
      c.revokedAt?.toISOString() ?? "",
      c.revokedReason ?? "",
      c.replacedBy?.code ?? "",
    ]),
  };
}

/** The report's figures as one table: participation, countries, attendance per session, quizzes, certificates. */
export function summaryTable(report: CohortReport): Table {
  const f = report.funnel;
  const rows: Cell[][] = [
    ["Participation", "Invited or asked", f.invited],
    ["Participation", "Enrolled", f.enrolled],
    ["Participation", "Active", f.active.count],
    ["Participation", "Completed", f.completed.count],
    ["Participation", "Certified", f.certified.count],
    ...report.countries.map((c): Cell[] => ["Country", c.key ?? "Not given", c.count]),
    ...report.organisationTypes.map((o): Cell[] => ["Type of organisation", o.key ?? "Not given", o.count]),
    ...report.positions.map((p): Cell[] => ["Position", p.key ?? "Not given", p.count]),
    ...report.sessions.flatMap((s) =>
      Object.entries(s.counts).map(([status, n]): Cell[] => [
        `Attendance: ${lectureLabel(s.lectureSlug)} (${s.startsAt.toISOString()})`,
        status === "unmarked" ? "Not marked" : status.charAt(0) + status.slice(1).toLowerCase(),
        n,
      ]),
    ),
    ...report.quizzes.flatMap((q): Cell[][] => [
      [`Quiz: Lecture ${q.number}`, "Took it", q.summary.attempted],
      [`Quiz: Lecture ${q.number}`, "Passed", q.summary.passed],
      [`Quiz: Lecture ${q.number}`, "Average score (%)", q.summary.averagePercent],
    ]),
    ["Certificates", "Issued", report.certificates.issued],
    ["Certificates", "Valid now", report.certificates.valid],
    ["Certificates", "Revoked", report.certificates.revoked],
    ["Certificates", "Replaced by a corrected one", report.certificates.reissued],
  ];
  return { header: ["Part", "Figure", "Count"], rows };
}
