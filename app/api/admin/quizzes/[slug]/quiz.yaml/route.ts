import { stringify } from "yaml";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { currentQuiz } from "@/lib/db/quiz-corrections";
import { adminForExport } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * Admin: a lecture's quiz as it stands, corrections included, in the content format: the
 * file to commit in place of content/lectures/<folder>/quiz.yaml, so that the corrections
 * become the starting point of the next deployment.
 */
async function handleGet(_request: Request, { params }: RouteContext<"/api/admin/quizzes/[slug]/quiz.yaml">) {
  const { slug } = await params;
  const found = await adminForExport(`/api/admin/quizzes/${slug.slice(0, 80)}/quiz.yaml`);
  if (!found.user) return found.response;
  const lecture = getLecture(slug)?.lecture;
  const quiz = lecture && (await currentQuiz(getDb(), slug));
  if (!lecture || !quiz) return Response.json({ error: "not-found" }, { status: 404 });
  const file = `content/lectures/${lecture.folder}/quiz.yaml`;
  const body = `# ${file}, with the corrections saved in the app. Commit it in place of that file.\n${stringify({ questions: quiz.questions }, { lineWidth: 0 })}`;
  return new Response(body, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${lecture.folder}-quiz.yaml"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
