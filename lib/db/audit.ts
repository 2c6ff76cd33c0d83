// The audit log: append-only.
import type { Prisma } from "@/generated/prisma/client";
import { auditDateRange, type AuditCursor } from "@/lib/domain/audit";
import type { Db } from "./client";

export type AuditInput = {
  action: string; // e.g. "auth.sign_in"; a check constraint holds the shape
  actorId?: string | null;
  subject?: string | null;
  entity?: string;
  entityId?: string;
  /** The cohort the change is about, directly or through one of its records: the log's cohort filter reads it. */
  cohortId?: string | null;
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

export type AuditSearch = {
  action?: string;
  /** A name or e-mail, or part of one: entries by that person or about them. */
  person?: string;
  cohort?: string;
  /** Calendar days on the viewer's clocks. */
  from?: string;
  to?: string;
  timeZone?: string;
};

/** People a log search names, at most this many: a search as wide as "a" still makes one bounded query. */
const PEOPLE_MATCHED = 200;

/** The `where` of a search: the records about a person are found once, then matched by id. For admins; callers check the role. */
export async function auditWhere(db: Db, search: AuditSearch): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (search.action) and.push({ action: search.action });
  if (search.cohort) and.push({ cohortId: search.cohort });
  const range = auditDateRange(search, search.timeZone ?? "UTC");
  if (range.gte || range.lt) and.push({ at: range });
  const person = search.person?.trim().toLowerCase();
  if (person) and.push(await personWhere(db, person));
  return { AND: and };
}

async function personWhere(db: Db, person: string): Promise<Prisma.AuditEventWhereInput> {
  const users = await db.user.findMany({
    where: {
      OR: [
        { email: { contains: person, mode: "insensitive" } },
        { name: { contains: person, mode: "insensitive" } },
        { certificateName: { contains: person, mode: "insensitive" } },
      ],
    },
    select: { id: true, email: true },
    take: PEOPLE_MATCHED,
  });
  const ids = users.map((u) => u.id);
  const [enrolments, certificates] = ids.length
    ? await Promise.all([
        db.enrolment.findMany({ where: { userId: { in: ids } }, select: { id: true } }),
        db.certificate.findMany({ where: { userId: { in: ids } }, select: { id: true } }),
      ])
    : [[], []];
  return {
    OR: [
      { subject: { contains: person } },
      { subject: { in: users.map((u) => u.email.toLowerCase()) } },
      { actorId: { in: ids } },
      { entity: "user", entityId: { in: ids } },
      { entity: "enrolment", entityId: { in: enrolments.map((e) => e.id) } },
      { entity: "Certificate", entityId: { in: certificates.map((c) => c.id) } },
      ...ids.map((id) => ({ entity: "attendance", entityId: { endsWith: `:${id}` } })),
    ],
  };
}

const ENTRY = {
  id: true,
  at: true,
  action: true,
  actorId: true,
  subject: true,
  entity: true,
  entityId: true,
  cohortId: true,
  before: true,
  after: true,
  ip: true,
} satisfies Prisma.AuditEventSelect;

export type AuditEntry = Prisma.AuditEventGetPayload<{ select: typeof ENTRY }>;

/**
 * One page of the log, newest first, from a position: `older` than an entry (or the newest
 * when none) or `newer` than one. Keyset paging on (at, id), so a page deep in a long log
 * costs what the first one does. `hasMore`: there are entries past the page in its direction.
 */
export async function listAuditPage(
  db: Db,
  where: Prisma.AuditEventWhereInput,
  page: { size: number; older?: AuditCursor | null; newer?: AuditCursor | null },
): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  const newer = !page.older && page.newer ? page.newer : null;
  const from = page.older ?? newer;
  const keyset: Prisma.AuditEventWhereInput | undefined = from
    ? newer
      ? { OR: [{ at: { gt: from.at } }, { at: from.at, id: { gt: from.id } }] }
      : { OR: [{ at: { lt: from.at } }, { at: from.at, id: { lt: from.id } }] }
    : undefined;
  const direction = newer ? "asc" : "desc";
  const rows = await db.auditEvent.findMany({
    where: keyset ? { AND: [where, keyset] } : where,
    orderBy: [{ at: direction }, { id: direction }],
    take: page.size + 1,
    select: ENTRY,
  });
  const entries = rows.slice(0, page.size);
  return { entries: newer ? entries.reverse() : entries, hasMore: rows.length > page.size };
}

export function countAuditEvents(db: Db, where: Prisma.AuditEventWhereInput) {
  return db.auditEvent.count({ where });
}

/** Every matching entry, newest first, in batches of `size`: for an export of any length. */
export async function* eachAuditBatch(db: Db, where: Prisma.AuditEventWhereInput, size = 500) {
  let older: AuditCursor | null = null;
  for (;;) {
    const { entries, hasMore } = await listAuditPage(db, where, { size, older });
    if (entries.length) yield entries;
    if (!hasMore) return;
    const last = entries[entries.length - 1]!;
    older = { at: last.at, id: last.id };
  }
}

/** The kinds of entries the log holds; GROUP BY in the database, where findMany's distinct would read every row. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
