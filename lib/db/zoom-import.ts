// Zoom participant reports for one session: staged on upload (nothing about
// attendance is written), previewed against the records as they are now, and
// applied on the admin's confirmation in one transaction. Callers check the
// admin role; every change is audit-logged with the old and new value.
import type { Prisma } from "@/generated/prisma/client";
import { mergeParticipants, type Candidate } from "@/lib/domain/attendance";
import { normaliseEmail } from "@/lib/domain/email";
import { planZoomImport, type Current } from "@/lib/domain/zoom-import";
import { assessReportFit } from "@/lib/domain/zoom-fit";
import { nameMemoryChanges } from "@/lib/domain/zoom-names";
import { parseZoomReport } from "@/lib/domain/zoom-report";
import { getAttendanceSettings } from "./attendance";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";
import { checkedRows, ZIdRow } from "./sql";

type Tx = Prisma.TransactionClient;

export function stageZoomImport(
  db: Db,
  actorId: string,
  sessionId: string,
  file: { fileName: string; content: string; timeZone: string },
) {
  return db.zoomImport.create({ data: { actorId, sessionId, ...file }, select: { id: true } });
}

/**
 * timeZone: the zone to read the report's times in instead of the one it was checked in; acceptMisfit:
 * the admin's explicit choice to import a report whose times do not fit the session.
 */
export type Choices = {
  assignments: Record<string, string>;
  overrides: Set<string>;
  timeZone?: string;
  acceptMisfit?: boolean;
};

async function load(db: Db | Tx, cohortId: string, sessionId: string, importId: string, choices: Choices) {
  const staged = await db.zoomImport.findFirst({
    where: { id: importId, sessionId, session: { cohortId } },
    include: { session: { include: { cohort: { select: { timeZone: true } } } } },
  });
  if (!staged) return null;
  const timeZone = choices.timeZone ?? staged.timeZone;
  const report = parseZoomReport(staged.content, timeZone);
  if (!report.ok)
    return { staged, report, plan: null, people: [], remembered: new Map<string, string>(), fit: null, timeZone };
  const fit = assessReportFit({
    spans: report.rows,
    session: staged.session,
    readIn: timeZone,
    preferred: [staged.session.cohort.timeZone, staged.timeZone],
  });
  const [settings, enrolled, records, memory] = await Promise.all([
    getAttendanceSettings(db, cohortId),
    db.enrolment.findMany({
      where: { cohortId, status: "ACTIVE" },
      orderBy: [{ user: { certificateName: "asc" } }, { user: { email: "asc" } }],
      select: {
        user: { select: { id: true, email: true, name: true, certificateName: true, nativeName: true, country: true } },
      },
    }),
    db.attendanceRecord.findMany({
      where: { sessionId },
      select: { userId: true, status: true, source: true, minutes: true },
    }),
    db.zoomNameMatch.findMany({ where: { cohortId }, select: { zoomKey: true, userId: true } }),
  ]);
  const remembered = new Map(memory.map((r) => [r.zoomKey, r.userId]));
  const people = enrolled.map((e) => e.user);
  const candidates: Candidate[] = people.map((u) => ({
    id: u.id,
    email: u.email,
    names: [u.name, u.certificateName, u.nativeName].filter((n): n is string => Boolean(n)),
  }));
  // In a large cohort the preview asks for a participant's e-mail instead of listing everyone: read it as their id.
  const byEmail = new Map(people.map((u) => [u.email.toLowerCase(), u.id]));
  const assignments = Object.fromEntries(
    Object.entries(choices.assignments).map(([key, v]) => {
      const typed = normaliseEmail(v);
      return [key, typed.includes("@") ? (byEmail.get(typed) ?? v) : v];
    }),
  );
  const current = new Map<string, Current>(
    records.map((r) => [
      r.userId,
      { status: r.status, source: r.source, minutes: r.minutes === null ? null : Number(r.minutes) },
    ]),
  );
  const plan = planZoomImport({
    people: mergeParticipants(report.rows),
    candidates,
    current,
    session: staged.session,
    thresholds: settings,
    assignments,
    overrides: choices.overrides,
    remembered,
  });
  return { staged, report, plan, people, remembered, fit, timeZone };
}

/** The preview: null when the import is not this session's (of this cohort). fit: how the report's times fit the session. */
export function previewZoomImport(
  db: Db,
  cohortId: string,
  sessionId: string,
  importId: string,
  choices: Choices = { assignments: {}, overrides: new Set() },
) {
  return load(db, cohortId, sessionId, importId, choices);
}

export type ZoomCommit =
  | { ok: true; set: number; alreadyCommitted: boolean }
  | { ok: false; error: "not-found" | "invalid-file" | "needs-review" | "misfit" };

/**
 * Applies the plan as it stands now, with the admin's choices; a second confirmation changes nothing.
 * A report whose times do not fit the session is applied only with the admin's explicit acceptMisfit.
 */
export async function commitZoomImport(
  db: Db,
  actorId: string,
  cohortId: string,
  sessionId: string,
  importId: string,
  choices: Choices,
): Promise<ZoomCommit> {
  return db.$transaction(
    async (tx) => {
      const locked = checkedRows(
        ZIdRow,
        await tx.$queryRaw`SELECT id FROM zoom_imports WHERE id = ${importId} AND session_id = ${sessionId} FOR UPDATE`,
      );
      if (locked.length === 0) return { ok: false, error: "not-found" } as const;
      const loaded = await load(tx, cohortId, sessionId, importId, choices);
      if (!loaded) return { ok: false, error: "not-found" } as const;
      if (loaded.staged.committedAt) return { ok: true, set: 0, alreadyCommitted: true } as const;
      if (!loaded.plan) return { ok: false, error: "invalid-file" } as const;
      if (loaded.plan.review.length > 0) return { ok: false, error: "needs-review" } as const;
      if (loaded.fit?.kind !== "fits" && !choices.acceptMisfit) return { ok: false, error: "misfit" } as const;
      const before = new Map((await tx.attendanceRecord.findMany({ where: { sessionId } })).map((r) => [r.userId, r]));
      const setUsers: string[] = [];
      for (const p of loaded.plan.proposals) {
        if (p.change !== "set") continue;
        const old = before.get(p.userId);
        await tx.attendanceRecord.upsert({
          where: { sessionId_userId: { sessionId, userId: p.userId } },
          create: {
            sessionId,
            userId: p.userId,
            status: p.status,
            source: "ZOOM",
            minutes: p.minutes,
            updatedById: actorId,
          },
          update: { status: p.status, source: "ZOOM", minutes: p.minutes, updatedById: actorId },
        });
        await recordAudit(tx, {
          action: "attendance.zoom",
          actorId,
          entity: "attendance",
          entityId: `${sessionId}:${p.userId}`,
          cohortId,
          before: old
            ? { status: old.status, source: old.source, minutes: old.minutes === null ? null : Number(old.minutes) }
            : undefined,
          after: { status: p.status, source: "ZOOM", minutes: p.minutes, importId },
        });
        setUsers.push(p.userId);
      }
      const set = setUsers.length;
      await queueIssuing(tx, cohortId, setUsers);
      await rememberNames(tx, actorId, cohortId, nameMemoryChanges(loaded.plan.assigned, loaded.remembered));
      await tx.zoomImport.update({
        where: { id: importId },
        // The zone the applied times were read in, which a re-read may have changed.
        data: { committedAt: new Date(), timeZone: loaded.timeZone, result: { ...loaded.plan.counts, set } },
      });
      return { ok: true, set, alreadyCommitted: false } as const;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Stores the admin's hand matches for the cohort's later reports (inside the confirmation's transaction). */
async function rememberNames(tx: Tx, actorId: string, cohortId: string, changes: ReturnType<typeof nameMemoryChanges>) {
  for (const c of changes) {
    const data = { zoomName: c.name, zoomEmail: c.email, userId: c.userId, confirmedById: actorId };
    await tx.zoomNameMatch.upsert({
      where: { cohortId_zoomKey: { cohortId, zoomKey: c.key } },
      create: { cohortId, zoomKey: c.key, ...data },
      update: data,
    });
    await recordAudit(tx, {
      action: "attendance.zoom_name",
      actorId,
      entity: "cohort",
      entityId: `${cohortId}:${c.key}`,
      cohortId,
      before: c.before ? { userId: c.before } : undefined,
      after: { userId: c.userId, zoomName: c.name },
    });
  }
}

/** Forgets one remembered Zoom name of this cohort; false when the cohort has no such name. */
export async function forgetZoomName(db: Db, actorId: string, cohortId: string, zoomKey: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.zoomNameMatch.findUnique({ where: { cohortId_zoomKey: { cohortId, zoomKey } } });
    if (!row) return false;
    await tx.zoomNameMatch.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      action: "attendance.zoom_name_forget",
      actorId,
      entity: "cohort",
      entityId: `${cohortId}:${zoomKey}`,
      cohortId,
      before: { userId: row.userId, zoomName: row.zoomName },
    });
    return true;
  });
}
