import type { ServerResponse } from "node:http";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { currentQuiz } from "@/lib/db/quiz-corrections";
import { startAttempt } from "@/lib/db/quizzes";
import { segment, sendJson, signedInWithJson, type ApiRequest } from "@/lib/http/api";
import { ZId } from "@/lib/schemas/common";

const REFUSED = { "not-enrolled": 404, "not-open": 409, closed: 409, "no-attempts-left": 409, expired: 409 } as const;

// `resume`: the attempt the participant means to carry on (the quiz page's "Carry on"), if any.
const ZBody = z.strictObject({ resume: ZId.optional() }).default({});

/**
 * POST: starts (or resumes) the signed-in participant's attempt at a quiz of their cohort:
 * { attemptId, resumed }. With the body { resume }, an attempt to carry on whose time ran out
 * meanwhile is not followed by a new one: 409 "expired", with that attempt's id.
 */
export async function startAttemptHandler(req: ApiRequest, res: ServerResponse) {
  const request = await signedInWithJson(req, res, "POST", ZBody, 1024);
  if (!request) return;
  const { user } = request;
  const [id, slug] = [segment(req, "id"), segment(req, "slug")];
  const quiz = slug ? await currentQuiz(getDb(), slug) : undefined;
  if (!slug || !quiz || !id || id.length > 40) return sendJson(res, 404, { error: "not-found" });
  const result = await startAttempt(getDb(), {
    userId: user.id,
    cohortId: id,
    lectureSlug: slug,
    questions: quiz.questions,
    resume: request.body.resume,
  });
  if (!result.ok && result.reason === "expired")
    return sendJson(res, REFUSED.expired, { error: result.reason, attemptId: result.attemptId });
  if (!result.ok) return sendJson(res, REFUSED[result.reason], { error: result.reason });
  sendJson(res, result.resumed ? 200 : 201, { attemptId: result.attemptId, resumed: result.resumed });
}
