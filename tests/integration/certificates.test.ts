import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyCredentialJwt } from "@/lib/certificates/credential";
import { jwksFor } from "@/lib/certificates/keys";
import { decodeStatusList } from "@/lib/certificates/status-list";
import { loadLectures } from "@/lib/content/load";
import { markAttendance } from "@/lib/db/attendance";
import {
  autoIssueCertificates,
  issueAfterRevocation,
  issueCertificate,
  issueCohortCertificates,
  reissueCertificate,
  revokeCertificate,
  type IssueContext,
} from "@/lib/db/certificate-issue";
import {
  cohortCertificateOverview,
  findCertificateByCode,
  ownCertificate,
  ownEligibility,
  revokedStatusIndexes,
  saveCertificateRule,
} from "@/lib/db/certificates";
import { publicKeys, signingKey } from "@/lib/db/issuer-keys";
import { saveAnswer, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { CODE_PATTERN } from "@/lib/domain/certificates";
import { correctResponse, DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";
import { buildStatusListCredential } from "@/lib/certificates/status-list";
import { signCredential } from "@/lib/certificates/credential";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lectures = loadLectures(path.join(process.cwd(), "content"));
const refs = lectures.map((l) => ({ slug: l.slug, number: l.number }));
const context: IssueContext = {
  origin: "http://lms.test",
  issuerName: "BTBU-ECOSF Joint Training Center",
  achievement: { name: "STI Policy", description: "A one-day programme.", criteria: "Attend and pass." },
  lectures: refs,
};
let n = 0;
const DAY = 24 * 60 * 60 * 1000;
/** Midnight UTC, `days` from the day the tests run: the cohort has always just taken place. */
function daysFromToday(days: number): Date {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + days * DAY);
}

/** A cohort with five held sessions (one per lecture, on the days just gone) and `people` active participants. */
async function setup(
  people = 2,
  rule: { minAttendancePercent?: number; requiredQuizzes?: string[]; autoIssue?: boolean } = { requiredQuizzes: [] },
) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `cert-${n}`,
      name: `Cert ${n}`,
      timeZone: "UTC",
      startsOn: daysFromToday(-10),
      endsOn: daysFromToday(-6),
    },
  });
  const admin = await t.db.user.create({ data: { email: `cert-admin${n}@example.org`, role: "ADMIN" } });
  const users = await Promise.all(
    Array.from({ length: people }, (_, i) =>
      t.db.user.create({
        data: {
          email: `cert${n}-${i}@example.org`,
          certificateName: `Person ${n}-${i}`,
          nativeName: i === 0 ? "李明" : null,
        },
      }),
    ),
  );
  for (const u of users) await t.db.enrolment.create({ data: { userId: u.id, cohortId: cohort.id, status: "ACTIVE" } });
  const sessions = [];
  for (const [i, l] of lectures.entries()) {
    sessions.push(
      await t.db.liveSession.create({
        data: {
          cohortId: cohort.id,
          lectureSlug: l.slug,
          startsAt: new Date(daysFromToday(-10 + i).getTime() + 8 * 60 * 60 * 1000),
          endsAt: new Date(daysFromToday(-10 + i).getTime() + 9 * 60 * 60 * 1000),
        },
      }),
    );
  }
  await saveCertificateRule(
    t.db,
    admin.id,
    cohort.id,
    { minAttendancePercent: 80, requiredQuizzes: refs.map((r) => r.slug), autoIssue: true, ...rule },
    refs,
  );
  return { cohort, admin, users, sessions };
}

async function attend(s: Awaited<ReturnType<typeof setup>>, userId: string, count: number) {
  for (const session of s.sessions.slice(0, count))
    await markAttendance(t.db, s.admin.id, s.cohort.id, session.id, [{ userId, status: "PRESENT", note: null }]);
}

async function pass(userId: string, cohortId: string, index: number) {
  const { quiz, slug } = lectures[index]!;
  const started = await startAttempt(t.db, { userId, cohortId, lectureSlug: slug, questions: quiz.questions });
  if (!started.ok) throw new Error("could not start");
  await submitAttempt(
    t.db,
    userId,
    started.attemptId,
    Object.fromEntries(quiz.questions.map((q) => [q.id, correctResponse(q)])),
  );
}

async function jwks() {
  await signingKey(t.db);
  return jwksFor(await publicKeys(t.db));
}

describe("certificates", () => {
  it("[CERTIFICATES][JOBS]: a passing submission adds its certificate's issuing job in its own statement; a failing one adds none", async () => {
    const s = await setup(2, { requiredQuizzes: [refs[0]!.slug], minAttendancePercent: 0 });
    const [passer, failer] = s.users as [(typeof s.users)[0], (typeof s.users)[0]];
    const jobOf = async (userId: string) =>
      (
        await t.db.$queryRaw<{ task_identifier: string }[]>`
          SELECT task_identifier FROM graphile_worker.jobs WHERE key = ${`issue:${s.cohort.id}:${userId}`}`
      ).map((j) => j.task_identifier);
    await pass(passer.id, s.cohort.id, 0);
    expect(await jobOf(passer.id)).toEqual(["issue-certificates"]);
    const { quiz, slug } = lectures[0]!;
    const started = await startAttempt(t.db, {
      userId: failer.id,
      cohortId: s.cohort.id,
      lectureSlug: slug,
      questions: quiz.questions,
    });
    if (!started.ok) throw new Error("could not start");
    const failed = await submitAttempt(t.db, failer.id, started.attemptId, {});
    expect(failed).toMatchObject({ ok: true, passed: false });
    expect(await jobOf(failer.id)).toEqual([]);
  });

  it("follows the rule: quizzes and attendance missing, then eligible, then issued once with a credential that verifies", async () => {
    const s = await setup(1, { requiredQuizzes: [refs[0]!.slug, refs[2]!.slug] });
    const [u] = s.users;
    const before = await ownEligibility(t.db, u!.id, s.cohort.id, refs);
    expect(before?.missing).toEqual([
      { kind: "quiz", slug: refs[0]!.slug, number: 1, state: "not-started" },
      { kind: "quiz", slug: refs[2]!.slug, number: 3, state: "not-started" },
      {
        kind: "attendance",
        attended: 0,
        needed: 4,
        attendMore: null,
        excusable: s.sessions.map((x) => x.id),
        pendingExcuses: 0,
      },
    ]);
    expect(await issueCertificate(t.db, { userId: u!.id, cohortId: s.cohort.id, actorId: null, context })).toEqual({
      ok: false,
      error: "not-eligible",
    });
    await pass(u!.id, s.cohort.id, 0);
    await pass(u!.id, s.cohort.id, 2);
    await attend(s, u!.id, 3);
    expect((await ownEligibility(t.db, u!.id, s.cohort.id, refs))?.missing).toMatchObject([
      { kind: "attendance", attended: 3, needed: 4 },
    ]);
    await attend(s, u!.id, 4);
    expect(await ownEligibility(t.db, u!.id, s.cohort.id, refs)).toEqual({ eligible: true, missing: [] });
    expect(await t.db.certificate.count({ where: { userId: u!.id } })).toBe(0);

    const issued = await issueCertificate(t.db, { userId: u!.id, cohortId: s.cohort.id, actorId: null, context });
    expect(issued).toMatchObject({ ok: true, created: true });
    if (!issued.ok) throw new Error("not issued");
    expect(issued.certificate.code).toMatch(CODE_PATTERN);
    // The code carries the cohort's year.
    const year = String(s.cohort.startsOn.getUTCFullYear() % 100).padStart(2, "0");
    expect(issued.certificate.code.startsWith(`ECOSF-${year}-`)).toBe(true);
    expect(await issueCertificate(t.db, { userId: u!.id, cohortId: s.cohort.id, actorId: null, context })).toEqual({
      ok: true,
      created: false,
      certificate: issued.certificate,
    });

    const row = await t.db.certificate.findUniqueOrThrow({ where: { id: issued.certificate.id } });
    expect([row.name, row.nativeName, row.issuedById]).toEqual([`Person ${n}-0`, "李明", null]);
    const verified = await verifyCredentialJwt(row.credential, { jwks: await jwks() });
    expect(verified).toMatchObject({ valid: true, credential: { id: `http://lms.test/verify/${row.code}` } });
    expect(JSON.stringify(verified)).toContain("李明");
    expect(JSON.stringify(verified)).not.toContain("@example.org");
    expect(await t.db.auditEvent.count({ where: { action: "certificate.issued", entityId: row.id } })).toBe(1);
  });

  it("issues exactly one certificate when many requests race", async () => {
    const s = await setup(1);
    await attend(s, s.users[0]!.id, 5);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        issueCertificate(t.db, { userId: s.users[0]!.id, cohortId: s.cohort.id, actorId: null, context }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await t.db.certificate.count({ where: { cohortId: s.cohort.id } })).toBe(1);
  });

  it("refuses people without an active place or without a certificate name, writing nothing", async () => {
    const s = await setup(1);
    const outsider = await t.db.user.create({
      data: { email: `outsider-cert${n}@example.org`, certificateName: "Out Sider" },
    });
    expect(
      await issueCertificate(t.db, { userId: outsider.id, cohortId: s.cohort.id, actorId: s.admin.id, context }),
    ).toEqual({ ok: false, error: "not-enrolled" });
    await attend(s, s.users[0]!.id, 5);
    await t.db.user.update({ where: { id: s.users[0]!.id }, data: { certificateName: null } });
    expect(
      await issueCertificate(t.db, { userId: s.users[0]!.id, cohortId: s.cohort.id, actorId: s.admin.id, context }),
    ).toEqual({ ok: false, error: "no-name" });
    expect(await t.db.certificate.count({ where: { cohortId: s.cohort.id } })).toBe(0);
  });

  it("revokes into the signed status list, and reissues after a name correction keeping the history", async () => {
    const s = await setup(2);
    for (const u of s.users) await attend(s, u.id, 5);
    const progress: number[] = [];
    const bulk = await issueCohortCertificates(
      t.db,
      s.admin.id,
      s.cohort.id,
      context,
      (p) => void progress.push(p.done),
    );
    expect(bulk).toMatchObject({ participants: 2, eligible: 2, issued: 2, noName: 0 });
    expect(progress).toEqual([0, 1, 2]);
    expect((await issueCohortCertificates(t.db, s.admin.id, s.cohort.id, context)).issued).toBe(0);
    const [a, b] = await Promise.all(
      s.users.map((u) => t.db.certificate.findFirstOrThrow({ where: { userId: u.id } })),
    );

    expect(await revokeCertificate(t.db, s.admin.id, a!.id, "Issued in error")).toBe(true);
    expect(await revokeCertificate(t.db, s.admin.id, a!.id, "again")).toBe(false);
    const revoked = await revokedStatusIndexes(t.db);
    const key = await signingKey(t.db);
    const list = await signCredential(
      buildStatusListCredential({ origin: context.origin, revokedIndexes: revoked, validFrom: new Date() }),
      key.privateJwk,
    );
    const bits = decodeStatusList(
      (
        JSON.parse(Buffer.from(list.split(".")[1]!, "base64url").toString()) as {
          credentialSubject: { encodedList: string };
        }
      ).credentialSubject.encodedList,
    );
    expect([bits(a!.statusIndex), bits(b!.statusIndex)]).toEqual([true, false]);
    const statusList = async () => list;
    expect(await verifyCredentialJwt(a!.credential, { jwks: await jwks(), statusList })).toMatchObject({
      valid: true,
      revoked: true,
      statusChecked: true,
    });
    expect(await verifyCredentialJwt(b!.credential, { jwks: await jwks(), statusList })).toMatchObject({
      valid: true,
      revoked: false,
      statusChecked: true,
    });
    expect(await findCertificateByCode(t.db, a!.code)).toMatchObject({
      revokedReason: "Issued in error",
      replacedById: null,
    });

    await t.db.user.update({ where: { id: b!.userId }, data: { certificateName: "Corrected Name" } });
    const re = await reissueCertificate(t.db, s.admin.id, b!.id, context);
    if (!re.ok) throw new Error("reissue failed");
    const old = await t.db.certificate.findUniqueOrThrow({ where: { id: b!.id } });
    expect(old.replacedById).toBe(re.certificate.id);
    expect(old.revokedAt).not.toBeNull();
    const fresh = await t.db.certificate.findUniqueOrThrow({ where: { id: re.certificate.id } });
    expect([fresh.name, fresh.revokedAt, fresh.code === old.code]).toEqual(["Corrected Name", null, false]);
    expect(await t.db.certificate.count({ where: { userId: b!.userId, revokedAt: null } })).toBe(1);
    expect(await reissueCertificate(t.db, s.admin.id, b!.id, context)).toEqual({ ok: false, error: "not-found" });
    expect(
      await t.db.auditEvent.count({
        where: { action: { in: ["certificate.revoked", "certificate.reissued"] }, actorId: s.admin.id },
      }),
    ).toBe(2);
  });

  it("refuses to reissue a certificate whose printed names did not change, and changes nothing", async () => {
    const s = await setup(1);
    const [person] = s.users;
    await attend(s, person!.id, 5);
    await issueCohortCertificates(t.db, s.admin.id, s.cohort.id, context);
    const issued = await t.db.certificate.findFirstOrThrow({ where: { userId: person!.id } });
    expect([issued.name, issued.nativeName]).toEqual([person!.certificateName, "李明"]);
    const before = await t.db.auditEvent.count();
    // The same names, typed again with spaces around them: nothing would print differently.
    await t.db.user.update({ where: { id: person!.id }, data: { certificateName: ` ${issued.name} ` } });
    expect(await reissueCertificate(t.db, s.admin.id, issued.id, context)).toEqual({
      ok: false,
      error: "name-unchanged",
    });
    expect(
      await t.db.certificate.findMany({ where: { userId: person!.id }, select: { id: true, revokedAt: true } }),
    ).toEqual([{ id: issued.id, revokedAt: null }]);
    expect(await t.db.auditEvent.count()).toBe(before);
    // Only the native-script name corrected: a reissue is due, and prints it.
    await t.db.user.update({ where: { id: person!.id }, data: { nativeName: "李明明" } });
    const re = await reissueCertificate(t.db, s.admin.id, issued.id, context);
    if (!re.ok) throw new Error(`reissue failed: ${re.error}`);
    expect(await t.db.certificate.findUniqueOrThrow({ where: { id: re.certificate.id } })).toMatchObject({
      name: issued.name,
      nativeName: "李明明",
      revokedAt: null,
    });
  });

  it("issues automatically only where the cohort says so", async () => {
    const off = await setup(1, { requiredQuizzes: [], autoIssue: false });
    await attend(off, off.users[0]!.id, 5);
    expect(await autoIssueCertificates(t.db, off.cohort.id, [off.users[0]!.id], context)).toBe(0);
    const on = await setup(2);
    await attend(on, on.users[0]!.id, 5);
    await attend(on, on.users[1]!.id, 2);
    expect(
      await autoIssueCertificates(
        t.db,
        on.cohort.id,
        on.users.map((u) => u.id),
        context,
      ),
    ).toBe(1);
    expect(await t.db.certificate.findMany({ where: { cohortId: on.cohort.id }, select: { userId: true } })).toEqual([
      { userId: on.users[0]!.id },
    ]);
  });

  it("lets a participant read only their own certificate, and the public lookup carries no e-mail", async () => {
    const s = await setup(2);
    for (const u of s.users) await attend(s, u.id, 5);
    await issueCohortCertificates(t.db, s.admin.id, s.cohort.id, context);
    const [a, b] = await Promise.all(
      s.users.map((u) => t.db.certificate.findFirstOrThrow({ where: { userId: u.id } })),
    );
    expect(await ownCertificate(t.db, s.users[1]!.id, a!.id)).toBeNull();
    expect((await ownCertificate(t.db, s.users[1]!.id, b!.id))?.code).toBe(b!.code);
    const lookup = await findCertificateByCode(t.db, a!.code);
    expect(Object.keys(lookup!).sort()).toEqual([
      "code",
      "cohort",
      "issuedAt",
      "name",
      "nativeName",
      "replacedById",
      "revokedAt",
      "revokedReason",
      "user",
    ]);
    // Of the holder, only the country: it tells the page the language of a name in another script.
    expect(lookup!.user).toEqual({ country: null });
    expect(JSON.stringify(lookup)).not.toContain("@");
    expect(await findCertificateByCode(t.db, "ECOSF-26-0000-0000")).toBeNull();
  });

  it("counts a quiz attempt whose time is up as submitted at its deadline with its saved answers, and writes nothing", async () => {
    const s = await setup(1, { requiredQuizzes: [refs[0]!.slug] });
    const [u] = s.users;
    await attend(s, u!.id, 5);
    await t.db.quizRules.create({ data: { cohortId: s.cohort.id, ...DEFAULT_QUIZ_RULES, timeLimitMinutes: 5 } });
    const { quiz, slug } = lectures[0]!;
    const startedAt = new Date(Date.now() - 10 * 60_000);
    const started = await startAttempt(t.db, {
      userId: u!.id,
      cohortId: s.cohort.id,
      lectureSlug: slug,
      questions: quiz.questions,
      now: startedAt,
    });
    if (!started.ok) throw new Error(started.reason);
    for (const q of quiz.questions)
      await saveAnswer(
        t.db,
        u!.id,
        started.attemptId,
        q.id,
        correctResponse(q),
        new Date(startedAt.getTime() + 60_000),
      );
    const attempts = () => t.db.quizAttempt.findMany({ where: { cohortId: s.cohort.id } });
    const before = await attempts();
    expect(before).toMatchObject([{ status: "IN_PROGRESS", grade: null }]);

    expect(await ownEligibility(t.db, u!.id, s.cohort.id, refs)).toEqual({ eligible: true, missing: [] });
    expect(await attempts()).toEqual(before);
    const overview = await cohortCertificateOverview(t.db, s.cohort.id, refs);
    expect(overview.rows.map((r) => [r.user.id, r.eligibility.eligible])).toEqual([[u!.id, true]]);
    expect(await attempts()).toEqual(before);
  });

  it("keeps a revoked certificate revoked through attendance, a rule save, a passed quiz, a claim and bulk issuing, until an organiser issues again", async () => {
    const s = await setup(2, { requiredQuizzes: [] });
    const [u, other] = s.users;
    await attend(s, u!.id, 4);
    expect(await autoIssueCertificates(t.db, s.cohort.id, [u!.id], context)).toBe(1);
    const first = await t.db.certificate.findFirstOrThrow({ where: { userId: u!.id } });
    expect(await revokeCertificate(t.db, s.admin.id, first.id, "Attended under another's name")).toBe(true);
    const valid = () => t.db.certificate.count({ where: { userId: u!.id, cohortId: s.cohort.id, revokedAt: null } });

    // Whatever would have made them eligible again issues nothing.
    await attend(s, u!.id, 5);
    expect(await autoIssueCertificates(t.db, s.cohort.id, [u!.id], context)).toBe(0);
    await saveCertificateRule(
      t.db,
      s.admin.id,
      s.cohort.id,
      { minAttendancePercent: 60, requiredQuizzes: [refs[0]!.slug], autoIssue: true },
      refs,
    );
    await pass(u!.id, s.cohort.id, 0);
    const everyone = s.users.map((x) => x.id);
    expect(await autoIssueCertificates(t.db, s.cohort.id, everyone, context)).toBe(0);
    expect(await issueCertificate(t.db, { userId: u!.id, cohortId: s.cohort.id, actorId: null, context })).toEqual({
      ok: false,
      error: "revoked",
    });
    await attend(s, other!.id, 5);
    await pass(other!.id, s.cohort.id, 0);
    const bulk = await issueCohortCertificates(t.db, s.admin.id, s.cohort.id, context);
    expect(bulk).toMatchObject({ issued: 1, skipped: [{ userId: u!.id, email: u!.email, reason: "revoked" }] });
    expect(await valid()).toBe(0);

    // The certificates page shows them as revoked, not as due.
    const row = (await cohortCertificateOverview(t.db, s.cohort.id, refs)).rows.find((r) => r.user.id === u!.id);
    expect(row).toMatchObject({ certificate: null, revoked: { id: first.id }, eligibility: { eligible: true } });

    // An organiser issues again on purpose: a new certificate with a new code, audit-logged.
    const again = await issueAfterRevocation(t.db, {
      actorId: s.admin.id,
      userId: u!.id,
      cohortId: s.cohort.id,
      context,
    });
    expect(again).toMatchObject({ ok: true, created: true });
    if (!again.ok) throw new Error("not issued");
    expect(again.certificate.code).not.toBe(first.code);
    expect(await valid()).toBe(1);
    expect(
      await t.db.auditEvent.count({
        where: { action: "certificate.issued_after_revocation", actorId: s.admin.id, entityId: again.certificate.id },
      }),
    ).toBe(1);
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: first.id } })).revokedAt).not.toBeNull();
  });

  it("a replacement by reissue is not a revocation: automatic issuing still serves the person", async () => {
    const s = await setup(1);
    const [u] = s.users;
    await attend(s, u!.id, 5);
    await issueCohortCertificates(t.db, s.admin.id, s.cohort.id, context);
    const old = await t.db.certificate.findFirstOrThrow({ where: { userId: u!.id } });
    // Reissue replaces a certificate whose name has since changed.
    await t.db.user.update({ where: { id: u!.id }, data: { certificateName: `${old.name} Corrected` } });
    const re = await reissueCertificate(t.db, s.admin.id, old.id, context);
    if (!re.ok) throw new Error(`reissue failed: ${re.error}`);
    // The replaced certificate is no revocation: the person holds the replacement.
    expect(await autoIssueCertificates(t.db, s.cohort.id, [u!.id], context)).toBe(0);
    expect(await t.db.certificate.count({ where: { userId: u!.id, revokedAt: null } })).toBe(1);
    // The replacement revoked by an organiser: that one stays revoked.
    await revokeCertificate(t.db, s.admin.id, re.certificate.id, "Issued in error");
    expect(await autoIssueCertificates(t.db, s.cohort.id, [u!.id], context)).toBe(0);
    expect(await t.db.certificate.count({ where: { userId: u!.id, revokedAt: null } })).toBe(0);
  });

  it("bulk issuing reports what it issued as it goes, and who it skipped and why", async () => {
    const s = await setup(4);
    const [named, nameless, short, revoked] = s.users;
    for (const u of [named, nameless, revoked]) await attend(s, u!.id, 5);
    await attend(s, short!.id, 2);
    await t.db.user.update({ where: { id: nameless!.id }, data: { certificateName: null } });
    await issueCertificate(t.db, { userId: revoked!.id, cohortId: s.cohort.id, actorId: s.admin.id, context });
    const held = await t.db.certificate.findFirstOrThrow({ where: { userId: revoked!.id } });
    await revokeCertificate(t.db, s.admin.id, held.id, "Issued in error");

    const progress: { done: number; total: number; issued: number }[] = [];
    const bulk = await issueCohortCertificates(t.db, s.admin.id, s.cohort.id, context, (p) => void progress.push(p));
    expect(progress).toEqual([
      { done: 0, total: 1, issued: 0 },
      { done: 1, total: 1, issued: 1 },
    ]);
    expect(bulk).toMatchObject({ participants: 4, eligible: 3, issued: 1, noName: 1 });
    expect(new Map(bulk.skipped.map((x) => [x.userId, x.reason]))).toEqual(
      new Map([
        [nameless!.id, "no-name"],
        [short!.id, "not-eligible"],
        [revoked!.id, "revoked"],
      ]),
    );
  });
});
