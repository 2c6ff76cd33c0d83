import { issuerProfile, publishedJwks } from "@/lib/certificates/published";
import { publicOrigin } from "@/lib/certificates/context";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** The issuer's Open Badges profile; its URL is the issuer id in every credential. Public. */
export async function GET() {
  await publishedJwks(getDb());
  return Response.json(issuerProfile(await publicOrigin()), { headers: { "Cache-Control": "public, max-age=300" } });
}
