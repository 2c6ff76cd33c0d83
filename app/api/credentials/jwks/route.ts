import { publishedJwks } from "@/lib/certificates/published";
import { getDb } from "@/lib/db";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/** The public keys that sign credentials (JWKS), by kid. Public. */
async function handleGet() {
  return Response.json(await publishedJwks(getDb()), { headers: { "Cache-Control": "public, max-age=300" } });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
