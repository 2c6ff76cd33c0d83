import { publicOrigin } from "@/lib/certificates/context";
import { statusListJwt } from "@/lib/certificates/published";
import { getDb } from "@/lib/db";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/** The revocation status list (W3C Bitstring Status List, signed as a VC-JWT). Public; a revocation shows within a minute. */
async function handleGet(_request: Request, { params }: RouteContext<"/api/credentials/status/[list]">) {
  if ((await params).list !== "1") return Response.json({ error: "not-found" }, { status: 404 });
  const jwt = await statusListJwt(getDb(), await publicOrigin());
  return new Response(jwt, {
    headers: { "Content-Type": "application/vc+jwt", "Cache-Control": "public, max-age=60" },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
