import { getDb } from "@/lib/db";
import { toCsv } from "@/lib/domain/csv";
import { cohortForAdminExport, csvDownload } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";
import { participantsTable } from "@/lib/reports/cohort-tables";

export const dynamic = "force-dynamic";

/** The cohort's people as CSV, safe to open in a spreadsheet (no cell can become a formula). Admins only. */
async function handleGet(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/participants.csv">) {
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const table = await participantsTable(getDb(), found.cohort.id);
  return csvDownload(toCsv(table.header, table.rows), found.cohort.name, "participants");
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
