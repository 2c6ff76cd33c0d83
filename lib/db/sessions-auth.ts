// Reading a database session by its cookie token: the one query every signed-in
// request makes. Auth.js writes these rows (sign-in, sign-out); this reads them.
import { z } from "zod";
import { Role } from "@/generated/prisma/enums";
import { SESSION_POLICY, sessionState, type SessionPolicy } from "@/lib/domain/sessions";
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
  created_at: z.date(),
  updated_at: z.date(),
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  image: z.string().nullable(),
  role: z.enum(Role),
  profile_completed_at: z.date().nullable(),
  time_zone: z.string().nullable(),
});

/**
 * The user of a live session, or null. A session past its absolute lifetime or idle
 * limit (lib/domain/sessions.ts) is deleted and reads as none, whatever its stored
 * expiry says; a live one has its last use recorded at most once per `touchSeconds`.
 */
export async function readSession(
  db: Db,
  token: string,
  policy: SessionPolicy = SESSION_POLICY,
  now = new Date(),
): Promise<SessionUser | null> {
  const q = sql(db);
  const rows = await q.rows(
    ZSessionRow,
  )`SELECT s.expires, s.created_at, s.updated_at, u.id, u.email, u.name, u.image, u.role, u.profile_completed_at, u.time_zone
    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.session_token = ${token}`;
  const row = rows[0];
  if (!row) return null;
  const state = sessionState(
    { createdAt: row.created_at, lastUsedAt: row.updated_at, expires: row.expires },
    now,
    policy,
  );
  if (!state.live) {
    await q.execute`DELETE FROM sessions WHERE session_token = ${token}`;
    return null;
  }
  if (state.touch) {
    await q.execute`UPDATE sessions SET expires = ${state.touch.expires}, updated_at = ${state.touch.lastUsedAt} WHERE session_token = ${token}`;
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
