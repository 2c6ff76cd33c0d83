// Reading a database session by its cookie token: the one query every signed-in
// request makes. Auth.js writes these rows (sign-in, sign-out); this reads them.
import { z } from "zod";
import { Role } from "@/generated/prisma/enums";
import type { Db } from "./client";
import { sql } from "./sql";

export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
  role: Role;
  profileComplete: boolean;
  timeZone: string;
};

/** A session with its user, as readSession selects it. */
export const ZSessionRow = z.strictObject({
  expires: z.date(),
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  image: z.string().nullable(),
  role: z.enum(Role),
  profile_completed_at: z.date().nullable(),
  time_zone: z.string().nullable(),
});

/**
 * The user of a live session, or null. When the session is older than
 * `updateAgeSeconds` since it was last extended, its expiry moves to now +
 * `maxAgeSeconds`, as Auth.js does.
 */
export async function readSession(
  db: Db,
  token: string,
  opts: { maxAgeSeconds: number; updateAgeSeconds: number },
  now = new Date(),
): Promise<SessionUser | null> {
  const q = sql(db);
  const rows = await q.rows(
    ZSessionRow,
  )`SELECT s.expires, u.id, u.email, u.name, u.image, u.role, u.profile_completed_at, u.time_zone
    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.session_token = ${token}`;
  const row = rows[0];
  if (!row || row.expires <= now) return null;
  if (row.expires.getTime() - opts.maxAgeSeconds * 1000 + opts.updateAgeSeconds * 1000 <= now.getTime()) {
    await q.execute`UPDATE sessions SET expires = ${new Date(now.getTime() + opts.maxAgeSeconds * 1000)}, updated_at = now() WHERE session_token = ${token}`;
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    image: row.image,
    role: row.role,
    profileComplete: Boolean(row.profile_completed_at),
    timeZone: row.time_zone ?? "UTC",
  };
}
