// The audit log: append-only.
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "./client";

export type AuditInput = {
  action: string; // e.g. "auth.sign_in"; a check constraint holds the shape
  actorId?: string | null;
  subject?: string | null;
  entity?: string;
  entityId?: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  ip?: string | null;
};

/** Takes the client or a transaction, so a change and its audit entry commit together. */
export function recordAudit(db: Pick<Db, "auditEvent">, event: AuditInput) {
  return db.auditEvent.create({ data: { ...event, subject: event.subject?.toLowerCase() ?? null } });
}

/** For admins; callers check the role. */
export function listAuditEvents(db: Db, filter: { action?: string; subject?: string; take?: number } = {}) {
  return db.auditEvent.findMany({
    where: { action: filter.action, subject: filter.subject?.toLowerCase() },
    orderBy: { at: "desc" },
    take: filter.take ?? 100,
    include: { actor: { select: { email: true } } },
  });
}
