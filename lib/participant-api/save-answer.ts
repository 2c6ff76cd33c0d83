import type { ServerResponse } from "node:http";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { saveAnswer } from "@/lib/db/quizzes";
import { segment, sendJson, signedInWithJson, type ApiRequest } from "@/lib/http/api";

const ZBody = z.object({ questionId: z.string().min(1).max(80), response: z.unknown() });
const STATUS = {
  "not-found": 404,
  withdrawn: 403,
  submitted: 409,
  overdue: 409,
  "unknown-question": 400,
  "wrong-type": 400,
  "unknown-option": 400,
  invalid: 400,
} as const;

/**
 * PUT: saves one answer of the signed-in participant's attempt in progress. Returns whether it
 * was saved and the attempt's revision after it: a device that expected one more than the
 * revision it last saw learns that another device saved meanwhile.
 */
export async function saveAnswerHandler(req: ApiRequest, res: ServerResponse) {
  const request = await signedInWithJson(req, res, "PUT", ZBody, 16 * 1024);
  if (!request) return;
  const id = segment(req, "id");
  if (!id || id.length > 40) return sendJson(res, 400, { error: "invalid" });
  const result = await saveAnswer(getDb(), request.user.id, id, request.body.questionId, request.body.response);
  if (!result.ok) return sendJson(res, STATUS[result.error], { error: result.error });
  sendJson(res, 200, { saved: true, revision: result.revision });
}
