import { getCurrentUser } from "@/lib/auth/session";
import { getQuiz } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { loadQuizReport } from "@/lib/db/quiz-report";
import { toCsv } from "@/lib/domain/csv";
import { slugify } from "@/lib/domain/time";

export const dynamic = "force-dynamic";

/** Each participant's result in one quiz of a cohort, safe against formula injection. Admins only. */
export async function GET(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/quizzes/[slug]/results.csv">) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "sign-in-required" }, { status: 401 });
  if (user.role !== "ADMIN") return Response.json({ error: "not-found" }, { status: 404 });
  const { id, slug } = await params;
  const quiz = getQuiz(slug);
  const db = getDb();
  const cohort = id.length <= 40 && quiz ? await getCohortForAdmin(db, id) : null;
  if (!cohort || !quiz) return Response.json({ error: "not-found" }, { status: 404 });
  const report = await loadQuizReport(db, cohort.id, slug, quiz.questions);
  const csv = toCsv(
    ["Name", "E-mail", "Country", "Attempts", "Counted score (%)", "Passed", "Last submitted"],
    report.people.map((p) => [p.certificateName ?? p.name, p.email, p.country, p.attempts, p.percent, p.passed === null ? "" : p.passed ? "yes" : "no", p.lastSubmitted?.toISOString() ?? ""]),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slugify(cohort.name) || "cohort"}-${slug}-results.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
