// Automatic issuing is durable: every change that can make someone eligible for a certificate
// adds the job that issues it in the change's own transaction (queueIssuing), so that no
// acknowledged change leaves an eligible participant without a certificate. Each case makes
// one change through lib/db alone, with no route and no worker around it, then finds the
// job in the queue and, once the queue has run, exactly one certificate.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkInCode } from "@/lib/auth/check-in-codes";
import { loadLectures } from "@/lib/content/load";
import { markAttendance } from "@/lib/db/attendance";
import { markUnmarked } from "@/lib/db/attendance-register";
import { saveCertificateRule } from "@/lib/db/certificates";
import { getOpenCheckIn, checkIn, setCheckIn } from "@/lib/db/check-in";
import { askToBeExcused, decideExcuse } from "@/lib/db/excuses";
import { decideExcusesInBulk } from "@/lib/db/inbox";
import { updatePersonProfile } from "@/lib/db/people";
import { applyRegrade } from "@/lib/db/quiz-regrade";
import { saveQuizRules } from "@/lib/db/quiz-rules";
import { saveAnswer, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse, DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";
import type { TQuestion } from "@/lib/schemas/content";
import { setUpTestDatabase } from "./support/database";
import { runDueJobs } from "./support/jobs";

const t = setUpTestDatabase();
const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const { slug, quiz } = lecture;
const refs = [{ slug, number: lecture.number }];
const HOUR = 60 * 60 * 1000;
let n = 0;

type Rule = "attendance" | "quiz" | "none";

/**
 * A cohort whose one live session was held on 15 December 2021, with an automatic rule asking
 * for that session ("attendance"), for the lecture's quiz ("quiz") or for nothing, and one
 * active participant (without a certificate name when `named` is false).
 */
async function cohortWith(rule: Rule, opts: { autoIssue?: boolean; named?: boolean } = {}) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `issuing-${n}`,
      name: `Issuing ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2021-12-15"),
      endsOn: new Date("2021-12-15"),
    },
  });
  const admin = await t.db.user.create({ data: { email: `issuing-admin${n}@example.org`, role: "ADMIN" } });
  const person = await t.db.user.create({
    data: {
      email: `issuing${n}@example.org`,
      certificateName: opts.named === false ? null : `Person ${n}`,
      country: "PK",
    },
  });
  await t.db.enrolment.create({ data: { userId: person.id, cohortId: cohort.id, status: "ACTIVE" } });
  const session = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: slug,
      startsAt: new Date("2021-12-15T08:00:00Z"),
      endsAt: new Date("2021-12-15T09:00:00Z"),
    },
  });
  await t.db.certificateRule.create({
    data: {
      cohortId: cohort.id,
      minAttendancePercent: rule === "attendance" ? 100 : 0,
      requiredQuizzes: rule === "quiz" ? [slug] : [],
      autoIssue: opts.autoIssue ?? true,
    },
  });
  return { cohort, admin, person, session };
}
type Fixture = Awaited<ReturnType<typeof cohortWith>>;

/** The keys of the issuing jobs waiting for the cohort (`issue:<cohort>:<person>`, or `:all` for the whole cohort). */
async function issuingJobs(cohortId: string) {
  const rows = await t.db.$queryRaw<{ key: string | null }[]>`
    SELECT key FROM graphile_worker.jobs
     WHERE task_identifier = 'issue-certificates' AND key LIKE ${`issue:${cohortId}:%`} ORDER BY key`;
  return rows.map((r) => r.key);
}

/** The participant's request to be excused from the session, made now. */
async function askedExcuse(f: Fixture, reason: string) {
  expect(await askToBeExcused(t.db, f.person.id, f.cohort.id, f.session.id, reason)).toEqual({ ok: true });
  return (await t.db.excuseRequest.findFirstOrThrow({ where: { userId: f.person.id, sessionId: f.session.id } })).id;
}

const answersAllCorrect = () => Object.fromEntries(quiz.questions.map((q) => [q.id, correctResponse(q)]));

/** An attempt started now with every answer saved correct, not submitted. */
async function savedCorrectAttempt(f: Fixture, now = new Date()) {
  const started = await startAttempt(t.db, {
    userId: f.person.id,
    cohortId: f.cohort.id,
    lectureSlug: slug,
    questions: quiz.questions,
    now,
  });
  if (!started.ok) throw new Error(started.reason);
  for (const [questionId, raw] of Object.entries(answersAllCorrect()))
    expect(await saveAnswer(t.db, f.person.id, started.attemptId, questionId, raw, now)).toMatchObject({ ok: true });
  return started.attemptId;
}

const cases: {
  change: string;
  rule: Rule;
  named?: boolean;
  /** Makes the change; returns whom the job names when not the participant alone. */
  act: (f: Fixture) => Promise<void | { all: true }>;
}[] = [
  {
    change: "an organiser marks the participant present",
    rule: "attendance",
    act: async (f) => {
      const marked = await markAttendance(t.db, f.admin.id, f.cohort.id, f.session.id, [
        { userId: f.person.id, status: "PRESENT", note: null },
      ]);
      expect(marked).toEqual({ ok: true, changed: 1 });
    },
  },
  {
    change: "an organiser marks everyone not yet marked present",
    rule: "attendance",
    act: async (f) => {
      expect(await markUnmarked(t.db, f.admin.id, f.cohort.id, f.session.id, "PRESENT")).toEqual([f.person.id]);
    },
  },
  {
    change: "the participant checks in with the session's code",
    rule: "attendance",
    act: async (f) => {
      const at = (minutes: number) => new Date(f.session.startsAt.getTime() + minutes * 60_000);
      expect(await setCheckIn(t.db, f.admin.id, f.cohort.id, f.session.id, { minutes: 30 }, at(0))).toBe(true);
      const open = (await getOpenCheckIn(t.db, f.cohort.id, f.session.id, at(1)))!;
      expect(await checkIn(t.db, f.person.id, f.session.id, checkInCode(open.secret, at(2)), at(2))).toEqual({
        ok: true,
        status: "PRESENT",
      });
    },
  },
  {
    change: "an organiser accepts the participant's excuse on the session's page",
    rule: "attendance",
    act: async (f) => {
      const requestId = await askedExcuse(f, "A power cut at home");
      expect(await decideExcuse(t.db, f.admin.id, f.cohort.id, requestId, true)).toEqual({ ok: true });
    },
  },
  {
    change: "an organiser accepts the participant's excuse in the inbox",
    rule: "attendance",
    act: async (f) => {
      const requestId = await askedExcuse(f, "A power cut at home");
      const decided = await decideExcusesInBulk(t.db, f.admin.id, {
        cohortId: f.cohort.id,
        ids: [requestId],
        decision: "approve",
      });
      expect(decided.ok).toBe(true);
    },
  },
  {
    change: "the participant submits a passing attempt",
    rule: "quiz",
    act: async (f) => {
      const attemptId = await savedCorrectAttempt(f);
      expect(await submitAttempt(t.db, f.person.id, attemptId)).toMatchObject({ ok: true, passed: true });
    },
  },
  {
    change: "a passing attempt is closed when its time limit is up",
    rule: "quiz",
    act: async (f) => {
      await saveQuizRules(t.db, f.admin.id, f.cohort.id, { ...DEFAULT_QUIZ_RULES, timeLimitMinutes: 30 });
      const startedAt = new Date();
      const attemptId = await savedCorrectAttempt(f, startedAt);
      // The submit comes hours later: the attempt is closed at its deadline with what it saved.
      const late = new Date(startedAt.getTime() + 3 * HOUR);
      expect(await submitAttempt(t.db, f.person.id, attemptId, {}, late)).toMatchObject({
        ok: true,
        alreadySubmitted: false,
        passed: true,
      });
      expect(await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
        submittedBy: "deadline",
      });
    },
  },
  {
    change: "an organiser closes the quiz while a passing attempt is under way",
    rule: "quiz",
    act: async (f) => {
      const now = new Date();
      await saveQuizRules(t.db, f.admin.id, f.cohort.id, {
        ...DEFAULT_QUIZ_RULES,
        opensAt: new Date(now.getTime() - 2 * HOUR),
        closesAt: new Date(now.getTime() + HOUR),
      });
      const attemptId = await savedCorrectAttempt(f, now);
      const closeNow = { ...DEFAULT_QUIZ_RULES, opensAt: new Date(now.getTime() - 2 * HOUR), closesAt: now };
      await saveQuizRules(t.db, f.admin.id, f.cohort.id, closeNow, new Date(now.getTime() + 60_000));
      expect(await t.db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
        status: "SUBMITTED",
        passed: true,
      });
    },
  },
  {
    change: "a corrected answer key turns a failed attempt into a pass",
    rule: "quiz",
    act: async (f) => {
      await saveQuizRules(t.db, f.admin.id, f.cohort.id, { ...DEFAULT_QUIZ_RULES, passPercent: 1 });
      const tf = quiz.questions.find((q) => q.type === "true-false");
      if (tf?.type !== "true-false") throw new Error("the lecture's quiz has no true-false question");
      const started = await startAttempt(t.db, {
        userId: f.person.id,
        cohortId: f.cohort.id,
        lectureSlug: slug,
        questions: quiz.questions,
      });
      if (!started.ok) throw new Error(started.reason);
      const answered = { [tf.id]: { type: "true-false", value: !tf.answer } };
      expect(await submitAttempt(t.db, f.person.id, started.attemptId, answered)).toMatchObject({ passed: false });
      expect(await issuingJobs(f.cohort.id)).toEqual([]);
      const corrected = quiz.questions.map((q) => (q.id === tf.id ? { ...q, answer: !tf.answer } : q)) as TQuestion[];
      expect(await applyRegrade(t.db, f.admin.id, f.cohort.id, slug, corrected)).toBe(1);
    },
  },
  {
    change: "an organiser gives the participant the certificate name the roster lacked",
    rule: "none",
    named: false,
    act: async (f) => {
      const updated = await updatePersonProfile(t.db, f.admin.id, f.person.id, {
        certificateName: "Ayesha Khan",
        nativeName: null,
        name: "Ayesha Khan",
        country: "PK",
        organisation: null,
        position: null,
      });
      expect(updated).toMatchObject({ ok: true, changed: true });
    },
  },
  {
    change: "an organiser saves a rule that issues automatically",
    rule: "none",
    act: async (f) => {
      const rule = { minAttendancePercent: 0, requiredQuizzes: [], autoIssue: true };
      expect(await saveCertificateRule(t.db, f.admin.id, f.cohort.id, rule, refs)).toBe(true);
      return { all: true };
    },
  },
];

describe("automatic issuing is queued with the change that calls for it", () => {
  it.each(cases)("[CERTIFICATES][JOBS]: $change", async ({ rule, named, act }) => {
    const f = await cohortWith(rule, { named });
    expect(await issuingJobs(f.cohort.id)).toEqual([]);
    const whom = await act(f);
    const jobs = await issuingJobs(f.cohort.id);
    expect(jobs).toEqual([`issue:${f.cohort.id}:${whom?.all ? "all" : f.person.id}`]);
    await runDueJobs(t);
    expect(await t.db.certificate.count({ where: { cohortId: f.cohort.id, userId: f.person.id } })).toBe(1);
    expect(await issuingJobs(f.cohort.id)).toEqual([]);
  });

  it("[CERTIFICATES][JOBS]: a change that cannot make anyone eligible queues nothing", async () => {
    const refused = await cohortWith("attendance");
    const requestId = await askedExcuse(refused, "Travelling");
    expect(await decideExcuse(t.db, refused.admin.id, refused.cohort.id, requestId, false)).toEqual({ ok: true });
    expect(await issuingJobs(refused.cohort.id)).toEqual([]);
    // A mark that changes the record queues issuing (the job finds no one eligible); the same mark again changes nothing.
    const marks = [{ userId: refused.person.id, status: "ABSENT" as const, note: null }];
    expect(await markAttendance(t.db, refused.admin.id, refused.cohort.id, refused.session.id, marks)).toEqual({
      ok: true,
      changed: 1,
    });
    await runDueJobs(t);
    expect(await t.db.certificate.count({ where: { cohortId: refused.cohort.id } })).toBe(0);
    expect(await markAttendance(t.db, refused.admin.id, refused.cohort.id, refused.session.id, marks)).toEqual({
      ok: true,
      changed: 0,
    });
    expect(await issuingJobs(refused.cohort.id)).toEqual([]);

    const manual = await cohortWith("none", { autoIssue: false });
    const rule = { minAttendancePercent: 0, requiredQuizzes: [], autoIssue: false };
    expect(await saveCertificateRule(t.db, manual.admin.id, manual.cohort.id, rule, refs)).toBe(true);
    expect(await issuingJobs(manual.cohort.id)).toEqual([]);
  });
});
