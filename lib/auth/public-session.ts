// What GET /api/auth/session tells the browser: who is signed in and until when. Never
// the session token (the HttpOnly cookie's value) nor the rest of the user's record.
import { z } from "zod";

const ZAuthSession = z.object({
  user: z.object({ id: z.string(), name: z.string().nullish(), role: z.string() }),
  expires: z.string(),
});

export type PublicSession = { user: { id: string; name: string | null; role: string }; expires: string } | null;

/** Auth.js's session answer reduced to id, name, role and expiry; null without a session. */
export function publicSession(body: unknown): PublicSession {
  const parsed = ZAuthSession.safeParse(body);
  if (!parsed.success) return null;
  const { user, expires } = parsed.data;
  return { user: { id: user.id, name: user.name ?? null, role: user.role }, expires };
}
