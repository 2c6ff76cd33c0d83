import path from "node:path";
import { getDb } from "@/lib/db";
import { getHealth } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** Readiness for load balancers and humans: 200 when the database is up and migrated, else 503. */
export async function GET() {
  let health;
  try {
    health = await getHealth(getDb(), path.join(process.cwd(), "prisma/migrations"));
  } catch (err) {
    console.error("health check failed", err);
    health = { status: "error", database: "down", migrations: null } as const;
  }
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
