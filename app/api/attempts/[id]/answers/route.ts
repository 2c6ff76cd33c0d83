import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { saveAnswer } from "@/lib/db/quizzes";

export const dynamic = "force-dynamic";

const ZBody = z.object({ questionId: z.string().min(1).max(80), response: z.unknown() });
const STATUS = { "not-found": 404, submitted: 409, overdue: 409, "unknown-question": 400, "wrong-type": 400, "unknown-option": 400, invalid: 400 } as const;

/** Saves one answer of the signed-in participant's attempt in progress. Returns only whether it was saved. */
export async function PUT(request: Request, { params }: RouteContext<"/api/attempts/[id]/answers">) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "sign-in-required" }, { status: 401 });
  const { id } = await params;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "invalid" }, { status: 400 });
  }
  const parsed = ZBody.safeParse(body);
  if (!parsed.success || id.length > 40) return Response.json({ error: "invalid" }, { status: 400 });
  const result = await saveAnswer(getDb(), user.id, id, parsed.data.questionId, parsed.data.response);
  if (!result.ok) return Response.json({ error: result.error }, { status: STATUS[result.error] });
  return Response.json({ saved: true }, { headers: { "Cache-Control": "no-store" } });
}
