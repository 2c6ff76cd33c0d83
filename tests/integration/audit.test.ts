import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  auditWhere,
  countAuditEvents,
  eachAuditBatch,
  listAuditActions,
  listAuditPage,
  recordAudit,
  type AuditSearch,
} from "@/lib/db/audit";
import { resolveAuditNames } from "@/lib/db/audit-names";
import { revokeCertificate } from "@/lib/db/certificate-issue";
import { createSession } from "@/lib/db/sessions";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const MIGRATION = "20261203060200_audit_cohort";
let n = 0;

async function cohort(name: string) {
  n += 1;
  return t.db.cohort.create({
    data: {
      slug: `audit-${n}`,
      name,
      timeZone: "Asia/Karachi",
      startsOn: new Date("2021-12-15"),
      endsOn: new Date("2021-12-16"),
    },
  });
}
const person = (name: string, role: "ADMIN" | "PARTICIPANT" = "PARTICIPANT") =>
  t.db.user.create({ data: { email: `p${++n}@example.org`, name, role } });

async function search(s: AuditSearch, size = 100) {
  const where = await auditWhere(t.db, s);
  return (await listAuditPage(t.db, where, { size })).entries;
}

describe("the audit log's names", () => {
  it("names who acted and what a revocation was about, with its cohort, in one batch per kind of record", async () => {
    const admin = await person("Aylin Admin", "ADMIN");
    const omer = await person("Ömer Çelik");
    const c = await cohort("Karachi Winter");
    await t.db.enrolment.create({ data: { userId: omer.id, cohortId: c.id, status: "ACTIVE" } });
    const cert = await t.db.certificate.create({
      data: {
        code: "ECOSF-26-7K4M-Q9XT",
        userId: omer.id,
        cohortId: c.id,
        name: "Omer Celik",
        statusIndex: 4242,
        credential: "x",
      },
    });
    expect(await revokeCertificate(t.db, admin.id, cert.id, "typo in the name")).toBe(true);

    const where = await auditWhere(t.db, { action: "certificate.revoked", cohort: c.id });
    const { entries } = await listAuditPage(t.db, where, { size: 50 });
    expect(entries).toHaveLength(1);
    const [entry] = await resolveAuditNames(t.db, entries);
    expect(entry).toMatchObject({
      actor: { id: admin.id, name: "Aylin Admin" },
      cohort: { id: c.id, name: "Karachi Winter" },
      target: { code: "ECOSF-26-7K4M-Q9XT", person: { id: omer.id, name: "Ömer Çelik" } },
      after: { reason: "typo in the name" },
    });
  });

  it("names a live session, an attendance record and a cohort, and keeps unknown ids as written", async () => {
    const admin = await person("Bilal Admin", "ADMIN");
    const ana = await person("Ana Lima");
    const c = await cohort("Lahore Spring");
    const session = await createSession(t.db, admin.id, c.id, {
      lectureSlug: "nhz-policy-framework",
      startsAt: new Date("2021-12-15T09:00:00Z"),
      endsAt: new Date("2021-12-15T10:00:00Z"),
      joinUrl: null,
    });
    await recordAudit(t.db, {
      action: "attendance.mark",
      actorId: admin.id,
      entity: "attendance",
      entityId: `${session.id}:${ana.id}`,
      cohortId: c.id,
      after: { status: "PRESENT" },
    });
    await recordAudit(t.db, { action: "cohort.update", actorId: admin.id, entity: "cohort", entityId: c.id });
    await recordAudit(t.db, { action: "roster.import", actorId: admin.id, entity: "roster_import", entityId: "gone" });
    const resolved = await resolveAuditNames(t.db, await search({ person: "Bilal" }));
    const by = (action: string) => resolved.find((e) => e.action === action)!;
    expect(by("session.create").target).toMatchObject({ session: { id: session.id } });
    expect(by("session.create").cohort).toEqual({ id: c.id, name: "Lahore Spring" });
    expect(by("attendance.mark").target).toMatchObject({ person: { name: "Ana Lima" }, session: { id: session.id } });
    expect(by("cohort.update").target).toMatchObject({ cohort: { name: "Lahore Spring" } });
    expect(by("roster.import").target).toEqual({ entity: "roster_import", entityId: "gone" });
  });
  it("reads each kind of record once for a whole page, however many entries name it", async () => {
    const admin = await person("Farid Admin", "ADMIN");
    const c = await cohort("Batch cohort");
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => person(`Batch Person ${i}`)));
    const session = await createSession(t.db, admin.id, c.id, {
      lectureSlug: "nhz-policy-framework",
      startsAt: new Date("2021-12-15T09:00:00Z"),
      endsAt: new Date("2021-12-15T10:00:00Z"),
      joinUrl: null,
    });
    for (const p of people) {
      await recordAudit(t.db, {
        action: "attendance.mark",
        actorId: admin.id,
        entity: "attendance",
        entityId: `${session.id}:${p.id}`,
        cohortId: c.id,
      });
      await recordAudit(t.db, { action: "user.role_changed", actorId: admin.id, entity: "user", entityId: p.id });
    }
    const entries = await search({ person: "Farid" });
    expect(entries).toHaveLength(25);
    const calls: string[] = [];
    const counted = new Proxy(t.db, {
      get(db, model: string) {
        const delegate = Reflect.get(db, model) as object;
        if (typeof delegate !== "object" || delegate === null || !("findMany" in delegate)) return delegate;
        return new Proxy(delegate, {
          get(d, method: string) {
            const value = Reflect.get(d, method) as unknown;
            if (typeof value !== "function") return value;
            return (...args: unknown[]) => {
              calls.push(`${model}.${method}`);
              return (value as (...a: unknown[]) => unknown).apply(d, args);
            };
          },
        });
      },
    });
    const resolved = await resolveAuditNames(counted, entries);
    expect(resolved.filter((e) => e.target?.person?.name?.startsWith("Batch Person"))).toHaveLength(24);
    expect(calls.filter((c) => c === "user.findMany")).toHaveLength(1);
    expect(new Set(calls).size).toBe(calls.length);
  });
});

describe("the audit log's filters", () => {
  it("finds a person by part of their name or address, as actor or as the one acted on", async () => {
    const admin = await person("Chen Admin", "ADMIN");
    const zara = await person("Zara Qureshi");
    await recordAudit(t.db, { action: "profile.update", actorId: zara.id, entity: "user", entityId: zara.id });
    await recordAudit(t.db, {
      action: "user.role_changed",
      actorId: admin.id,
      subject: zara.email,
      entity: "user",
      entityId: zara.id,
    });
    await recordAudit(t.db, { action: "auth.sign_in_failed", subject: zara.email.toUpperCase() });
    await recordAudit(t.db, { action: "auth.sign_in", actorId: admin.id });
    const byName = await search({ person: "qureshi" });
    expect(byName.map((e) => e.action).sort()).toEqual(["auth.sign_in_failed", "profile.update", "user.role_changed"]);
    expect((await search({ person: zara.email.toUpperCase() })).map((e) => e.action).sort()).toEqual(
      byName.map((e) => e.action).sort(),
    );
    expect((await search({ person: "qureshi", action: "profile.update" })).map((e) => e.actorId)).toEqual([zara.id]);
    expect(await search({ person: "nobody-by-this-name" })).toEqual([]);
    expect(await listAuditActions(t.db)).toEqual(expect.arrayContaining(["auth.sign_in", "profile.update"]));
  });

  it("keeps to one cohort: events recorded with it, not another cohort's", async () => {
    const admin = await person("Dana Admin", "ADMIN");
    const mine = await cohort("Cohort Mine");
    const other = await cohort("Cohort Other");
    const slot = { lectureSlug: "nhz-policy-framework", joinUrl: null };
    await createSession(t.db, admin.id, mine.id, {
      ...slot,
      startsAt: new Date("2021-12-15T09:00:00Z"),
      endsAt: new Date("2021-12-15T10:00:00Z"),
    });
    await createSession(t.db, admin.id, other.id, {
      ...slot,
      startsAt: new Date("2021-12-16T09:00:00Z"),
      endsAt: new Date("2021-12-16T10:00:00Z"),
    });
    const found = await search({ cohort: mine.id });
    expect(found.map((e) => [e.action, e.cohortId])).toEqual([["session.create", mine.id]]);
  });

  it("takes from and to as whole days on the viewer's clocks", async () => {
    const at = (iso: string) => new Date(iso);
    // Asia/Karachi is UTC+5 all year: its 2021-12-15 runs from 2021-12-14T19:00Z to 2021-12-15T19:00Z.
    for (const iso of [
      "2021-12-14T18:59:59.999Z",
      "2021-12-14T19:00:00.000Z",
      "2021-12-15T18:59:59.999Z",
      "2021-12-15T19:00:00.000Z",
    ])
      await t.db.auditEvent.create({ data: { action: "range.probe", at: at(iso) } });
    const found = await search({
      action: "range.probe",
      from: "2021-12-15",
      to: "2021-12-15",
      timeZone: "Asia/Karachi",
    });
    expect(found.map((e) => e.at.toISOString())).toEqual(["2021-12-15T18:59:59.999Z", "2021-12-14T19:00:00.000Z"]);
    expect(await search({ action: "range.probe", from: "2021-12-15", timeZone: "UTC" })).toHaveLength(2);
  });
});

describe("paging through the audit log", () => {
  it("pages past 200 entries by time and id, with no entry lost or shown twice, and back again", async () => {
    // 230 entries, by threes on the same millisecond: the id orders entries that share a time.
    const base = new Date("2021-12-15T00:00:00Z").getTime();
    await t.db.auditEvent.createMany({
      data: Array.from({ length: 230 }, (_, i) => ({
        action: "paging.probe",
        at: new Date(base + Math.floor(i / 3) * 1000),
        after: { i },
      })),
    });
    const where = await auditWhere(t.db, { action: "paging.probe" });
    expect(await countAuditEvents(t.db, where)).toBe(230);
    const pages = [];
    let older = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof listAuditPage>> = await listAuditPage(t.db, where, { size: 50, older });
      pages.push(page.entries);
      if (!page.hasMore) break;
      const last = page.entries.at(-1)!;
      older = { at: last.at, id: last.id };
    }
    expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 30]);
    const all = pages.flat();
    expect(new Set(all.map((e) => e.id)).size).toBe(230);
    const sorted = [...all].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
    expect(all.map((e) => e.id)).toEqual(sorted.map((e) => e.id));

    // Newer than the fourth page's first entry: the third page, in the same order.
    const fourthFirst = pages[3]![0]!;
    const back = await listAuditPage(t.db, where, { size: 50, newer: { at: fourthFirst.at, id: fourthFirst.id } });
    expect(back.entries.map((e) => e.id)).toEqual(pages[2]!.map((e) => e.id));
    expect(back.hasMore).toBe(true);

    const batches = [];
    for await (const batch of eachAuditBatch(t.db, where, 100)) batches.push(batch.length);
    expect(batches).toEqual([100, 100, 30]);
  });
});

describe("the migration that added the cohort to audit entries", () => {
  it("finds the cohort of entries recorded before, from the entity or a cohort id in the entry", async () => {
    const admin = await person("Eda Admin", "ADMIN");
    const ana = await person("Ana Backfill");
    const c = await cohort("Backfill cohort");
    const other = await cohort("Backfill other");
    const session = await t.db.liveSession.create({
      data: {
        cohortId: c.id,
        lectureSlug: "nhz-policy-framework",
        startsAt: new Date("2021-12-15T09:00:00Z"),
        endsAt: new Date("2021-12-15T10:00:00Z"),
      },
    });
    const enrolment = await t.db.enrolment.create({ data: { userId: ana.id, cohortId: c.id, status: "ACTIVE" } });
    const roster = await t.db.rosterImport.create({
      data: { cohortId: c.id, actorId: admin.id, fileName: "r.csv", content: "x" },
    });
    const legacy = [
      { action: "cohort.update", entity: "cohort", entityId: c.id },
      { action: "certificate.rule_changed", entity: "Cohort", entityId: c.id },
      { action: "attendance.zoom_name", entity: "cohort", entityId: `${c.id}:ana lima` },
      { action: "session.update", entity: "live_session", entityId: session.id },
      { action: "attendance.mark", entity: "attendance", entityId: `${session.id}:${ana.id}` },
      { action: "enrolment.approve", entity: "enrolment", entityId: enrolment.id },
      { action: "enrolment.import", entity: "enrolment", entityId: "gone", after: { cohortId: c.id } },
      { action: "user.import_fill", entity: "user", entityId: ana.id, after: { importId: roster.id } },
      { action: "roster.import", entity: "roster_import", entityId: roster.id },
    ];
    await t.db.auditEvent.createMany({ data: legacy.map((e) => ({ ...e, actorId: admin.id })) });
    await t.db.auditEvent.create({ data: { action: "cohort.update", entity: "cohort", entityId: other.id } });
    await t.db.auditEvent.create({ data: { action: "auth.sign_in", actorId: admin.id } });
    const sql = readFileSync(
      path.resolve(import.meta.dirname, "../../prisma/migrations", MIGRATION, "migration.sql"),
      "utf8",
    );
    const updates = sql
      .split(";")
      .map((s) => s.replace(/^--.*$/gm, "").trim())
      .filter((s) => s.startsWith("UPDATE"));
    expect(updates.length).toBeGreaterThan(5);
    await t.db.auditEvent.updateMany({ data: { cohortId: null } });
    for (const update of updates) await t.db.$executeRawUnsafe(update);
    const rows = await t.db.auditEvent.findMany({
      where: { actorId: admin.id },
      select: { action: true, cohortId: true },
    });
    expect(rows.filter((r) => r.cohortId !== c.id).map((r) => r.action)).toEqual(["auth.sign_in"]);
    expect(await t.db.auditEvent.count({ where: { cohortId: other.id } })).toBe(1);
  });
});
