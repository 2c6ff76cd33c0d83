import { getCurrentUser } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { cohortAttendance } from "@/lib/db/attendance";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { toCsv } from "@/lib/domain/csv";
import { slugify } from "@/lib/domain/time";

export const dynamic = "force-dynamic";

/** Participants by sessions with their rate, safe against formula injection. Admins only. */
export async function GET(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/attendance.csv">) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "sign-in-required" }, { status: 401 });
  if (user.role !== "ADMIN") return Response.json({ error: "not-found" }, { status: 404 });
  const { id } = await params;
  const db = getDb();
  const cohort = id.length <= 40 ? await getCohortForAdmin(db, id) : null;
  if (!cohort) return Response.json({ error: "not-found" }, { status: 404 });
  const m = await cohortAttendance(db, cohort.id);
  const header = [
    "Name",
    "E-mail",
    ...m.sessions.map((s) => `Lecture ${getLecture(s.lectureSlug)?.lecture.number ?? s.lectureSlug} (${s.startsAt.toISOString()})`),
    "Attendance rate (%)",
  ];
  const csv = toCsv(header, m.rows.map((r) => [r.user.certificateName ?? r.user.name, r.user.email, ...r.statuses.map((s) => s ?? ""), r.rate]));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slugify(cohort.name) || "cohort"}-attendance.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
