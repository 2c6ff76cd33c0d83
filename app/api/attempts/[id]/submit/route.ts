import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { attemptCohort, submitAttempt } from "@/lib/db/quizzes";
import { issueWhenEligible } from "@/lib/certificates/issue-when-eligible";

export const dynamic = "force-dynamic";

const ZBody = z.object({ answers: z.record(z.string().max(80), z.unknown()).default({}) }).default({ answers: {} });

/**
 * Submits the signed-in participant's attempt (with any last answers) and
 * returns the score; the answer key stays on the server. A repeated submit
 * returns the first result.
 */
export async function POST(request: Request, { params }: RouteContext<"/api/attempts/[id]/submit">) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "sign-in-required" }, { status: 401 });
  const { id } = await params;
  const text = await request.text();
  let raw: unknown = undefined;
  try {
    raw = text ? JSON.parse(text) : undefined;
  } catch {
    return Response.json({ error: "invalid" }, { status: 400 });
  }
  const body = ZBody.safeParse(raw);
  if (!body.success || id.length > 40) return Response.json({ error: "invalid" }, { status: 400 });
  const result = await submitAttempt(getDb(), user.id, id, body.data.answers);
  if (!result.ok) return Response.json({ error: result.error, questionId: result.questionId }, { status: result.error === "not-found" ? 404 : 400 });
  if (result.passed && !result.alreadySubmitted) await issueWhenEligible(() => attemptCohort(getDb(), user.id, id), [user.id]);
  return Response.json(
    { score: result.grade.score, maxScore: result.grade.maxScore, percent: result.grade.percent, passed: result.passed, alreadySubmitted: result.alreadySubmitted },
    { headers: { "Cache-Control": "no-store" } },
  );
}
