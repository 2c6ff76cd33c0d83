import type { ServerResponse } from "node:http";
import { getDb } from "@/lib/db";
import { currentQuiz } from "@/lib/db/quiz-corrections";
import { startAttempt } from "@/lib/db/quizzes";
import { segment, sendJson, signedIn, type ApiRequest } from "@/lib/http/api";

const REFUSED = { "not-enrolled": 404, "not-open": 409, closed: 409, "no-attempts-left": 409, expired: 409 } as const;

/** POST: starts (or resumes) the signed-in participant's attempt at a quiz of their cohort: { attemptId, resumed }. */
export async function startAttemptHandler(req: ApiRequest, res: ServerResponse) {
  const user = await signedIn(req, res, "POST");
  if (!user) return;
  const [id, slug] = [segment(req, "id"), segment(req, "slug")];
  const quiz = slug ? await currentQuiz(getDb(), slug) : undefined;
  if (!slug || !quiz || !id || id.length > 40) return sendJson(res, 404, { error: "not-found" });
  const result = await startAttempt(getDb(), {
    userId: user.id,
    cohortId: id,
    lectureSlug: slug,
    questions: quiz.questions,
  });
  if (!result.ok) return sendJson(res, REFUSED[result.reason], { error: result.reason });
  sendJson(res, result.resumed ? 200 : 201, { attemptId: result.attemptId, resumed: result.resumed });
}
