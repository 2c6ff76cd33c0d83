// Roster import: an upload is staged (nothing about people is written), its
// dry run is computed against the database as it is now, and confirming it
// applies that plan in one transaction. Callers check the admin role.
import { Prisma } from "@/generated/prisma/client";
import { parseRoster, planRoster, type ExistingPerson, type RosterPlan, type RosterRow } from "@/lib/domain/roster";
import { recordAudit } from "./audit";
import type { Db } from "./client";

type Tx = Prisma.TransactionClient;
export type RosterResult = { created: number; updated: number; skipped: number; errors: number; invited: number };

const CHUNK = 2_000;
const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export function stageRosterImport(db: Db, actorId: string, cohortId: string, file: { fileName: string; content: string }) {
  return db.rosterImport.create({ data: { actorId, cohortId, fileName: file.fileName, content: file.content }, select: { id: true } });
}

export function listRosterImports(db: Db, cohortId: string) {
  return db.rosterImport.findMany({
    where: { cohortId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, fileName: true, createdAt: true, committedAt: true, result: true, actor: { select: { email: true } } },
  });
}

/** The people of the file who already have an account, with their place in this cohort. */
async function loadExisting(db: Db | Tx, cohortId: string, rows: readonly RosterRow[]): Promise<Map<string, ExistingPerson>> {
  const existing = new Map<string, ExistingPerson>();
  for (const part of chunks(rows)) {
    const users = await db.user.findMany({
      where: { email: { in: part.map((r) => r.email) } },
      select: { id: true, email: true, name: true, country: true, organisation: true, position: true, enrolments: { where: { cohortId }, select: { status: true } } },
    });
    for (const u of users) {
      existing.set(u.email, { userId: u.id, name: u.name, country: u.country, organisation: u.organisation, position: u.position, enrolment: u.enrolments[0]?.status ?? null });
    }
  }
  return existing;
}

export type RosterPreview = {
  import: { id: string; fileName: string; createdAt: Date; committedAt: Date | null; result: RosterResult | null };
  parsed: ReturnType<typeof parseRoster>;
  plan: RosterPlan | null;
};

/** The dry run: what confirming would do now. Null when the import is not this cohort's. */
export async function previewRosterImport(db: Db, cohortId: string, importId: string): Promise<RosterPreview | null> {
  const staged = await db.rosterImport.findFirst({ where: { id: importId, cohortId } });
  if (!staged) return null;
  const parsed = parseRoster(staged.content);
  const plan = parsed.ok ? planRoster(parsed, await loadExisting(db, cohortId, parsed.rows)) : null;
  const { content: _content, ...meta } = staged;
  return { import: { ...meta, result: meta.result as RosterResult | null }, parsed, plan };
}

export type CommitOutcome =
  | { ok: true; result: RosterResult; invite: { email: string; name: string }[]; alreadyCommitted: boolean }
  | { ok: false; error: "not-found" | "invalid-file" };

/**
 * Applies the import. The plan is made again inside the transaction, so what
 * changed since the dry run is respected and a second confirmation (two tabs,
 * a replayed request) writes nothing more.
 */
export async function commitRosterImport(db: Db, actorId: string, cohortId: string, importId: string, options: { invite: boolean }): Promise<CommitOutcome> {
  return db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM roster_imports WHERE id = ${importId} AND cohort_id = ${cohortId} FOR UPDATE`;
      if (locked.length === 0) return { ok: false, error: "not-found" } as const;
      // One import at a time per cohort: the cohort row is the lock.
      await tx.$executeRaw`SELECT 1 FROM cohorts WHERE id = ${cohortId} FOR UPDATE`;
      const staged = await tx.rosterImport.findUniqueOrThrow({ where: { id: importId } });
      if (staged.committedAt) return { ok: true, result: staged.result as RosterResult, invite: [], alreadyCommitted: true } as const;
      const parsed = parseRoster(staged.content);
      if (!parsed.ok) return { ok: false, error: "invalid-file" } as const;
      const plan = planRoster(parsed, await loadExisting(tx, cohortId, parsed.rows));
      const result = await applyPlan(tx, actorId, cohortId, importId, plan);
      const invite = options.invite
        ? plan.actions.filter((a) => a.kind === "create" || (a.kind === "update" && a.enrolFrom !== "unchanged")).map((a) => ({ email: a.row.email, name: a.row.name }))
        : [];
      const final = { ...result, invited: invite.length };
      await tx.rosterImport.update({ where: { id: importId }, data: { committedAt: new Date(), result: final, sendInvitations: options.invite } });
      await recordAudit(tx, { action: "roster.import", actorId, entity: "roster_import", entityId: importId, after: { cohortId, fileName: staged.fileName, ...final } });
      return { ok: true, result: final, invite, alreadyCommitted: false } as const;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

async function applyPlan(tx: Tx, actorId: string, cohortId: string, importId: string, plan: RosterPlan): Promise<Omit<RosterResult, "invited">> {
  const creates = plan.actions.flatMap((a) => (a.kind === "create" ? [a.row] : []));
  const updates = plan.actions.flatMap((a) => (a.kind === "update" ? [a] : []));
  const audit: Prisma.AuditEventCreateManyInput[] = [];

  // New people: the account, then the place. skipDuplicates guards against someone signing up meanwhile.
  for (const part of chunks(creates)) {
    await tx.user.createMany({
      data: part.map((r) => ({ email: r.email, name: r.name, country: r.country, organisation: r.organisation || null, position: r.position || null })),
      skipDuplicates: true,
    });
  }
  const createdIds = new Map<string, string>();
  for (const part of chunks(creates)) {
    for (const u of await tx.user.findMany({ where: { email: { in: part.map((r) => r.email) } }, select: { id: true, email: true } })) createdIds.set(u.email, u.id);
  }
  const newPlaces = [
    ...creates.map((r) => createdIds.get(r.email)!),
    ...updates.filter((u) => u.enrolFrom === null).map((u) => u.userId),
  ];
  for (const part of chunks(newPlaces)) {
    await tx.enrolment.createMany({ data: part.map((userId) => ({ userId, cohortId, status: "ACTIVE" as const, source: "ROSTER" as const })), skipDuplicates: true });
  }

  // Places that existed in another status become active.
  const reactivate = updates.filter((u) => u.enrolFrom !== null && u.enrolFrom !== "unchanged");
  for (const part of chunks(reactivate)) {
    await tx.enrolment.updateMany({ where: { cohortId, userId: { in: part.map((u) => u.userId) } }, data: { status: "ACTIVE" } });
  }

  // Profile fields that were empty are filled; the SQL re-checks emptiness, never overwriting.
  const fills = updates.filter((u) => Object.keys(u.fill).length > 0);
  for (const part of chunks(fills)) {
    const col = (f: "name" | "country" | "organisation" | "position") => part.map((u) => u.fill[f] ?? null);
    await tx.$executeRaw`
      UPDATE users AS u SET
        name = COALESCE(NULLIF(btrim(u.name), ''), v.name),
        country = COALESCE(u.country, v.country),
        organisation = COALESCE(NULLIF(btrim(u.organisation), ''), v.organisation),
        position = COALESCE(NULLIF(btrim(u.position), ''), v.position),
        updated_at = now()
      FROM unnest(${part.map((u) => u.userId)}::text[], ${col("name")}::text[], ${col("country")}::text[], ${col("organisation")}::text[], ${col("position")}::text[])
        AS v(id, name, country, organisation, position)
      WHERE u.id = v.id`;
  }

  const enrolmentIds = new Map<string, string>();
  for (const part of chunks(newPlaces.concat(reactivate.map((u) => u.userId)))) {
    for (const e of await tx.enrolment.findMany({ where: { cohortId, userId: { in: part } }, select: { id: true, userId: true } })) enrolmentIds.set(e.userId, e.id);
  }
  const entry = (userId: string, email: string, before: Prisma.InputJsonValue | undefined, after: Prisma.InputJsonValue) =>
    audit.push({ action: "enrolment.import", actorId, subject: email, entity: "enrolment", entityId: enrolmentIds.get(userId) ?? null, before: before ?? Prisma.DbNull, after });
  for (const r of creates) entry(createdIds.get(r.email)!, r.email, undefined, { status: "ACTIVE", cohortId, importId, user: "created" });
  for (const u of updates) {
    if (u.enrolFrom === "unchanged") continue;
    entry(u.userId, u.row.email, u.enrolFrom ? { status: u.enrolFrom, cohortId } : undefined, { status: "ACTIVE", cohortId, importId, filled: Object.keys(u.fill) });
  }
  for (const u of fills) {
    if (u.enrolFrom !== "unchanged") continue;
    audit.push({ action: "user.import_fill", actorId, subject: u.row.email, entity: "user", entityId: u.userId, after: { ...u.fill, importId } });
  }
  for (const part of chunks(audit)) await tx.auditEvent.createMany({ data: part });

  return { created: creates.length, updated: updates.length, skipped: plan.counts.skip, errors: plan.counts.error };
}
