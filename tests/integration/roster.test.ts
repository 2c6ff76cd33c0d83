import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commitRosterImport, listRosterImports, previewRosterImport, stageRosterImport } from "@/lib/db/roster";
import { generateRoster } from "../support/roster-fixture";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
let n = 0;

async function setup(data: Record<string, unknown> = {}) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `r-${n}`,
      name: `Cohort ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
      ...data,
    },
  });
  const admin = await t.db.user.create({ data: { email: `admin${n}@example.org`, role: "ADMIN" } });
  return { cohort, admin };
}

const FILE = [
  "Name,Email Address,Country,Institution,Designation",
  "Ayesha Khan,AYESHA@example.org,Pakistan,NUST,Lecturer",
  'Reza Ahmadi,reza@example.org,IR,University of Tehran,=HYPERLINK("http://evil")',
  "Not An Email,not-an-email,PK,X,Y",
  "Ayesha Again,ayesha@example.org,PK,NUST,Lecturer",
  "Somebody,some@example.org,Atlantis,X,Y",
  "Existing Person,existing@example.org,KZ,Al-Farabi KazNU,Professor",
  "Already In,already@example.org,CN,Tsinghua,Dean",
].join("\n");

describe("roster import", () => {
  it("dry run writes no people; confirming creates, fills, reactivates and skips; a second import changes nothing", async () => {
    const { cohort, admin } = await setup();
    // Someone with an account and a name they entered, but no place: gets a place; their name stays.
    const existing = await t.db.user.create({
      data: { email: "existing@example.org", name: "Their Own Name", country: null, personSetFields: ["name"] },
    });
    // Someone already enrolled with a complete profile: skipped.
    const already = await t.db.user.create({
      data: {
        email: "already@example.org",
        name: "Already In",
        certificateName: "Already In",
        profileCompletedAt: new Date(),
        country: "CN",
        organisation: "Tsinghua",
        position: "Dean",
      },
    });
    await t.db.enrolment.create({ data: { userId: already.id, cohortId: cohort.id, status: "ACTIVE" } });
    const usersBefore = await t.db.user.count();

    const { id } = await stageRosterImport(t.db, admin.id, cohort.id, { fileName: "roster.csv", content: FILE });
    const preview = await previewRosterImport(t.db, cohort.id, id);
    expect(preview?.plan?.counts).toEqual({ create: 2, update: 1, kept: 0, unchanged: 1, error: 3 });
    expect(preview?.parsed.ok && preview.parsed.errors.map((e) => [e.line, e.code])).toEqual([
      [4, "invalid-email"],
      [5, "duplicate-in-file"],
      [6, "unknown-country"],
    ]);
    expect(await t.db.user.count()).toBe(usersBefore);
    expect(await t.db.enrolment.count({ where: { cohortId: cohort.id } })).toBe(1);

    const first = await commitRosterImport(t.db, admin.id, cohort.id, id, { invite: true });
    expect(first).toMatchObject({
      ok: true,
      alreadyCommitted: false,
      result: { created: 2, updated: 1, skipped: 1, errors: 3, invited: 3 },
    });
    expect(first.ok && first.invite.map((p) => p.email).sort()).toEqual([
      "ayesha@example.org",
      "existing@example.org",
      "reza@example.org",
    ]);
    const reza = await t.db.user.findUniqueOrThrow({
      where: { email: "reza@example.org" },
      include: { enrolments: true },
    });
    // Formula-like text is stored as text, unchanged.
    expect(reza).toMatchObject({
      name: "Reza Ahmadi",
      country: "IR",
      organisation: "University of Tehran",
      position: '=HYPERLINK("http://evil")',
    });
    expect(reza.enrolments).toEqual([
      expect.objectContaining({ cohortId: cohort.id, status: "ACTIVE", source: "ROSTER" }),
    ]);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({
      name: "Their Own Name",
      country: "KZ",
      organisation: "Al-Farabi KazNU",
    });
    // New people get their roster name as the certificate name; someone who never saved their
    // profile gets their own name.
    expect(reza.certificateName).toBe("Reza Ahmadi");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: existing.id } })).certificateName).toBe("Their Own Name");
    expect(await t.db.enrolment.count({ where: { cohortId: cohort.id, status: "ACTIVE" } })).toBe(4);
    expect(await t.db.auditEvent.count({ where: { action: "enrolment.import" } })).toBe(3);
    expect(await t.db.auditEvent.count({ where: { action: "roster.import", entityId: id } })).toBe(1);

    // Confirming the same upload again (a second tab, a replayed request) writes nothing more.
    const again = await commitRosterImport(t.db, admin.id, cohort.id, id, { invite: true });
    expect(again).toMatchObject({ ok: true, alreadyCommitted: true, invite: [] });
    // Uploading the same file again changes nothing: the name the person entered is still kept.
    const second = await stageRosterImport(t.db, admin.id, cohort.id, { fileName: "roster.csv", content: FILE });
    expect((await previewRosterImport(t.db, cohort.id, second.id))?.plan?.counts).toEqual({
      create: 0,
      update: 0,
      kept: 1,
      unchanged: 3,
      error: 3,
    });
    const snapshot = async () => ({
      users: await t.db.user.findMany({
        orderBy: { email: "asc" },
        select: { email: true, name: true, country: true, organisation: true, position: true, updatedAt: true },
      }),
      enrolments: await t.db.enrolment.findMany({
        orderBy: { id: "asc" },
        select: { id: true, status: true, updatedAt: true },
      }),
    });
    const before = await snapshot();
    expect(await commitRosterImport(t.db, admin.id, cohort.id, second.id, { invite: true })).toMatchObject({
      ok: true,
      result: { created: 0, updated: 0, skipped: 4, invited: 0 },
    });
    expect(await snapshot()).toEqual(before);
    expect((await listRosterImports(t.db, cohort.id)).map((i) => Boolean(i.committedAt))).toEqual([true, true]);
  });

  it("reactivates a withdrawn place and writes the roster's fields", async () => {
    const { cohort, admin } = await setup();
    const u = await t.db.user.create({ data: { email: "back@example.org", name: "Back Again", organisation: "  " } });
    await t.db.enrolment.create({ data: { userId: u.id, cohortId: cohort.id, status: "WITHDRAWN" } });
    const { id } = await stageRosterImport(t.db, admin.id, cohort.id, {
      fileName: "r.csv",
      content: "email,name,organisation\nback@example.org,Other Name,New Org\n",
    });
    expect(await commitRosterImport(t.db, admin.id, cohort.id, id, { invite: false })).toMatchObject({
      ok: true,
      result: { updated: 1, invited: 0 },
    });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({
      name: "Other Name",
      certificateName: "Other Name",
      organisation: "New Org",
    });
    expect((await t.db.enrolment.findFirstOrThrow({ where: { userId: u.id } })).status).toBe("ACTIVE");
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "enrolment.import", subject: "back@example.org" },
    });
    expect(audit.before).toMatchObject({ status: "WITHDRAWN" });
    expect(audit.after).toMatchObject({ status: "ACTIVE" });
  });

  it("gives a certificate name only where the person chose none and the name is in Latin script", async () => {
    const { cohort, admin } = await setup();
    await t.db.user.create({
      data: { email: "chose@example.org", name: "Chose", profileCompletedAt: new Date(), certificateName: null },
    });
    await t.db.user.create({
      data: {
        email: "own@example.org",
        name: "Own",
        certificateName: "Own Choice",
        personSetFields: ["certificateName"],
      },
    });
    const { id } = await stageRosterImport(t.db, admin.id, cohort.id, {
      fileName: "r.csv",
      content:
        "email,name\nchose@example.org,Roster Name\nfarsi@example.org,علی رضایی\nlatin@example.org,José Núñez\nown@example.org,Own Name\n",
    });
    expect(await commitRosterImport(t.db, admin.id, cohort.id, id, { invite: false })).toMatchObject({ ok: true });
    const names = await t.db.user.findMany({
      where: { email: { in: ["chose@example.org", "farsi@example.org", "latin@example.org", "own@example.org"] } },
      orderBy: { email: "asc" },
      select: { email: true, certificateName: true },
    });
    expect(names).toEqual([
      { email: "chose@example.org", certificateName: "Roster Name" },
      { email: "farsi@example.org", certificateName: null },
      { email: "latin@example.org", certificateName: "José Núñez" },
      { email: "own@example.org", certificateName: "Own Choice" },
    ]);
  });

  it("the migration gives people imported earlier their name as certificate name, and no one else", async () => {
    const { cohort } = await setup();
    const make = (email: string, data: object, source: "ROSTER" | "INVITE_LINK" = "ROSTER") =>
      t.db.user.create({
        data: { email, ...data, enrolments: { create: { cohortId: cohort.id, status: "ACTIVE", source } } },
      });
    await make("old-import@example.org", { name: "  Old   Import " });
    await make("old-farsi@example.org", { name: "علی" });
    await make("old-saved@example.org", { name: "Saved Profile", profileCompletedAt: new Date() });
    await make("old-own@example.org", { name: "Old Own", certificateName: "Their Choice" });
    await make("old-self@example.org", { name: "Signed Up" }, "INVITE_LINK");
    const sql = readFileSync(
      path.join(process.cwd(), "prisma/migrations/20261203022500_roster_certificate_names/migration.sql"),
      "utf8",
    );
    await t.db.$executeRawUnsafe(sql);
    const rows = await t.db.user.findMany({
      where: { email: { startsWith: "old-" } },
      orderBy: { email: "asc" },
      select: { email: true, certificateName: true },
    });
    expect(rows).toEqual([
      { email: "old-farsi@example.org", certificateName: null },
      { email: "old-import@example.org", certificateName: "Old Import" },
      { email: "old-own@example.org", certificateName: "Their Choice" },
      { email: "old-saved@example.org", certificateName: null },
      { email: "old-self@example.org", certificateName: null },
    ]);
  });

  it("cannot preview or confirm another cohort's import by guessing its id", async () => {
    const a = await setup();
    const b = await setup();
    const { id } = await stageRosterImport(t.db, a.admin.id, a.cohort.id, {
      fileName: "r.csv",
      content: "email,name\nx@example.org,X\n",
    });
    expect(await previewRosterImport(t.db, b.cohort.id, id)).toBeNull();
    expect(await commitRosterImport(t.db, b.admin.id, b.cohort.id, id, { invite: false })).toEqual({
      ok: false,
      error: "not-found",
    });
    expect(await t.db.user.count({ where: { email: "x@example.org" } })).toBe(0);
  });

  it("imports a generated file of 10,000 rows, then re-imports it without a change", async () => {
    const { cohort, admin } = await setup();
    const content = generateRoster(10_000);
    const { id } = await stageRosterImport(t.db, admin.id, cohort.id, { fileName: "big.csv", content });
    expect((await previewRosterImport(t.db, cohort.id, id))?.plan?.counts).toEqual({
      create: 10_000,
      update: 0,
      kept: 0,
      unchanged: 0,
      error: 0,
    });
    expect(await commitRosterImport(t.db, admin.id, cohort.id, id, { invite: false })).toMatchObject({
      ok: true,
      result: { created: 10_000 },
    });
    expect(await t.db.enrolment.count({ where: { cohortId: cohort.id, status: "ACTIVE", source: "ROSTER" } })).toBe(
      10_000,
    );
    expect(
      await t.db.auditEvent.count({ where: { action: "enrolment.import", after: { path: ["importId"], equals: id } } }),
    ).toBe(10_000);
    const again = await stageRosterImport(t.db, admin.id, cohort.id, { fileName: "big.csv", content });
    expect((await previewRosterImport(t.db, cohort.id, again.id))?.plan?.counts).toEqual({
      create: 0,
      update: 0,
      kept: 0,
      unchanged: 10_000,
      error: 0,
    });
    expect(await commitRosterImport(t.db, admin.id, cohort.id, again.id, { invite: false })).toMatchObject({
      ok: true,
      result: { created: 0, updated: 0, skipped: 10_000 },
    });
    expect(await t.db.user.count({ where: { email: { endsWith: "@roster.example.org" } } })).toBe(10_000);
  }, 60_000);
});
