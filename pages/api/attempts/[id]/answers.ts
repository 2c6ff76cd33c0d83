import type { NextApiRequest, NextApiResponse } from "next";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { saveAnswer } from "@/lib/db/quizzes";
import { allowOnly, apiUser, BODY_ERROR, readJson, segment, sendJson, type ApiConfig } from "@/lib/http/api";

export const config: ApiConfig = { api: { bodyParser: false } };

const ZBody = z.object({ questionId: z.string().min(1).max(80), response: z.unknown() });
const STATUS = { "not-found": 404, submitted: 409, overdue: 409, "unknown-question": 400, "wrong-type": 400, "unknown-option": 400, invalid: 400 } as const;

/** PUT: saves one answer of the signed-in participant's attempt in progress. Returns only whether it was saved. */
export default async function saveAnswerHandler(req: NextApiRequest, res: NextApiResponse) {
  if (!allowOnly(req, res, "PUT")) return;
  const user = await apiUser(req);
  if (!user) return sendJson(res, 401, { error: "sign-in-required" });
  const id = segment(req, "id");
  const body = await readJson(req, 16 * 1024);
  if (!body.ok) return sendJson(res, body.status, { error: BODY_ERROR[body.status] });
  const parsed = ZBody.safeParse(body.value);
  if (!parsed.success || !id || id.length > 40) return sendJson(res, 400, { error: "invalid" });
  const result = await saveAnswer(getDb(), user.id, id, parsed.data.questionId, parsed.data.response);
  if (!result.ok) return sendJson(res, STATUS[result.error], { error: result.error });
  sendJson(res, 200, { saved: true });
}
