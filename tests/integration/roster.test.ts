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
    // Someone with an account and their own profile, but no place: gets a place; their own answers stay.
    const existing = await t.db.user.create({
      data: { email: "existing@example.org", name: "Their Own Name", country: null },
    });
    // Someone already enrolled with a complete profile: skipped.
    const already = await t.db.user.create({
      data: {
        email: "already@example.org",
        name: "Already In",
        country: "CN",
        organisation: "Tsinghua",
        position: "Dean",
      },
    });
    await t.db.enrolment.create({ data: { userId: already.id, cohortId: cohort.id, status: "ACTIVE" } });
    const usersBefore = await t.db.user.count();

    const { id } = await stageRosterImport(t.db, admin.id, cohort.id, { fileName: "roster.csv", content: FILE });
    const preview = await previewRosterImport(t.db, cohort.id, id);
    expect(preview?.plan?.counts).toEqual({ create: 2, update: 1, skip: 1, error: 3 });
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
    expect(await t.db.enrolment.count({ where: { cohortId: cohort.id, status: "ACTIVE" } })).toBe(4);
    expect(await t.db.auditEvent.count({ where: { action: "enrolment.import" } })).toBe(3);
    expect(await t.db.auditEvent.count({ where: { action: "roster.import", entityId: id } })).toBe(1);

    // Confirming the same upload again (a second tab, a replayed request) writes nothing more.
    const again = await commitRosterImport(t.db, admin.id, cohort.id, id, { invite: true });
    expect(again).toMatchObject({ ok: true, alreadyCommitted: true, invite: [] });
    // Uploading the same file again plans only skips, and confirming it changes nothing.
    const second = await stageRosterImport(t.db, admin.id, cohort.id, { fileName: "roster.csv", content: FILE });
    expect((await previewRosterImport(t.db, cohort.id, second.id))?.plan?.counts).toEqual({
      create: 0,
      update: 0,
      skip: 4,
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

  it("reactivates a withdrawn place and fills only empty fields", async () => {
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
      name: "Back Again",
      organisation: "New Org",
    });
    expect((await t.db.enrolment.findFirstOrThrow({ where: { userId: u.id } })).status).toBe("ACTIVE");
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "enrolment.import", subject: "back@example.org" },
    });
    expect(audit.before).toMatchObject({ status: "WITHDRAWN" });
    expect(audit.after).toMatchObject({ status: "ACTIVE" });
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
      skip: 0,
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
      skip: 10_000,
      error: 0,
    });
    expect(await commitRosterImport(t.db, admin.id, cohort.id, again.id, { invite: false })).toMatchObject({
      ok: true,
      result: { created: 0, updated: 0, skipped: 10_000 },
    });
    expect(await t.db.user.count({ where: { email: { endsWith: "@roster.example.org" } } })).toBe(10_000);
  }, 60_000);
});
