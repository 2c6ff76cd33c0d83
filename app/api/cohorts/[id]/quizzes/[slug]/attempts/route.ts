import { getCurrentUser } from "@/lib/auth/session";
import { getQuiz } from "@/lib/content";
import { getDb } from "@/lib/db";
import { startAttempt } from "@/lib/db/quizzes";

export const dynamic = "force-dynamic";

const REFUSED = { "not-enrolled": 404, "not-open": 409, closed: 409, "no-attempts-left": 409 } as const;

/** Starts (or resumes) the signed-in participant's attempt at a quiz of their cohort: { attemptId, resumed }. */
export async function POST(_request: Request, { params }: RouteContext<"/api/cohorts/[id]/quizzes/[slug]/attempts">) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "sign-in-required" }, { status: 401 });
  const { id, slug } = await params;
  const quiz = getQuiz(slug);
  if (!quiz || id.length > 40) return Response.json({ error: "not-found" }, { status: 404 });
  const result = await startAttempt(getDb(), { userId: user.id, cohortId: id, lectureSlug: slug, questions: quiz.questions });
  if (!result.ok) return Response.json({ error: result.reason }, { status: REFUSED[result.reason] });
  return Response.json({ attemptId: result.attemptId, resumed: result.resumed }, { status: result.resumed ? 200 : 201 });
}
