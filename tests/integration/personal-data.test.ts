// The "download my data" export against a real database: everything of the person's own,
// nothing of anyone else's, and no secret, whatever the tables around them hold.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { markAttendance } from "@/lib/db/attendance";
import { askToBeExcused } from "@/lib/db/excuses";
import { setLectureStudied } from "@/lib/db/lecture-marks";
import { recordEmail } from "@/lib/db/outbox";
import { DATA_EXPORTED, exportPersonalData } from "@/lib/db/personal-data";
import { setQuizOverride } from "@/lib/db/quiz-overrides";
import { startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { shapePersonalData } from "@/lib/domain/personal-data";
import { correctResponse } from "@/lib/domain/quiz";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
let n = 0;
const unique = () => `${++n}-${randomBytes(3).toString("hex")}`;
/** Four characters of a certificate code (the alphabet of lib/domain/certificates.ts CODE_PATTERN). */
const codeGroup = () => [...randomBytes(4)].map((b) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b % 32]).join("");

/** Everything one participant leaves in the database, each value marked with their own tag. */
async function participant(tag: string, cohortId: string, sessionIds: [string, string], adminId: string) {
  const email = `${tag}-${unique()}@example.org`;
  const user = await t.db.user.create({
    data: { email, name: `${tag} name`, certificateName: `${tag} Certified`, country: "PK", timeZone: "Asia/Karachi" },
  });
  const enrolment = await t.db.enrolment.create({ data: { userId: user.id, cohortId, status: "ACTIVE" } });
  expect(
    await setLectureStudied(t.db, { userId: user.id, cohortId, lectureSlug: lecture.slug, studied: true }),
  ).toEqual({
    ok: true,
  });
  const started = await startAttempt(t.db, {
    userId: user.id,
    cohortId,
    lectureSlug: lecture.slug,
    questions: lecture.quiz.questions,
  });
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  const answers = Object.fromEntries(lecture.quiz.questions.map((q) => [q.id, correctResponse(q)]));
  await submitAttempt(t.db, user.id, started.attemptId, answers);
  await setQuizOverride(
    t.db,
    adminId,
    { cohortId, lectureSlug: lecture.slug, userId: user.id },
    { extraAttempts: 1, extraMinutes: null, closesAt: null },
  );
  const [held, missed] = sessionIds;
  await markAttendance(t.db, adminId, cohortId, held, [{ userId: user.id, status: "PRESENT", note: `${tag} note` }]);
  expect(await askToBeExcused(t.db, user.id, cohortId, missed, `${tag} was travelling`)).toEqual({ ok: true });
  const certificate = await t.db.certificate.create({
    data: {
      code: `ECOSF-26-${codeGroup()}-${codeGroup()}`,
      userId: user.id,
      cohortId,
      name: `${tag} Certified`,
      statusIndex: 1000 + n,
      credential: `${tag}-signed-credential-jwt`,
    },
  });
  await t.db.notice.create({
    data: {
      userId: user.id,
      cohortId,
      kind: "certificate.issued",
      data: { certificateId: certificate.id, code: certificate.code, issuedAt: certificate.issuedAt.toISOString() },
    },
  });
  await recordEmail(
    t.db,
    { to: email, subject: `${tag} certificate mail`, text: `${tag} body`, html: `<p>${tag} body</p>`, kind: "notice" },
    "sink",
  );
  const code = String(100_000 + n * 7919).slice(0, 6);
  await recordEmail(
    t.db,
    {
      to: email,
      subject: `Your sign-in code: ${code.slice(0, 3)} ${code.slice(3)}`,
      text: `Open http://localhost/api/auth/callback/nodemailer?token=${tag}-link-token`,
      html: "",
      kind: "sign-in",
    },
    "sink",
  );
  const sessionToken = `${tag}-session-token-${randomBytes(8).toString("hex")}`;
  await t.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + DAY) } });
  await t.db.signInCode.create({
    data: { email, codeHash: `${tag}-code-hash`, expires: new Date(Date.now() + HOUR) },
  });
  await t.db.verificationToken.create({
    data: { identifier: email, token: `${tag}-verification-hash`, expires: new Date(Date.now() + HOUR) },
  });
  const publicKey = Buffer.from(`${tag}-public-key-bytes`);
  await t.db.passkey.create({
    data: {
      userId: user.id,
      credentialId: `${tag}-credential-id-${unique()}`,
      publicKey,
      counter: 41,
      name: `${tag} laptop`,
    },
  });
  return { user, email, enrolment, attemptId: started.attemptId, certificate, sessionToken, code, publicKey };
}

async function scene() {
  const admin = await t.db.user.create({ data: { email: `admin-${unique()}@example.org`, role: "ADMIN" } });
  const cohort = await t.db.cohort.create({
    data: {
      slug: `data-${unique()}`,
      name: `Data cohort ${n}`,
      timeZone: "Asia/Karachi",
      startsOn: new Date(Date.now() - 10 * DAY),
      endsOn: new Date(Date.now() + 30 * DAY),
    },
  });
  const session = (daysAgo: number) =>
    t.db.liveSession.create({
      data: {
        cohortId: cohort.id,
        lectureSlug: lecture.slug,
        startsAt: new Date(Date.now() - daysAgo * DAY),
        endsAt: new Date(Date.now() - daysAgo * DAY + HOUR),
        joinUrl: "https://zoom.example.org/j/1",
      },
    });
  const sessionIds: [string, string] = [(await session(3)).id, (await session(2)).id];
  const ana = await participant("ana", cohort.id, sessionIds, admin.id);
  const bob = await participant("bob", cohort.id, sessionIds, admin.id);
  return { admin, cohort, ana, bob };
}

type Person = Awaited<ReturnType<typeof participant>>;

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
    const { cohort, ana, bob, admin } = await scene();
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
    const { ana } = await scene();
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
    const { admin, ana, bob } = await scene();
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
