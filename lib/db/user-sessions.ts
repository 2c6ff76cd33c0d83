// The sessions a person is signed in with, as they and admins see and end them. A
// session is named by its row id on pages and in forms; its token (the cookie's value)
// never leaves the server.
import { SESSION_POLICY, sessionEnd } from "@/lib/domain/sessions";
import { recordAudit } from "./audit";
import type { Db } from "./client";

export type OwnSession = { id: string; createdAt: Date; lastUsedAt: Date; endsAt: Date; current: boolean };

/** The user's live sessions, newest first; `current` marks the one whose token is `currentToken`. */
export async function listOwnSessions(db: Db, userId: string, currentToken: string | undefined, now = new Date()) {
  const rows = await db.session.findMany({
    where: { userId, expires: { gt: now } },
    select: { id: true, sessionToken: true, createdAt: true, updatedAt: true, expires: true },
    orderBy: { createdAt: "desc" },
  });
  return rows
    .map((r): OwnSession => ({
      id: r.id,
      createdAt: r.createdAt,
      lastUsedAt: r.updatedAt,
      endsAt: sessionEnd({ createdAt: r.createdAt, lastUsedAt: r.updatedAt, expires: r.expires }, SESSION_POLICY),
      current: r.sessionToken === currentToken,
    }))
    .filter((s) => s.endsAt > now);
}

/** Ends one of the user's own sessions; another user's session id changes nothing. */
export async function endOwnSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId } });
    if (count > 0)
      await recordAudit(tx, { action: "session.ended", actorId: userId, entity: "user", entityId: userId });
    return count > 0;
  });
}

/** An admin ends every session of a user (who must sign in again): how many there were. */
export async function endAllSessionsOf(db: Db, adminId: string, userId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) return 0;
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      action: "user.sessions_ended",
      actorId: adminId,
      subject: user.email,
      entity: "user",
      entityId: userId,
      after: { ended: count },
    });
    return count;
  });
}
