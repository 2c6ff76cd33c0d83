import { getDb } from "@/lib/db";
import { loadCohortReport, loadQuizReports } from "@/lib/db/programme-report";
import { slugify } from "@/lib/domain/time";
import { cohortForAdminExport } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";
import {
  allQuizResultsTable,
  attendanceRecordsTable,
  certificatesTable,
  participantsTable,
  reportLectures,
  summaryTable,
} from "@/lib/reports/cohort-tables";
import { writeWorkbook } from "@/lib/reports/workbook";

export const dynamic = "force-dynamic";

/**
 * The cohort's programme report as one workbook: the report's figures, then a sheet per
 * table (participants, attendance, quiz results, certificates). Admins only.
 */
async function handleGet(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/report.xlsx">) {
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const db = getDb();
  const cohortId = found.cohort.id;
  const lectures = await reportLectures(getDb());
  const now = new Date();
  const quizReports = await loadQuizReports(db, cohortId, lectures, now);
  const sheets = [
    { name: "Summary", table: summaryTable(await loadCohortReport(db, cohortId, lectures, now, quizReports)) },
    { name: "Participants", table: await participantsTable(db, cohortId) },
    { name: "Attendance", table: await attendanceRecordsTable(db, cohortId) },
    { name: "Quiz results", table: allQuizResultsTable(lectures, quizReports) },
    { name: "Certificates", table: await certificatesTable(db, cohortId) },
  ];
  const bytes = await writeWorkbook(sheets, { title: `${found.cohort.name}: programme report`, created: now });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${slugify(found.cohort.name) || "cohort"}-report.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
