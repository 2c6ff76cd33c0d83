import { currentQuiz } from "@/lib/db/quiz-corrections";
import { getDb } from "@/lib/db";
import { toCsv } from "@/lib/domain/csv";
import { cohortForAdminExport, csvDownload } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";
import { quizResultsTable } from "@/lib/reports/cohort-tables";

export const dynamic = "force-dynamic";

/** Each participant's result in one quiz of a cohort, safe against formula injection. Admins only. */
async function handleGet(
  _request: Request,
  { params }: RouteContext<"/api/admin/cohorts/[id]/quizzes/[slug]/results.csv">,
) {
  const { id, slug } = await params;
  const found = await cohortForAdminExport(id);
  if (!found.cohort) return found.response;
  const quiz = await currentQuiz(getDb(), slug);
  if (!quiz) return Response.json({ error: "not-found" }, { status: 404 });
  const table = await quizResultsTable(getDb(), found.cohort.id, slug, quiz.questions);
  return csvDownload(toCsv(table.header, table.rows), found.cohort.name, `${slug}-results`);
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
