// Refused authorization as a security event: a signed-in person reaching for an admin
// page or action, or for someone else's record. Each is an audit entry
// `security.refused` an admin reads on the audit page. The entries are capped per
// client and per person, so that a script hammering a refused route cannot flood the
// audit table: past the cap, refusals in the window go unrecorded.
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { consumeLimits, type Limit } from "./rate-limits";

export const REFUSALS_PER_IP: Limit = { name: "refused-ip", points: 20, durationSeconds: 10 * 60 };
export const REFUSALS_PER_USER: Limit = { name: "refused-user", points: 20, durationSeconds: 10 * 60 };

export const SECURITY_REFUSED = "security.refused";

export type Refusal = {
  userId: string;
  email: string;
  /** What was refused: a path ("/admin/cohorts"), a server action ("action <id>"), or an API request ("PUT /api/..."). */
  target: string;
  ip: string;
  status?: number;
};

/** Records the refusal unless its client or person is past the cap; whether it was recorded. */
export async function recordRefusal(db: Db, refusal: Refusal): Promise<boolean> {
  const allowed = await consumeLimits(db, [
    { limit: REFUSALS_PER_IP, key: refusal.ip },
    { limit: REFUSALS_PER_USER, key: refusal.userId },
  ]);
  if (!allowed.ok) return false;
  await recordAudit(db, {
    action: SECURITY_REFUSED,
    actorId: refusal.userId,
    subject: refusal.email,
    entity: "request",
    entityId: refusal.target.slice(0, 300),
    ip: refusal.ip,
    after: refusal.status ? { status: refusal.status } : undefined,
  });
  return true;
}
