// The audit entries one person's "download my data" file lists: those they made, and those
// about them (their address, their account or one of their records). Which of the two an
// entry is decides how much of it the file shows (lib/domain/personal-data.ts).
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { AuditRow } from "@/lib/domain/personal-data-rows";

const AUDIT_ENTRY = {
  id: true,
  at: true,
  action: true,
  actorId: true,
  entity: true,
  entityId: true,
  before: true,
  after: true,
  ip: true,
} satisfies Prisma.AuditEventSelect;

/**
 * The audit entries by the person or about them: their address, their account, one of their
 * records (attendance is named "<session>:<user>"), or a passkey of theirs.
 */
export async function readAuditTrail(
  tx: Prisma.TransactionClient,
  user: { id: string; email: string },
  ownIds: Record<string, string[]>,
): Promise<AuditRow[]> {
  const about: Prisma.AuditEventWhereInput = {
    OR: [
      { subject: user.email },
      { entity: "user", entityId: user.id },
      { entity: "attendance", entityId: { endsWith: `:${user.id}` } },
      { entity: "Passkey", actorId: user.id },
      ...Object.entries(ownIds).map(([entity, ids]) => ({ entity, entityId: { in: ids } })),
    ],
  };
  const aboutRows = await tx.auditEvent.findMany({
    where: about,
    select: AUDIT_ENTRY,
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const aboutIds = new Set(aboutRows.map((e) => e.id));
  const byRows = await tx.auditEvent.findMany({
    where: { actorId: user.id },
    select: AUDIT_ENTRY,
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  return [
    ...aboutRows.map((e) => ({ ...e, aboutUser: true })),
    ...byRows.filter((e) => !aboutIds.has(e.id)).map((e) => ({ ...e, aboutUser: false })),
  ];
}
