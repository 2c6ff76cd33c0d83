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

/** A plain JSON copy of a row or value (dates as ISO strings), for an entry's before and after. */
export const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/** Takes the client or a transaction, so a change and its audit entry commit together. */
export function recordAudit(db: Pick<Db, "auditEvent">, event: AuditInput) {
  return db.auditEvent.create({ data: { ...event, subject: event.subject?.toLowerCase() ?? null } });
}

/** For admins; callers check the role. `person` matches the actor's or the subject's address. */
export function listAuditEvents(db: Db, filter: { action?: string; person?: string; take?: number } = {}) {
  const person = filter.person?.trim().toLowerCase();
  return db.auditEvent.findMany({
    where: {
      action: filter.action || undefined,
      ...(person ? { OR: [{ subject: person }, { actor: { email: person } }] } : {}),
    },
    orderBy: { at: "desc" },
    take: filter.take ?? 200,
    include: { actor: { select: { email: true } } },
  });
}

export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.auditEvent.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}
