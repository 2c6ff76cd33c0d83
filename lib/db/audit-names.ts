// Names for the ids in audit entries: who acted, and which person, cohort, session,
// certificate, quiz attempt or import an entry is about. One query per kind of record for
// a whole page of entries, never one per entry.
import type { AuditEntry } from "./audit";
import type { Db } from "./client";

export type AuditPerson = { id: string; name: string | null; email: string };
export type AuditCohort = { id: string; name: string };
export type AuditSession = { id: string; lectureSlug: string; startsAt: Date };

/** What an entry is about, as far as the records still exist; `entity`/`entityId` as written when nothing more is known. */
export type AuditTarget = {
  entity: string;
  entityId: string;
  person?: AuditPerson;
  cohort?: AuditCohort;
  session?: AuditSession;
  /** A certificate's code. */
  code?: string;
  /** A quiz attempt's lecture. */
  lectureSlug?: string;
  /** A roster import's file. */
  fileName?: string;
};

export type ResolvedAuditEntry = AuditEntry & {
  actor: AuditPerson | null;
  target: AuditTarget | null;
  cohort: AuditCohort | null;
};

const str = (v: unknown) => (typeof v === "string" && v.length <= 64 ? v : undefined);
const field = (json: unknown, key: string) =>
  json && typeof json === "object" && !Array.isArray(json) ? str((json as Record<string, unknown>)[key]) : undefined;
const head = (id: string) => id.split(":")[0]!;
const tail = (id: string) => id.split(":")[1];
const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const ids = (set: Set<string | undefined>) => [...set].filter((v): v is string => Boolean(v));
/** Rows for these ids, or none without a query when there are no ids. */
const some = async <T>(wanted: Set<string | undefined>, read: (ids: string[]) => Promise<T[]>): Promise<T[]> => {
  const list = ids(wanted);
  return list.length ? read(list) : [];
};

/** The entries with their names resolved. For admins; callers check the role. */
export async function resolveAuditNames(db: Db, entries: readonly AuditEntry[]): Promise<ResolvedAuditEntry[]> {
  const want = {
    users: new Set<string | undefined>(),
    cohorts: new Set<string | undefined>(),
    sessions: new Set<string | undefined>(),
    enrolments: new Set<string | undefined>(),
    certificates: new Set<string | undefined>(),
    attempts: new Set<string | undefined>(),
    excuses: new Set<string | undefined>(),
    imports: new Set<string | undefined>(),
  };
  for (const e of entries) {
    want.users.add(e.actorId ?? undefined);
    want.cohorts.add(e.cohortId ?? undefined);
    want.users.add(field(e.after, "userId") ?? field(e.before, "userId"));
    const id = e.entityId ?? "";
    if (!e.entity || !id) continue;
    if (e.entity === "user") want.users.add(id);
    else if (e.entity.toLowerCase() === "cohort") want.cohorts.add(head(id));
    else if (e.entity === "live_session") want.sessions.add(id);
    else if (e.entity === "attendance") {
      want.sessions.add(head(id));
      want.users.add(tail(id));
    } else if (e.entity === "enrolment") want.enrolments.add(id);
    else if (e.entity === "Certificate") want.certificates.add(id);
    else if (e.entity === "quiz_attempt") want.attempts.add(id);
    else if (e.entity === "excuse_request") want.excuses.add(id);
    else if (e.entity === "roster_import") want.imports.add(id);
  }
  const [enrolments, certificates, attempts, excuses, imports] = await Promise.all([
    some(want.enrolments, (id) =>
      db.enrolment.findMany({ where: { id: { in: id } }, select: { id: true, userId: true } }),
    ),
    some(want.certificates, (id) =>
      db.certificate.findMany({ where: { id: { in: id } }, select: { id: true, code: true, userId: true } }),
    ),
    some(want.attempts, (id) =>
      db.quizAttempt.findMany({ where: { id: { in: id } }, select: { id: true, userId: true, lectureSlug: true } }),
    ),
    some(want.excuses, (id) =>
      db.excuseRequest.findMany({ where: { id: { in: id } }, select: { id: true, userId: true, sessionId: true } }),
    ),
    some(want.imports, (id) =>
      db.rosterImport.findMany({ where: { id: { in: id } }, select: { id: true, fileName: true } }),
    ),
  ]);
  for (const r of [...enrolments, ...certificates, ...attempts, ...excuses]) want.users.add(r.userId);
  for (const x of excuses) want.sessions.add(x.sessionId);
  const [users, cohorts, sessions] = await Promise.all([
    some(want.users, (id) =>
      db.user.findMany({ where: { id: { in: id } }, select: { id: true, name: true, email: true } }),
    ),
    some(want.cohorts, (id) => db.cohort.findMany({ where: { id: { in: id } }, select: { id: true, name: true } })),
    some(want.sessions, (id) =>
      db.liveSession.findMany({ where: { id: { in: id } }, select: { id: true, lectureSlug: true, startsAt: true } }),
    ),
  ]);
  const found = {
    users: byId(users),
    cohorts: byId(cohorts),
    sessions: byId(sessions),
    enrolments: byId(enrolments),
    certificates: byId(certificates),
    attempts: byId(attempts),
    excuses: byId(excuses),
    imports: byId(imports),
  };
  return entries.map((e) => ({
    ...e,
    actor: (e.actorId && found.users.get(e.actorId)) || null,
    cohort: (e.cohortId && found.cohorts.get(e.cohortId)) || null,
    target: targetOf(e, found),
  }));
}

type Found = {
  users: Map<string, AuditPerson>;
  cohorts: Map<string, AuditCohort>;
  sessions: Map<string, AuditSession>;
  enrolments: Map<string, { userId: string }>;
  certificates: Map<string, { code: string; userId: string }>;
  attempts: Map<string, { userId: string; lectureSlug: string }>;
  excuses: Map<string, { userId: string; sessionId: string }>;
  imports: Map<string, { fileName: string }>;
};

function targetOf(e: AuditEntry, f: Found): AuditTarget | null {
  if (!e.entity || !e.entityId) return null;
  const id = e.entityId;
  const base = { entity: e.entity, entityId: id };
  const person = (userId: string | undefined) => (userId ? f.users.get(userId) : undefined);
  const named = field(e.after, "userId") ?? field(e.before, "userId");
  switch (e.entity) {
    case "user":
      return { ...base, person: person(id) };
    case "cohort":
    case "Cohort":
      return { ...base, cohort: f.cohorts.get(head(id)) };
    case "live_session":
      return { ...base, session: f.sessions.get(id) };
    case "attendance":
      return { ...base, person: person(tail(id)), session: f.sessions.get(head(id)) };
    case "enrolment":
      return { ...base, person: person(f.enrolments.get(id)?.userId ?? named) };
    case "Certificate": {
      const c = f.certificates.get(id);
      return { ...base, code: c?.code ?? field(e.after, "code"), person: person(c?.userId ?? named) };
    }
    case "quiz_attempt": {
      const a = f.attempts.get(id);
      return { ...base, lectureSlug: a?.lectureSlug, person: person(a?.userId) };
    }
    case "excuse_request": {
      const x = f.excuses.get(id);
      return { ...base, person: person(x?.userId), session: x ? f.sessions.get(x.sessionId) : undefined };
    }
    case "roster_import":
      return { ...base, fileName: f.imports.get(id)?.fileName ?? field(e.after, "fileName") };
    default:
      return base;
  }
}
