import { getDb } from "@/lib/db";
import { listAllCohortEnrolments } from "@/lib/db/enrolments-admin";
import { toCsv } from "@/lib/domain/csv";
import { cohortForAdminExport, csvDownload } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

const HEADER = [
  "Name",
  "Certificate name",
  "Name in own script",
  "E-mail",
  "Country",
  "Organisation",
  "Position",
  "Time zone",
  "Status",
  "Source",
  "Enrolled",
  "Profile complete",
];

/** The cohort's people as CSV, safe to open in a spreadsheet (no cell can become a formula). Admins only. */
async function handleGet(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/participants.csv">) {
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const rows = await listAllCohortEnrolments(getDb(), found.cohort.id);
  const csv = toCsv(
    HEADER,
    rows.map((e) => [
      e.user.name,
      e.user.certificateName,
      e.user.nativeName,
      e.user.email,
      e.user.country,
      e.user.organisation,
      e.user.position,
      e.user.timeZone,
      e.status,
      e.source,
      e.createdAt.toISOString(),
      e.user.profileCompletedAt ? "yes" : "no",
    ]),
  );
  return csvDownload(csv, found.cohort.name, "participants");
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
