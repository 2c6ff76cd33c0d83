// One cohort, an admin and two participants who have each left a record in every table that
// holds personal data (marks, attempts, arrangements, attendance, excuses, certificates,
// notices, e-mails, sign-in secrets, passkeys), every value marked with the person's tag:
// for the tests of the personal-data export and of erasure.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { markAttendance } from "@/lib/db/attendance";
import { askToBeExcused } from "@/lib/db/excuses";
import { setLectureStudied } from "@/lib/db/lecture-marks";
import { recordEmail } from "@/lib/db/outbox";
import { setQuizOverride } from "@/lib/db/quiz-overrides";
import { startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse } from "@/lib/domain/quiz";
import type { TestDatabase } from "./database";

export const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
let n = 0;
const unique = () => `${++n}-${randomBytes(3).toString("hex")}`;
/** Four characters of a certificate code (the alphabet of lib/domain/certificates.ts CODE_PATTERN). */
const codeGroup = () => [...randomBytes(4)].map((b) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b % 32]).join("");

/** Everything one participant leaves in the database, each value marked with their own tag. */
async function participant(
  t: TestDatabase,
  tag: string,
  cohortId: string,
  sessionIds: [string, string],
  adminId: string,
) {
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

export async function personalDataScene(t: TestDatabase) {
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
  const ana = await participant(t, "ana", cohort.id, sessionIds, admin.id);
  const bob = await participant(t, "bob", cohort.id, sessionIds, admin.id);
  return { admin, cohort, ana, bob };
}

export type Person = Awaited<ReturnType<typeof participant>>;
