import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { cohortAttendance, cohortAttendanceRecords } from "@/lib/db/attendance";
import { toCsv } from "@/lib/domain/csv";
import { cohortForAdminExport, csvDownload } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

const lectureLabel = (slug: string) => `Lecture ${getLecture(slug)?.lecture.number ?? slug}`;

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
  const db = getDb();
  if (layout === "records") {
    const records = await cohortAttendanceRecords(db, found.cohort.id);
    const csv = toCsv(
      [
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
      records.map((r) => [
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
    );
    return csvDownload(csv, found.cohort.name, "attendance-records");
  }
  const m = await cohortAttendance(db, found.cohort.id);
  const header = [
    "Name",
    "E-mail",
    ...m.sessions.map((s) => `${lectureLabel(s.lectureSlug)} (${s.startsAt.toISOString()})`),
    "Attendance rate (%)",
  ];
  const csv = toCsv(
    header,
    m.rows.map((r) => [r.user.certificateName ?? r.user.name, r.user.email, ...r.statuses.map((s) => s ?? ""), r.rate]),
  );
  return csvDownload(csv, found.cohort.name, "attendance");
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
