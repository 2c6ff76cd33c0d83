import type { ServerResponse } from "node:http";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { submitAttempt } from "@/lib/db/quizzes";
import { segment, sendJson, signedInWithJson, type ApiRequest } from "@/lib/http/api";

// `revision`: the revision of the answers the submitting device last saw (optional for clients that do not track it).
const ZBody = z
  .object({
    answers: z.record(z.string().max(80), z.unknown()).default({}),
    revision: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .default({ answers: {} });

const REFUSED = { "not-found": 404, withdrawn: 403, invalid: 400, changed: 409 } as const;

/**
 * POST: submits the signed-in participant's attempt (with any last answers) and returns
 * the score; the answer key stays on the server. A repeated submit returns the first result.
 * With the revision the device last saw, answers saved since from another device refuse the
 * submission (409 "changed", with the current revision): the device shows the newer answers first.
 */
export async function submitAttemptHandler(req: ApiRequest, res: ServerResponse) {
  const request = await signedInWithJson(req, res, "POST", ZBody, 64 * 1024);
  if (!request) return;
  const { user } = request;
  const id = segment(req, "id");
  if (!id || id.length > 40) return sendJson(res, 400, { error: "invalid" });
  const result = await submitAttempt(getDb(), user.id, id, request.body.answers, undefined, request.body.revision);
  if (!result.ok)
    return sendJson(
      res,
      REFUSED[result.error],
      result.error === "changed"
        ? { error: result.error, revision: result.revision }
        : { error: result.error, questionId: result.questionId },
    );
  const { score, maxScore, percent } = result.grade;
  sendJson(res, 200, { score, maxScore, percent, passed: result.passed, alreadySubmitted: result.alreadySubmitted });
}
