import { getDb } from "@/lib/db";
import { toCsv } from "@/lib/domain/csv";
import { cohortForAdminExport, csvDownload } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";
import { attendanceMatrixTable, attendanceRecordsTable } from "@/lib/reports/cohort-tables";

export const dynamic = "force-dynamic";

/**
 * The cohort's attendance as CSV, safe against formula injection. Admins only. By default
 * the matrix: participants by sessions, with their rate. `?layout=records`: one row per
 * record, with minutes attended, source, note, who marked it and when.
 */
async function handleGet(request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/attendance.csv">) {
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const layout = new URL(request.url).searchParams.get("layout");
  if (layout !== null && layout !== "matrix" && layout !== "records")
    return Response.json({ error: "invalid-layout", allowed: ["matrix", "records"] }, { status: 400 });
  const records = layout === "records";
  const table = await (records ? attendanceRecordsTable : attendanceMatrixTable)(getDb(), found.cohort.id);
  return csvDownload(toCsv(table.header, table.rows), found.cohort.name, records ? "attendance-records" : "attendance");
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
