import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { updatePersonProfile } from "@/lib/db/people";
import { updateOwnProfile } from "@/lib/db/profile";
import { commitRosterImport, previewRosterImport, stageRosterImport } from "@/lib/db/roster";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
let n = 0;

async function setup() {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `re-${n}`,
      name: `Cohort ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
    },
  });
  const admin = await t.db.user.create({ data: { email: `re-admin${n}@example.org`, role: "ADMIN" } });
  const importFile = async (content: string) => {
    const { id } = await stageRosterImport(t.db, admin.id, cohort.id, { fileName: "roster.csv", content });
    return id;
  };
  return { cohort, admin, importFile };
}

const HEADER = "Name,Email,Country,Organisation,Position";
const FIRST = [
  HEADER,
  "Ayesha Khan,ayesha@re.example.org,PK,NUST,Lecturer",
  "Reza Ahmadi,reza@re.example.org,IR,University of Tehran,Researcher",
  "Same Person,same@re.example.org,KZ,KazNU,Dean",
].join("\n");
const CORRECTED = [
  HEADER,
  "Ayesha Khan,ayesha@re.example.org,PK,NUST Islamabad,Senior Lecturer",
  // A blank cell keeps the current value.
  "Reza Ahmadi,reza@re.example.org,IR,Tehran University of Medical Sciences,",
  "Same Person,same@re.example.org,KZ,KazNU,Dean",
].join("\n");

const user = (email: string) => t.db.user.findUniqueOrThrow({ where: { email } });

describe("roster re-import", () => {
  it("a corrected file updates the roster's fields, keeps what the person entered, and audit-logs each change", async () => {
    const { cohort, admin, importFile } = await setup();
    // Someone in the cohort whom the file does not name: untouched.
    const other = await t.db.user.create({
      data: {
        email: "other@re.example.org",
        name: "Other",
        organisation: "Elsewhere",
        enrolments: { create: { cohortId: cohort.id, status: "ACTIVE" } },
      },
    });
    expect(
      await commitRosterImport(t.db, admin.id, cohort.id, await importFile(FIRST), { invite: false }),
    ).toMatchObject({ ok: true, result: { created: 3 } });
    // Reza saves his profile, choosing his own certificate name and country.
    const reza = await user("reza@re.example.org");
    await updateOwnProfile(t.db, reza.id, {
      name: "Reza Ahmadi",
      certificateName: "Dr Reza Ahmadi",
      nativeName: "رضا احمدی",
      country: "TR",
      organisation: "University of Tehran",
      position: "Researcher",
      timeZone: "Asia/Tehran",
    });
    expect((await user("reza@re.example.org")).personSetFields.sort()).toEqual([
      "certificateName",
      "country",
      "nativeName",
      "timeZone",
    ]);
    const otherBefore = await t.db.user.findUniqueOrThrow({ where: { id: other.id } });

    const id = await importFile(CORRECTED);
    const preview = await previewRosterImport(t.db, cohort.id, id);
    expect(preview?.plan?.counts).toEqual({ create: 0, update: 2, kept: 0, unchanged: 1, error: 0 });
    const changes = Object.fromEntries(
      preview!.plan!.actions.map((a) => [a.row.email, a.kind === "update" || a.kind === "kept" ? a.changes : a.kind]),
    );
    expect(changes).toEqual({
      "ayesha@re.example.org": [
        { field: "organisation", from: "NUST", to: "NUST Islamabad", applied: true },
        { field: "position", from: "Lecturer", to: "Senior Lecturer", applied: true },
      ],
      "reza@re.example.org": [
        {
          field: "certificateName",
          from: "Dr Reza Ahmadi",
          to: "Reza Ahmadi",
          applied: false,
          reason: "entered-by-person",
        },
        { field: "country", from: "TR", to: "IR", applied: false, reason: "entered-by-person" },
        {
          field: "organisation",
          from: "University of Tehran",
          to: "Tehran University of Medical Sciences",
          applied: true,
        },
      ],
      "same@re.example.org": "unchanged",
    });

    expect(await commitRosterImport(t.db, admin.id, cohort.id, id, { invite: true })).toMatchObject({
      ok: true,
      result: { created: 0, updated: 2, skipped: 1, errors: 0, invited: 0 },
    });
    expect(await user("ayesha@re.example.org")).toMatchObject({
      organisation: "NUST Islamabad",
      position: "Senior Lecturer",
      certificateName: "Ayesha Khan",
    });
    expect(await user("reza@re.example.org")).toMatchObject({
      name: "Reza Ahmadi",
      certificateName: "Dr Reza Ahmadi",
      nativeName: "رضا احمدی",
      country: "TR",
      timeZone: "Asia/Tehran",
      organisation: "Tehran University of Medical Sciences",
      position: "Researcher",
    });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: other.id } })).toEqual(otherBefore);

    // One entry per changed person, with the changed fields before and after.
    const audit = await t.db.auditEvent.findMany({
      where: { action: "user.roster_update", after: { path: ["importId"], equals: id } },
      orderBy: { subject: "asc" },
      select: { actorId: true, subject: true, entityId: true, before: true, after: true },
    });
    expect(audit).toEqual([
      {
        actorId: admin.id,
        subject: "ayesha@re.example.org",
        entityId: (await user("ayesha@re.example.org")).id,
        before: { organisation: "NUST", position: "Lecturer" },
        after: { organisation: "NUST Islamabad", position: "Senior Lecturer", cohortId: cohort.id, importId: id },
      },
      {
        actorId: admin.id,
        subject: "reza@re.example.org",
        entityId: reza.id,
        before: { organisation: "University of Tehran" },
        after: { organisation: "Tehran University of Medical Sciences", cohortId: cohort.id, importId: id },
      },
    ]);

    // The same corrected file again: nothing to write, Reza's own values still listed as kept.
    const again = await previewRosterImport(t.db, cohort.id, await importFile(CORRECTED));
    expect(again?.plan?.counts).toEqual({ create: 0, update: 0, kept: 1, unchanged: 2, error: 0 });
  });

  it("an organiser's edit on the person's page is organiser-supplied: the next roster replaces it", async () => {
    const { cohort, admin, importFile } = await setup();
    const file = (name: string) => `Name,Email\n${name},lena@re.example.org\n`;
    await commitRosterImport(t.db, admin.id, cohort.id, await importFile(file("Lena Ivanova")), { invite: false });
    const lena = await user("lena@re.example.org");
    await updateOwnProfile(t.db, lena.id, {
      name: "Lena Ivanova",
      certificateName: "Yelena Ivanova",
      nativeName: null,
      country: "KZ",
      organisation: "KazNU",
      position: "Lecturer",
      timeZone: "Asia/Almaty",
    });
    // The person's own certificate name is kept by a roster...
    const kept = await previewRosterImport(t.db, cohort.id, await importFile(file("Lena Ivanova")));
    expect(kept?.plan?.counts).toMatchObject({ kept: 1, update: 0 });
    // ...until an organiser sets it on the person's page.
    expect(
      await updatePersonProfile(t.db, admin.id, lena.id, {
        name: "Lena Ivanova",
        certificateName: "Lena I.",
        nativeName: null,
        country: "KZ",
        organisation: "KazNU",
        position: "Lecturer",
      }),
    ).toMatchObject({ ok: true, changed: true });
    expect((await user("lena@re.example.org")).personSetFields.sort()).toEqual([
      "country",
      "organisation",
      "position",
      "timeZone",
    ]);
    const id = await importFile(file("Elena Ivanova"));
    expect(await commitRosterImport(t.db, admin.id, cohort.id, id, { invite: false })).toMatchObject({
      ok: true,
      result: { updated: 1 },
    });
    expect(await user("lena@re.example.org")).toMatchObject({
      name: "Elena Ivanova",
      certificateName: "Elena Ivanova",
    });
  });

  it("the migration marks as the person's own the fields their profile saves changed, unless an organiser changed them later", async () => {
    const { admin } = await setup();
    const make = (email: string) => t.db.user.create({ data: { email, name: email.split("@")[0] } });
    const saved = await make("saved@mig.example.org");
    const edited = await make("edited@mig.example.org");
    const never = await make("never@mig.example.org");
    const profile = { name: "N", certificateName: "Roster Name", country: "PK", organisation: "X", position: "Y" };
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    await t.db.auditEvent.createMany({
      data: [
        // Saved with the roster's certificate name unchanged, the country and time zone changed.
        {
          action: "profile.update",
          actorId: saved.id,
          entity: "user",
          entityId: saved.id,
          before: { ...profile, timeZone: null, profileCompletedAt: null },
          after: { ...profile, country: "TR", timeZone: "Asia/Karachi", profileCompletedAt: at(1).toISOString() },
          at: at(1),
        },
        {
          action: "profile.update",
          actorId: edited.id,
          entity: "user",
          entityId: edited.id,
          before: { ...profile, timeZone: null },
          after: { ...profile, certificateName: "Own Name", timeZone: "UTC" },
          at: at(1),
        },
        // Then an organiser changed the certificate name.
        {
          action: "user.profile_edited",
          actorId: admin.id,
          entity: "user",
          entityId: edited.id,
          before: { certificateName: "Own Name" },
          after: { certificateName: "Organiser Name" },
          at: at(2),
        },
      ],
    });
    const sql = readFileSync(
      path.join(process.cwd(), "prisma/migrations/20261203060300_person_set_fields/migration.sql"),
      "utf8",
    );
    await t.db.$executeRawUnsafe(sql.slice(sql.indexOf("UPDATE")));
    const fields = async (id: string) => (await t.db.user.findUniqueOrThrow({ where: { id } })).personSetFields;
    expect(await fields(saved.id)).toEqual(["country", "timeZone"]);
    expect(await fields(edited.id)).toEqual(["timeZone"]);
    expect(await fields(never.id)).toEqual([]);
  });
});
