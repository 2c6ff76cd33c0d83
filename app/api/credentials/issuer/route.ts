import { issuerProfile, publishedJwks } from "@/lib/certificates/published";
import { publicOrigin } from "@/lib/certificates/context";
import { getDb } from "@/lib/db";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/** The issuer's Open Badges profile; its URL is the issuer id in every credential. Public. */
async function handleGet() {
  await publishedJwks(getDb());
  return Response.json(issuerProfile(await publicOrigin()), { headers: { "Cache-Control": "public, max-age=300" } });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
