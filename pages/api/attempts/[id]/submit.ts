import type { NextApiRequest, NextApiResponse } from "next";
import { z } from "zod";
import { issueContext } from "@/lib/certificates/context";
import { issueLater } from "@/lib/certificates/issue-when-eligible";
import { getDb } from "@/lib/db";
import { attemptCohort, submitAttempt } from "@/lib/db/quizzes";
import { afterResponse, allowOnly, apiOrigin, apiUser, BODY_ERROR, readJson, segment, sendJson, type ApiConfig } from "@/lib/http/api";

export const config: ApiConfig = { api: { bodyParser: false } };

const ZBody = z.object({ answers: z.record(z.string().max(80), z.unknown()).default({}) }).default({ answers: {} });

/**
 * POST: submits the signed-in participant's attempt (with any last answers) and returns
 * the score; the answer key stays on the server. A repeated submit returns the first result.
 */
export default async function submitHandler(req: NextApiRequest, res: NextApiResponse) {
  if (!allowOnly(req, res, "POST")) return;
  const user = await apiUser(req);
  if (!user) return sendJson(res, 401, { error: "sign-in-required" });
  const id = segment(req, "id");
  const body = await readJson(req, 64 * 1024);
  if (!body.ok) return sendJson(res, body.status, { error: BODY_ERROR[body.status] });
  const parsed = ZBody.safeParse(body.value);
  if (!parsed.success || !id || id.length > 40) return sendJson(res, 400, { error: "invalid" });
  const result = await submitAttempt(getDb(), user.id, id, parsed.data.answers);
  if (!result.ok) return sendJson(res, result.error === "not-found" ? 404 : 400, { error: result.error, questionId: result.questionId });
  if (result.passed && !result.alreadySubmitted) {
    issueLater(await issueContext(apiOrigin(req)), () => attemptCohort(getDb(), user.id, id), [user.id], afterResponse(res));
  }
  const { score, maxScore, percent } = result.grade;
  sendJson(res, 200, { score, maxScore, percent, passed: result.passed, alreadySubmitted: result.alreadySubmitted });
}
