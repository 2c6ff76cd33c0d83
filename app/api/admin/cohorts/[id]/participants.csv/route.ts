import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { listAllCohortEnrolments } from "@/lib/db/enrolments-admin";
import { toCsv } from "@/lib/domain/csv";
import { slugify } from "@/lib/domain/time";

export const dynamic = "force-dynamic";

const HEADER = ["Name", "Certificate name", "Name in own script", "E-mail", "Country", "Organisation", "Position", "Time zone", "Status", "Source", "Enrolled", "Profile complete"];

/** The cohort's people as CSV, safe to open in a spreadsheet (no cell can become a formula). Admins only. */
export async function GET(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/participants.csv">) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "sign-in-required" }, { status: 401 });
  if (user.role !== "ADMIN") return Response.json({ error: "not-found" }, { status: 404 });
  const { id } = await params;
  const db = getDb();
  const cohort = id.length <= 40 ? await getCohortForAdmin(db, id) : null;
  if (!cohort) return Response.json({ error: "not-found" }, { status: 404 });
  const rows = await listAllCohortEnrolments(db, cohort.id);
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
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slugify(cohort.name) || "cohort"}-participants.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
