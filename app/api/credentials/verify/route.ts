import { headers } from "next/headers";
import { z } from "zod";
import { publicOrigin } from "@/lib/certificates/context";
import { verifyUploadedCredential } from "@/lib/certificates/published";
import { getDb } from "@/lib/db";
import { allowLookup } from "@/lib/http/lookup-limit";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

const MAX_BYTES = 64 * 1024;
const ZJson = z.object({ credential: z.string().max(MAX_BYTES) });

/**
 * Verifies a credential file: the body is the VC-JWT as text, or JSON {"credential": "<jwt>"}.
 * Answers 200 with {valid, revoked, ...} or {valid: false, reason}; 400 for a body that is neither.
 */
async function handlePost(request: Request) {
  const allowed = await allowLookup(await headers());
  if (!allowed.ok)
    return Response.json(
      { error: "rate-limited", retryAfterSeconds: allowed.retryAfterSeconds },
      { status: 429, headers: { "Retry-After": String(allowed.retryAfterSeconds) } },
    );
  const text = await request.text();
  if (text.length > MAX_BYTES) return Response.json({ error: "too-large" }, { status: 413 });
  let jwt = text.trim();
  if (jwt.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(jwt);
    } catch {
      return Response.json({ error: "invalid" }, { status: 400 });
    }
    const body = ZJson.safeParse(parsed);
    if (!body.success) return Response.json({ error: "invalid" }, { status: 400 });
    jwt = body.data.credential;
  }
  if (!jwt) return Response.json({ error: "invalid" }, { status: 400 });
  const result = await verifyUploadedCredential(getDb(), jwt, await publicOrigin());
  if (!result.valid) return Response.json({ valid: false, reason: result.reason });
  const c = result.credential;
  return Response.json({
    valid: true,
    revoked: result.revoked,
    statusChecked: result.statusChecked,
    id: c.id,
    name: c.name,
    issuer: c.issuer.name,
    validFrom: c.validFrom,
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const POST = answerUnavailable(handlePost);
