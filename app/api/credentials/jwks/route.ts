import { publishedJwks } from "@/lib/certificates/published";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** The public keys that sign credentials (JWKS), by kid. Public. */
export async function GET() {
  return Response.json(await publishedJwks(getDb()), { headers: { "Cache-Control": "public, max-age=300" } });
}
