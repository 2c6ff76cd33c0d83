import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { cohortAttendance } from "@/lib/db/attendance";
import { toCsv } from "@/lib/domain/csv";
import { cohortForAdminExport, csvDownload } from "@/lib/http/admin-csv";

export const dynamic = "force-dynamic";

/** Participants by sessions with their rate, safe against formula injection. Admins only. */
export async function GET(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/attendance.csv">) {
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const m = await cohortAttendance(getDb(), found.cohort.id);
  const header = [
    "Name",
    "E-mail",
    ...m.sessions.map(
      (s) => `Lecture ${getLecture(s.lectureSlug)?.lecture.number ?? s.lectureSlug} (${s.startsAt.toISOString()})`,
    ),
    "Attendance rate (%)",
  ];
  const csv = toCsv(
    header,
    m.rows.map((r) => [r.user.certificateName ?? r.user.name, r.user.email, ...r.statuses.map((s) => s ?? ""), r.rate]),
  );
  return csvDownload(csv, found.cohort.name, "attendance");
}
