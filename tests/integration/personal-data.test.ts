// The "download my data" export against a real database: everything of the person's own,
// nothing of anyone else's, and no secret, whatever the tables around them hold.
import { describe, expect, it } from "vitest";
import { DATA_EXPORTED, exportPersonalData } from "@/lib/db/personal-data";
import { shapePersonalData } from "@/lib/domain/personal-data";
import { setUpTestDatabase } from "./support/database";
import { lecture, personalDataScene, type Person } from "./support/personal-data-scene";

const t = setUpTestDatabase();

/** What of a person must never show in someone else's file, and what secrets in anyone's. */
const traces = (p: Person) => [
  p.user.id,
  p.email,
  p.enrolment.id,
  p.attemptId,
  p.certificate.id,
  p.certificate.code,
  `${p.user.name}`,
];
const secrets = (p: Person) => [
  p.sessionToken,
  p.code,
  `${p.code.slice(0, 3)} ${p.code.slice(3)}`,
  "link-token",
  "code-hash",
  "verification-hash",
  "credential-id",
  "signed-credential-jwt",
  p.publicKey.toString("base64"),
  p.publicKey.toString("hex"),
  "public-key-bytes",
];

async function exportOf(userId: string) {
  const rows = await exportPersonalData(t.db, userId, { ip: "203.0.113.7" });
  if (!rows) throw new Error("no such person");
  const doc = shapePersonalData(rows, new Date());
  return { doc, text: JSON.stringify(doc) };
}

describe("personal data export", () => {
  it("holds all of the participant's own records, and nothing of another participant's", async () => {
    const { cohort, ana, bob, admin } = await personalDataScene(t);
    const { doc, text } = await exportOf(ana.user.id);

    expect(doc).toMatchObject({ format: "sti-lms-personal-data", version: 1 });
    expect(doc.user).toMatchObject({ id: ana.user.id, email: ana.email, name: "ana name", country: "PK" });
    const cohortRef = { name: cohort.name, slug: cohort.slug };
    expect(doc.enrolments).toEqual([expect.objectContaining({ cohort: cohortRef, status: "ACTIVE" })]);
    expect(doc.lectureMarks).toEqual([expect.objectContaining({ cohort: cohortRef, lectureSlug: lecture.slug })]);
    expect(doc.quizAttempts).toHaveLength(1);
    expect(doc.quizAttempts[0]).toMatchObject({ lectureSlug: lecture.slug, status: "SUBMITTED", number: 1 });
    expect(doc.quizAttempts[0]!.grade).toMatchObject({ percent: 100, passed: true });
    expect(Object.keys(doc.quizAttempts[0]!.responses as object).sort()).toEqual(
      lecture.quiz.questions.map((q) => q.id).sort(),
    );
    expect(doc.quizOverrides).toEqual([expect.objectContaining({ lectureSlug: lecture.slug, extraAttempts: 1 })]);
    expect(doc.attendance).toEqual([expect.objectContaining({ status: "PRESENT", note: "ana note" })]);
    expect(doc.attendance[0]!.session).toMatchObject({ cohort: cohortRef, lectureSlug: lecture.slug });
    expect(doc.excuseRequests).toEqual([expect.objectContaining({ reason: "ana was travelling", status: "PENDING" })]);
    expect(doc.certificates).toEqual([
      expect.objectContaining({ code: ana.certificate.code, status: "valid", name: "ana Certified" }),
    ]);
    expect(doc.notices).toEqual([expect.objectContaining({ kind: "certificate.issued", cohort: cohortRef })]);
    expect(doc.emails.map((m) => [m.kind, m.subject])).toEqual([
      ["notice", "ana certificate mail"],
      ["sign-in", "Your sign-in code: [hidden]"],
    ]);
    expect(doc.passkeys).toEqual([expect.objectContaining({ name: "ana laptop" })]);
    expect(doc.sessions).toHaveLength(1);
    const actions = doc.auditEvents.map((e) => `${e.action} by ${e.byYou ? "you" : "other"}`);
    expect(actions).toEqual(
      expect.arrayContaining(["quiz.override_set by other", "attendance.mark by other", "excuse.request by you"]),
    );
    expect(doc.auditEvents.every((e) => e.aboutYou)).toBe(true);

    for (const trace of [...traces(bob), admin.id, admin.email, "bob note", "bob was travelling"])
      expect(text, `Bob's or the admin's ${trace}`).not.toContain(trace);
    for (const secret of [...secrets(ana), ...secrets(bob)]) expect(text, secret).not.toContain(secret);
    expect(text).not.toMatch(/"(sessionToken|codeHash|publicKey|counter|credential|token)"/);
  });

  it("records each download in the audit log, after reading, so a file lists the downloads before it", async () => {
    const { ana } = await personalDataScene(t);
    const first = await exportOf(ana.user.id);
    expect(first.doc.auditEvents.map((e) => e.action)).not.toContain(DATA_EXPORTED);
    const logged = await t.db.auditEvent.findMany({ where: { action: DATA_EXPORTED, actorId: ana.user.id } });
    expect(logged).toEqual([expect.objectContaining({ entity: "user", entityId: ana.user.id, ip: "203.0.113.7" })]);
    const second = await exportOf(ana.user.id);
    expect(second.doc.auditEvents.filter((e) => e.action === DATA_EXPORTED)).toEqual([
      expect.objectContaining({ byYou: true, aboutYou: true, ip: "203.0.113.7" }),
    ]);
  });

  it("an organiser's file lists what they did to participants, without the participants' data", async () => {
    const { admin, ana, bob } = await personalDataScene(t);
    const { doc, text } = await exportOf(admin.id);
    expect(doc.user).toMatchObject({ email: admin.email, role: "ADMIN" });
    const marks = doc.auditEvents.filter((e) => e.action === "attendance.mark");
    expect(marks).toHaveLength(2);
    expect(marks.every((e) => e.byYou && !e.aboutYou && e.entityId === null && e.after === null)).toBe(true);
    for (const trace of [...traces(ana), ...traces(bob), "ana note", "bob note"])
      expect(text, trace).not.toContain(trace);
  });

  it("has nothing for a person who does not exist, and records no download", async () => {
    expect(await exportPersonalData(t.db, "no-such-person")).toBeNull();
    expect(await t.db.auditEvent.count({ where: { actorId: "no-such-person" } })).toBe(0);
  });
});
