import type { ServerResponse } from "node:http";
import { z } from "zod";
import { codeSeenAt } from "@/lib/auth/check-in-codes";
import { authSecret } from "@/lib/auth/secret";
import { getDb } from "@/lib/db";
import { checkIn } from "@/lib/db/check-in";
import type { CheckInRefusal } from "@/lib/domain/check-in";
import { segment, sendJson, signedInWithJson, type ApiRequest } from "@/lib/http/api";

// `code`: as typed or brought by the QR link; `pass`: the signed pass the page was opened
// with (lib/auth/check-in-codes.ts), if any.
const ZBody = z.strictObject({ code: z.string().max(200), pass: z.string().max(200).optional() });

// Each refusal's status; "rate-limited" is answered apart, with its Retry-After.
const REFUSED = { "not-found": 404, closed: 409, "wrong-code": 422, "already-marked": 409 } as const satisfies Record<
  Exclude<CheckInRefusal, "rate-limited">,
  number
>;

/**
 * POST: checks the signed-in participant in to a live session of their cohort with the code
 * shown in it: { status: "PRESENT" | "LATE" }. Refusals: 404 "not-found" (no such session in
 * a cohort of theirs), 409 "closed" or "already-marked", 422 "wrong-code", 429
 * "rate-limited" with Retry-After and { retryAfterSeconds }.
 */
export async function checkInHandler(req: ApiRequest, res: ServerResponse) {
  const request = await signedInWithJson(req, res, "POST", ZBody, 1024);
  if (!request) return;
  const id = segment(req, "id");
  if (!id || id.length > 40) return sendJson(res, 404, { error: "not-found" });
  const { code, pass = "" } = request.body;
  const now = new Date();
  const seenAt = codeSeenAt(authSecret(), id, code, pass, now);
  const result = await checkIn(getDb(), request.user.id, id, code, now, seenAt);
  if (result.ok) return sendJson(res, 200, { status: result.status });
  if (result.error === "rate-limited")
    return sendJson(
      res,
      429,
      { error: result.error, retryAfterSeconds: result.retryAfterSeconds },
      { "Retry-After": String(result.retryAfterSeconds) },
    );
  sendJson(res, REFUSED[result.error], { error: result.error });
}
