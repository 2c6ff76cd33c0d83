import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { exportPersonalData } from "@/lib/db/personal-data";
import { personalDataFileName, shapePersonalData } from "@/lib/domain/personal-data";
import { clientIp } from "@/lib/http/client-ip";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * Everything the platform holds about the signed-in person, as one JSON file (data
 * portability): their own rows only, without secrets (lib/domain/personal-data.ts says what
 * is in it). Any role may download their own; each download is audit-logged.
 */
async function handleGet(request: Request) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "sign-in-required" }, { status: 401 });
  const exportedAt = new Date();
  const rows = await exportPersonalData(getDb(), user.id, { ip: clientIp(request.headers) });
  if (!rows) return Response.json({ error: "sign-in-required" }, { status: 401 });
  const body = `${JSON.stringify(shapePersonalData(rows, exportedAt), null, 2)}\n`;
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${personalDataFileName(exportedAt)}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
