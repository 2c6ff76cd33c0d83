// Refused authorization on pages, server actions and route handlers, recorded as a
// security event (lib/db/security-events.ts) with who, what and from where.
import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/lib/db";
import type { SessionUser } from "@/lib/db/sessions-auth";
import { recordRefusal } from "@/lib/db/security-events";
import { clientIp } from "@/lib/http/client-ip";

/**
 * Records that `user` was refused `path`. A server action is named by its id (the
 * Next-Action header), since the page it was posted to says little. Recording never
 * changes the answer: a failure to record is logged and the refusal goes on.
 */
export async function noteRefusal(user: Pick<SessionUser, "id" | "email">, path: string, status = 404) {
  try {
    const h = await headers();
    const action = h.get("next-action");
    const target = action ? `action ${action.slice(0, 100)} (${path})` : path;
    await recordRefusal(getDb(), { userId: user.id, email: user.email, target, ip: clientIp(h), status });
  } catch (err) {
    console.error(`security event not recorded: ${(err as Error).message}`);
  }
}
