// Erasing a person against a real database: afterwards no table of any schema holds a trace
// of them, the cohort's anonymous figures are unchanged, the other participant is untouched,
// and a refused erasure changes nothing.
import { describe, expect, it } from "vitest";
import { ERASED_REASON, ERASED_TEXT, isErasedAddress } from "@/lib/domain/erasure";
import { erasePerson, PERSON_ERASED } from "@/lib/db/erasure";
import { searchPeople } from "@/lib/db/people";
import { recordAudit } from "@/lib/db/audit";
import { recordNotice } from "@/lib/db/notices";
import { checkedRows } from "@/lib/db/sql";
import { z } from "zod";
import { setUpTestDatabase } from "./support/database";
import { runDueJobs } from "./support/jobs";
import { personalDataScene, type Person } from "./support/personal-data-scene";

const t = setUpTestDatabase();

/** Every row of every table outside PostgreSQL's own schemas, as text, lower-case. */
async function everyRow(): Promise<string> {
  const tables = checkedRows(
    z.strictObject({ schema: z.string(), name: z.string() }),
    await t.db.$queryRaw`
      SELECT table_schema::text AS schema, table_name::text AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(["users", "audit_events", "roster_imports"]));
  const texts: string[] = [];
  for (const { schema, name } of tables) {
    const rows = await t.db.$queryRawUnsafe<{ text: string | null }[]>(
      `SELECT string_agg(x::text, E'\\n') AS text FROM "${schema}"."${name}" x`,
    );
    texts.push(rows[0]?.text ?? "");
  }
  return texts.join("\n").toLowerCase();
}

/** Gives the person every profile field, a place in the uploaded files and a sign-in trail. */
async function fillIn(person: Person, others: Person, adminId: string, cohortId: string) {
  const tag = person.user.name!.split(" ")[0]!;
  await t.db.user.update({
    where: { id: person.user.id },
    data: { nativeName: `${tag}-native-script`, organisation: `${tag} Institute of Policy`, position: "Analyst" },
  });
  const lines = (p: Person) => `${p.email},${p.user.name},${p.user.certificateName}`;
  await t.db.rosterImport.create({
    data: {
      cohortId,
      actorId: adminId,
      fileName: "roster.csv",
      content: `email,name,certificate\n${lines(person)}\n${lines(others)}\n`,
    },
  });
  const session = await t.db.liveSession.findFirstOrThrow({ where: { cohortId } });
  await t.db.zoomImport.create({
    data: {
      sessionId: session.id,
      actorId: adminId,
      fileName: "zoom.csv",
      timeZone: "UTC",
      content: `Name (Original Name),User Email\n${person.user.name},${person.email.toUpperCase()}\n${others.user.name},${others.email}\n`,
    },
  });
  await t.db.zoomNameMatch.create({
    data: {
      cohortId,
      zoomKey: `name:${tag} zoom`,
      zoomName: `${tag} zoom`,
      userId: person.user.id,
      confirmedById: adminId,
    },
  });
  await t.db.account.create({
    data: { userId: person.user.id, type: "email", provider: "nodemailer", providerAccountId: person.email },
  });
  await t.db.rateLimiterFlexible.create({ data: { key: `sign-in-email:${person.email}`, points: 1 } });
  await recordAudit(t.db, { action: "auth.sign_in_failed", subject: person.email, after: { email: person.email } });
  await recordAudit(t.db, {
    action: "user.profile_edited",
    actorId: adminId,
    entity: "user",
    entityId: person.user.id,
    before: { organisation: null },
    after: { organisation: `${tag} Institute of Policy`, certificateName: person.user.certificateName },
  });
}

/** What of the person must be gone from every table. */
const traces = (p: Person, tag: string) => [
  p.email,
  `${tag} name`,
  `${tag} certified`,
  `${tag}-native-script`,
  `${tag} institute of policy`,
  `${tag} zoom`,
  `${tag} note`,
  `${tag} was travelling`,
  `${tag} laptop`,
  `${tag} certificate mail`,
  p.sessionToken.toLowerCase(),
  `${tag}-signed-credential-jwt`,
  `${tag}-code-hash`,
  `${tag}-verification-hash`,
];

async function erasedScene() {
  const scene = await personalDataScene(t);
  const { admin, cohort, ana, bob } = scene;
  await fillIn(ana, bob, admin.id, cohort.id);
  await fillIn(bob, ana, admin.id, cohort.id);
  return scene;
}

describe("erasing a person", () => {
  it("leaves no trace of them in any table, keeps their anonymous results, and leaves the other participant whole", async () => {
    const { admin, ana, bob } = await erasedScene();
    const before = await everyRow();
    for (const trace of traces(ana, "ana")) expect(before, `before: ${trace}`).toContain(trace);

    const result = await erasePerson(t.db, admin.id, ana.user.id, {
      confirmation: ` ${ana.email.toUpperCase()} `,
      keepCertificates: false,
      ip: "203.0.113.9",
    });
    expect(result).toEqual({ ok: true, revoked: 1, kept: 0 });

    const after = await everyRow();
    for (const trace of traces(ana, "ana")) expect(after, `after: ${trace}`).not.toContain(trace);
    for (const trace of traces(bob, "bob")) expect(after, `Bob's ${trace}`).toContain(trace);

    const user = await t.db.user.findUniqueOrThrow({ where: { id: ana.user.id } });
    expect(isErasedAddress(user.email)).toBe(true);
    expect(user).toMatchObject({ name: null, certificateName: null, country: null, timeZone: null });
    expect(user.erasedAt).toBeInstanceOf(Date);
    // The figures of the cohort keep counting them.
    const where = { userId: ana.user.id };
    expect(await t.db.enrolment.findMany({ where, select: { status: true } })).toEqual([{ status: "ACTIVE" }]);
    expect(await t.db.lectureMark.count({ where })).toBe(1);
    expect(await t.db.quizAttempt.findMany({ where, select: { passed: true } })).toEqual([{ passed: true }]);
    expect(await t.db.attendanceRecord.findMany({ where, select: { status: true, note: true } })).toEqual([
      { status: "PRESENT", note: null },
    ]);
    // Nothing left to sign in with.
    for (const count of [t.db.session.count({ where }), t.db.account.count({ where }), t.db.passkey.count({ where })])
      expect(await count).toBe(0);
    // The certificate says it was revoked, and why, and no longer carries the name.
    const certificate = await t.db.certificate.findUniqueOrThrow({ where: { id: ana.certificate.id } });
    expect(certificate).toMatchObject({
      revokedReason: ERASED_REASON,
      revokedById: admin.id,
      name: "",
      credential: "",
    });
    expect(await t.db.certificate.findUniqueOrThrow({ where: { id: bob.certificate.id } })).toMatchObject({
      revokedAt: null,
      name: "bob Certified",
    });
    // The uploaded files keep Bob's lines.
    const roster = await t.db.rosterImport.findFirstOrThrow({ where: { content: { contains: bob.email } } });
    expect(roster.content).toContain(`${ERASED_TEXT},${ERASED_TEXT},${ERASED_TEXT}`);
    // The log keeps what happened, without them in it.
    expect(await t.db.auditEvent.findMany({ where: { action: PERSON_ERASED } })).toEqual([
      expect.objectContaining({ actorId: admin.id, entityId: ana.user.id, subject: null, ip: "203.0.113.9" }),
    ]);
    const edited = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "user.profile_edited", entityId: ana.user.id },
    });
    expect(edited.after).toEqual({ organisation: ERASED_TEXT, certificateName: ERASED_TEXT });
    // An admin's search no longer finds them.
    expect((await searchPeople(t.db, "")).map((p) => p.id)).not.toContain(ana.user.id);
    expect((await searchPeople(t.db, "erased")).map((p) => p.id)).toEqual([]);
  });

  it("keeps their certificates verifiable, names and all, when the admin chooses to", async () => {
    const { admin, ana } = await erasedScene();
    const result = await erasePerson(t.db, admin.id, ana.user.id, {
      confirmation: ana.email,
      keepCertificates: true,
    });
    expect(result).toMatchObject({ ok: true, revoked: 0, kept: 1 });
    expect(await t.db.certificate.findUniqueOrThrow({ where: { id: ana.certificate.id } })).toMatchObject({
      revokedAt: null,
      name: "ana Certified",
      credential: "ana-signed-credential-jwt",
    });
    const user = await t.db.user.findUniqueOrThrow({ where: { id: ana.user.id } });
    expect(user).toMatchObject({ name: null, certificateName: null });
  });

  it("ends an erased organiser's assignments and role, and clears the type of organisation", async () => {
    const { admin, cohort, ana } = await erasedScene();
    await t.db.user.update({ where: { id: ana.user.id }, data: { role: "ORGANISER", organisationType: "RESEARCH" } });
    await t.db.cohortOrganiser.create({ data: { cohortId: cohort.id, userId: ana.user.id, assignedById: admin.id } });
    const result = await erasePerson(t.db, admin.id, ana.user.id, { confirmation: ana.email, keepCertificates: false });
    expect(result).toMatchObject({ ok: true });
    expect(await t.db.cohortOrganiser.count({ where: { userId: ana.user.id } })).toBe(0);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: ana.user.id } })).toMatchObject({
      role: "PARTICIPANT",
      organisationType: null,
    });
  });

  it("sends no mail to an erased person's row, while the same notice reaches another participant", async () => {
    const { admin, cohort, ana, bob } = await erasedScene();
    expect(
      await erasePerson(t.db, admin.id, ana.user.id, { confirmation: ana.email, keepCertificates: false }),
    ).toMatchObject({
      ok: true,
    });
    const erased = await t.db.user.findUniqueOrThrow({ where: { id: ana.user.id } });
    await t.db.$transaction(async (tx) => {
      for (const userId of [ana.user.id, bob.user.id])
        await recordNotice(tx, { userId, cohortId: cohort.id, kind: "enrolment.withdrawn", data: {} });
    });
    await runDueJobs(t);
    expect(await t.db.outboundEmail.count({ where: { to: erased.email } })).toBe(0);
    expect(await t.db.outboundEmail.count({ where: { to: bob.email, kind: "notice" } })).toBeGreaterThan(0);
  });

  it("refuses an unconfirmed erasure, an admin, oneself, a second erasure and no one, changing nothing", async () => {
    const { admin, ana, bob } = await erasedScene();
    const other = await t.db.user.create({ data: { email: `other-admin-${ana.user.id}@example.org`, role: "ADMIN" } });
    const erase = (actor: string, id: string, confirmation: string) =>
      erasePerson(t.db, actor, id, { confirmation, keepCertificates: false });
    const before = await everyRow();
    expect(await erase(admin.id, ana.user.id, bob.email)).toEqual({ ok: false, error: "not-confirmed" });
    expect(await erase(admin.id, ana.user.id, "")).toEqual({ ok: false, error: "not-confirmed" });
    expect(await erase(admin.id, other.id, other.email)).toEqual({ ok: false, error: "admin" });
    expect(await erase(admin.id, admin.id, admin.email)).toEqual({ ok: false, error: "self" });
    expect(await erase(admin.id, "no-such-person", "x@example.org")).toEqual({ ok: false, error: "not-found" });
    expect(await everyRow()).toBe(before);

    expect(await erase(admin.id, ana.user.id, ana.email)).toMatchObject({ ok: true });
    const erased = await t.db.user.findUniqueOrThrow({ where: { id: ana.user.id } });
    expect(await erase(other.id, ana.user.id, erased.email)).toEqual({ ok: false, error: "already-erased" });
    expect(await t.db.auditEvent.count({ where: { action: PERSON_ERASED, entityId: ana.user.id } })).toBe(1);
  });
});
