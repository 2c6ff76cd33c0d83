// Quiz attempts: each keeps its own question version and order, saves answers as the
// participant goes, and is graded on submission. Every function here takes the acting
// user's id and only ever touches that user's attempts. The cohort's rules are in
// quiz-rules.ts, question versions in quiz-versions.ts, attempts whose time is up in
// quiz-deadlines.ts.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AttemptStatus } from "@/generated/prisma/enums";
import {
  attemptDeadline,
  canStartAttempt,
  DEFAULT_QUIZ_RULES,
  effectiveAttempt,
  gradeAttempt,
  hasPassed,
  isOverdue,
  isPastDeadline,
  isStaleRevision,
  layoutAttempt,
  overdueCutoff,
  parseResponse,
  quizStatus,
  type AttemptGrade,
  type AttemptLayout,
  type AttemptState,
  type QuizResponse,
  type QuizRules,
  type QuizStatus,
} from "@/lib/domain/quiz";
import { effectiveQuizRules } from "@/lib/domain/quiz-override";
import type { TQuestion } from "@/lib/schemas/content";
import type { Db } from "./client";
import { isUniqueViolation } from "./errors";
import {
  readGrade,
  readLayout,
  readResponses,
  ZGradeColumn,
  ZResponsesColumn,
  type TStoredGrade,
} from "./json-columns";
import { ATTEMPT_STATE, attemptsAsOf, closeOverdueAttempt } from "./quiz-deadlines";
import { ownQuizOverrides, ZOverrideJson } from "./quiz-overrides";
import { getQuizRules, quizRulesOf, ZQuizRulesJson } from "./quiz-rules";
import { ensureQuizVersion, versionQuestions } from "./quiz-versions";
import { sql } from "./sql";

// ---------------------------------------------------------------- starting

export type StartResult =
  | { ok: true; attemptId: string; resumed: boolean }
  | { ok: false; reason: "not-enrolled" | "not-open" | "closed" | "no-attempts-left" }
  /** The attempt the participant meant to carry on (`resume`) ran out of time: it is now submitted, and no other was started. */
  | { ok: false; reason: "expired"; attemptId: string };

/** Where the participant stands in one quiz, with the cohort's rules (null: it has none). */
const ZStartRow = z.strictObject({
  enrolled: z.boolean(),
  open_id: z.string().nullable(),
  open_deadline: z.date().nullable(),
  used: z.number().int(),
  rules: ZQuizRulesJson.nullable(),
  override: ZOverrideJson.nullable(),
});

/**
 * Starts an attempt, or resumes the one in progress. The attempt holds its own
 * question and option order and the question version it is taken with. An attempt
 * in progress whose time is up is closed first (closeOverdueAttempt). Two starts at
 * once (two tabs, a double click) end on the same attempt: a partial unique index
 * allows one attempt in progress, and (participant, cohort, quiz, number) is unique,
 * so the attempts limit holds. With `resume`, the id of the attempt the participant meant to
 * carry on, an attempt whose time ran out meanwhile is closed and named ("expired") instead of
 * silently followed by a new, empty one.
 */
export async function startAttempt(
  db: Db,
  input: {
    userId: string;
    cohortId: string;
    lectureSlug: string;
    questions: readonly TQuestion[];
    resume?: string;
    now?: Date;
  },
): Promise<StartResult> {
  const now = input.now ?? new Date();
  const { userId, cohortId, lectureSlug } = input;
  // One round trip for where the participant stands and the cohort's rules;
  // the unique indexes, not a lock, keep two concurrent starts from making two attempts.
  const [state] = await sql(db).rows(ZStartRow)`
    SELECT EXISTS (SELECT 1 FROM enrolments WHERE user_id = ${userId} AND cohort_id = ${cohortId} AND status = 'ACTIVE') AS enrolled,
           o.id AS open_id, o.deadline_at AS open_deadline,
           (SELECT count(*)::int FROM quiz_attempts WHERE user_id = ${userId} AND cohort_id = ${cohortId} AND lecture_slug = ${lectureSlug}) AS used,
           (SELECT json_build_object('passPercent', r.pass_percent, 'maxAttempts', r.max_attempts,
                     'timeLimitMinutes', r.time_limit_minutes, 'opensAt', r.opens_at, 'closesAt', r.closes_at,
                     'shuffleQuestions', r.shuffle_questions, 'shuffleOptions', r.shuffle_options,
                     'scorePolicy', r.score_policy, 'feedback', r.feedback)
              FROM quiz_rules r WHERE r.cohort_id = ${cohortId}) AS rules,
           (SELECT json_build_object('extraAttempts', v.extra_attempts, 'extraMinutes', v.extra_minutes, 'closesAt', v.closes_at)
              FROM quiz_overrides v WHERE v.cohort_id = ${cohortId} AND v.lecture_slug = ${lectureSlug} AND v.user_id = ${userId}) AS override
    FROM (SELECT 1) AS one
    LEFT JOIN quiz_attempts o ON o.user_id = ${userId} AND o.cohort_id = ${cohortId} AND o.lecture_slug = ${lectureSlug} AND o.status = 'IN_PROGRESS'`;
  if (!state?.enrolled) return { ok: false, reason: "not-enrolled" };
  if (state.open_id && !isOverdue(state.open_deadline, now))
    return { ok: true, attemptId: state.open_id, resumed: true };
  if (state.open_id) await closeOverdueAttempt(db, state.open_id, now);
  if (input.resume !== undefined) {
    // The attempt to carry on is over (its time ran out, or it was submitted elsewhere): show it, start nothing.
    const meant = await db.quizAttempt.findFirst({
      where: { id: input.resume, userId, cohortId, lectureSlug },
      select: { id: true },
    });
    if (meant) return { ok: false, reason: "expired", attemptId: meant.id };
  }
  // The participant's own override extends the attempts limit, time limit and closing time.
  const rules = effectiveQuizRules(quizRulesOf(state.rules), state.override);
  const decision = canStartAttempt(rules, state.used, now);
  if (!decision.ok) return decision;
  const version = await ensureQuizVersion(db, lectureSlug, input.questions);
  const id = randomUUID();
  try {
    await sql(db).execute`
      INSERT INTO quiz_attempts (id, user_id, cohort_id, lecture_slug, version_id, number, layout, started_at, deadline_at)
      VALUES (${id}, ${userId}, ${cohortId}, ${lectureSlug}, ${version.id}, ${state.used + 1},
              ${JSON.stringify(layoutAttempt(input.questions, id, rules))}::jsonb, ${now}, ${attemptDeadline(now, rules)})`;
    return { ok: true, attemptId: id, resumed: false };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another request started one a moment ago: resume it.
    const open = await db.quizAttempt.findFirst({
      where: { userId, cohortId, lectureSlug, status: "IN_PROGRESS" },
      select: { id: true },
    });
    if (open) return { ok: true, attemptId: open.id, resumed: true };
    return { ok: false, reason: "no-attempts-left" };
  }
}

// ---------------------------------------------------------------- one attempt

type OwnAttemptCommon = {
  id: string;
  cohortId: string;
  lectureSlug: string;
  number: number;
  startedAt: Date;
  deadlineAt: Date | null;
  /** The questions it is taken with, answer key included. */
  questions: TQuestion[];
  layout: AttemptLayout;
  responses: Record<string, QuizResponse>;
  /** How many saves its answers have had: what a device compares to know its answers are the newest. */
  revision: number;
};
export type OwnAttempt = OwnAttemptCommon &
  (
    | { status: "IN_PROGRESS" }
    | {
        status: "SUBMITTED";
        submittedAt: Date;
        submittedBy: string | null;
        grade: TStoredGrade;
        percent: number;
        passed: boolean;
      }
  );

/** An attempt as stored, its JSON columns read: what ownAttemptAsOf turns into an OwnAttempt. */
export type StoredAttempt = Omit<OwnAttemptCommon, "questions"> &
  AttemptState & { versionId: string; grade: TStoredGrade | null };

/**
 * The attempt as it stands at `now`: one whose time is up shows as submitted at its
 * deadline, graded by the pass mark of `rules` (asked for only then).
 */
export async function ownAttemptAsOf(
  stored: StoredAttempt,
  questions: TQuestion[],
  rules: () => QuizRules | Promise<QuizRules>,
  now: Date,
): Promise<OwnAttempt> {
  const common: OwnAttemptCommon = {
    id: stored.id,
    cohortId: stored.cohortId,
    lectureSlug: stored.lectureSlug,
    number: stored.number,
    startedAt: stored.startedAt,
    deadlineAt: stored.deadlineAt,
    questions,
    layout: stored.layout,
    responses: stored.responses,
    revision: stored.revision,
  };
  const state = isPastDeadline(stored, now)
    ? effectiveAttempt(stored, { questions, responses: stored.responses }, await rules(), now)
    : stored;
  if (state.status === "IN_PROGRESS") return { ...common, status: "IN_PROGRESS" };
  if (state.grade === null || state.submittedAt === null || state.percent === null || state.passed === null)
    throw new Error(`quiz attempt ${stored.id} is submitted without a grade`);
  return {
    ...common,
    status: "SUBMITTED",
    submittedAt: state.submittedAt,
    submittedBy: state.submittedBy,
    grade: state.grade,
    percent: state.percent,
    passed: state.passed,
  };
}

/**
 * The acting user's attempt (null for anyone else's), as it stands at `now`: one whose
 * time is up shows as submitted at its deadline. Writes nothing.
 */
export async function getOwnAttempt(
  db: Db,
  userId: string,
  attemptId: string,
  now = new Date(),
): Promise<OwnAttempt | null> {
  const row = await db.quizAttempt.findFirst({
    where: { id: attemptId, userId },
    select: {
      ...ATTEMPT_STATE,
      cohortId: true,
      lectureSlug: true,
      number: true,
      startedAt: true,
      layout: true,
      responses: true,
      revision: true,
      grade: true,
    },
  });
  if (!row) return null;
  const stored: StoredAttempt = {
    ...row,
    percent: row.percent === null ? null : Number(row.percent),
    layout: readLayout(row.layout),
    responses: readResponses(row.responses),
    grade: readGrade(row.grade),
  };
  return ownAttemptAsOf(stored, await versionQuestions(db, row.versionId), () => getQuizRules(db, row.cohortId), now);
}

// ---------------------------------------------------------------- answers and submission

export type SaveResult =
  /** `revision`: the attempt's revision after this save (one more than before it, unless another device saved meanwhile). */
  | { ok: true; revision: number }
  | {
      ok: false;
      error:
        | "not-found"
        | "withdrawn"
        | "submitted"
        | "overdue"
        | "unknown-question"
        | "wrong-type"
        | "unknown-option"
        | "invalid";
    };

/** The attempt, its current deadline (its own, capped by the closing time as it stands for its owner, their override included) and whether its owner still holds a place. */
const ZSaveRow = z.strictObject({
  status: z.enum(AttemptStatus),
  deadline_at: z.date().nullable(),
  version_id: z.string(),
  enrolled: z.boolean(),
});

const ZRevisionRow = z.strictObject({ revision: z.number().int() });

/**
 * Saves one answer of the acting user's attempt in progress; anything else writes nothing.
 * Refused once the participant no longer holds an active place in the cohort ("withdrawn"),
 * and once the attempt's current deadline, which the cohort's closing time as it stands now
 * caps, has passed ("overdue").
 */
export async function saveAnswer(
  db: Db,
  userId: string,
  attemptId: string,
  questionId: string,
  raw: unknown,
  now = new Date(),
): Promise<SaveResult> {
  const [attempt] = await sql(db).rows(ZSaveRow)`
    SELECT a.status, LEAST(a.deadline_at, CASE WHEN r.closes_at IS NOT NULL THEN GREATEST(r.closes_at, o.closes_at) END) AS deadline_at,
           a.version_id, EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = a.user_id AND e.cohort_id = a.cohort_id AND e.status = 'ACTIVE') AS enrolled
    FROM quiz_attempts a LEFT JOIN quiz_rules r ON r.cohort_id = a.cohort_id
    LEFT JOIN quiz_overrides o ON o.cohort_id = a.cohort_id AND o.lecture_slug = a.lecture_slug AND o.user_id = a.user_id
    WHERE a.id = ${attemptId} AND a.user_id = ${userId}`;
  if (!attempt) return { ok: false, error: "not-found" };
  if (attempt.status !== "IN_PROGRESS") return { ok: false, error: "submitted" };
  if (!attempt.enrolled) return { ok: false, error: "withdrawn" };
  if (isOverdue(attempt.deadline_at, now)) return { ok: false, error: "overdue" };
  const question = (await versionQuestions(db, attempt.version_id)).find((q) => q.id === questionId);
  if (!question) return { ok: false, error: "unknown-question" };
  const parsed = parseResponse(question, raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  // One statement, guarded again: a submission, a closing of the quiz or a withdrawal in
  // between wins and this writes nothing. Each save counts one revision, so that a device
  // can tell whether another one saved since it last looked (the row lock orders them).
  const [saved] = await sql(db).rows(ZRevisionRow)`
    UPDATE quiz_attempts AS a SET responses = a.responses || jsonb_build_object(${questionId}::text, ${JSON.stringify(parsed.response)}::jsonb),
      revision = a.revision + 1
    WHERE a.id = ${attemptId} AND a.user_id = ${userId} AND a.status = 'IN_PROGRESS' AND EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = a.user_id AND e.cohort_id = a.cohort_id AND e.status = 'ACTIVE')
      AND NOT EXISTS (SELECT 1 FROM quiz_rules r LEFT JOIN quiz_overrides o ON o.cohort_id = r.cohort_id AND o.lecture_slug = a.lecture_slug AND o.user_id = a.user_id
                      WHERE r.cohort_id = a.cohort_id AND r.closes_at < ${overdueCutoff(now)} AND (o.closes_at IS NULL OR o.closes_at < ${overdueCutoff(now)}))
    RETURNING a.revision`;
  return saved ? { ok: true, revision: saved.revision } : { ok: false, error: "submitted" };
}

export type SubmitResult =
  | {
      ok: true;
      alreadySubmitted: boolean;
      grade: AttemptGrade;
      passed: boolean;
    }
  | { ok: false; error: "not-found" | "withdrawn" | "invalid"; questionId?: string }
  /** The answers were saved again (from another device) since the revision the submitting device last saw. */
  | { ok: false; error: "changed"; revision: number };

/**
 * The attempt with its current deadline (its own, capped by the closing time for its owner, their override included), whether its owner still holds
 * a place, and its cohort's pass mark (null: the cohort has no rules).
 */
const ZSubmitRow = z.strictObject({
  status: z.enum(AttemptStatus),
  enrolled: z.boolean(),
  version_id: z.string(),
  responses: ZResponsesColumn,
  revision: z.number().int(),
  deadline_at: z.date().nullable(),
  grade: ZGradeColumn.nullable(),
  passed: z.boolean().nullable(),
  pass_percent: z.number().int().nullable(),
});

/**
 * Submits and grades the acting user's attempt. `answers` (from a form posted
 * without JavaScript) are saved first. A second submission (two tabs, a
 * replayed request) changes nothing and returns the first result. An attempt whose
 * time is up, by its current deadline (the cohort's closing time as it stands now caps
 * it), is closed as it stands (closeOverdueAttempt), without `answers`. A participant who
 * no longer holds an active place in the cohort cannot submit ("withdrawn").
 * With `seenRevision`, the revision of the answers the submitting device last saw, an attempt
 * saved since (from another device) is not submitted ("changed"): the stale answers of one
 * device must not silently replace newer ones.
 */
export async function submitAttempt(
  db: Db,
  userId: string,
  attemptId: string,
  answers: Record<string, unknown> = {},
  now = new Date(),
  seenRevision?: number,
): Promise<SubmitResult> {
  for (let round = 0; round < 5; round += 1) {
    // The attempt and its cohort's pass mark in one read.
    const [attempt] = await sql(db).rows(ZSubmitRow)`
      SELECT a.status, EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = a.user_id AND e.cohort_id = a.cohort_id AND e.status = 'ACTIVE') AS enrolled, a.version_id, a.responses, a.revision, LEAST(a.deadline_at, CASE WHEN r.closes_at IS NOT NULL THEN GREATEST(r.closes_at, o.closes_at) END) AS deadline_at,
             a.grade, a.passed, r.pass_percent
      FROM quiz_attempts a LEFT JOIN quiz_rules r ON r.cohort_id = a.cohort_id
      LEFT JOIN quiz_overrides o ON o.cohort_id = a.cohort_id AND o.lecture_slug = a.lecture_slug AND o.user_id = a.user_id
      WHERE a.id = ${attemptId} AND a.user_id = ${userId}`;
    if (!attempt) return { ok: false, error: "not-found" };
    if (attempt.status === "SUBMITTED") {
      if (attempt.grade === null || attempt.passed === null)
        throw new Error(`quiz attempt ${attemptId} is submitted without a grade`);
      return { ok: true, alreadySubmitted: true, grade: attempt.grade, passed: attempt.passed };
    }
    if (!attempt.enrolled) return { ok: false, error: "withdrawn" };
    if (isOverdue(attempt.deadline_at, now)) {
      const closing = await closeOverdueAttempt(db, attemptId, now);
      if (closing?.closed) return { ok: true, alreadySubmitted: false, grade: closing.grade, passed: closing.passed };
      continue; // closed or submitted by another request meanwhile: read it again
    }
    if (isStaleRevision(seenRevision, attempt.revision))
      return { ok: false, error: "changed", revision: attempt.revision };
    const questions = await versionQuestions(db, attempt.version_id);
    const responses = { ...attempt.responses };
    for (const [questionId, raw] of Object.entries(answers)) {
      const question = questions.find((q) => q.id === questionId);
      const parsed = question && parseResponse(question, raw);
      if (!parsed || !parsed.ok) return { ok: false, error: "invalid", questionId };
      responses[questionId] = parsed.response;
    }
    const grade = gradeAttempt(questions, responses);
    const passed = hasPassed(grade.percent, { passPercent: attempt.pass_percent ?? DEFAULT_QUIZ_RULES.passPercent });
    // Only the request that finds the attempt in progress, with the answers it
    // graded, submits it: a second submit, or an answer saved meanwhile, makes
    // this one read again.
    // A pass adds the job that issues the certificate (lib/db/jobs.ts, keyed as queueIssuing
    // keys it) in the same statement: the job exists exactly when the submission does.
    const changed = await sql(db).execute`
      WITH submitted AS (
      UPDATE quiz_attempts SET status = 'SUBMITTED', submitted_at = ${now}, submitted_by = 'participant',
        responses = ${JSON.stringify(responses)}::jsonb, grade = ${JSON.stringify(grade)}::jsonb, percent = ${grade.percent}, passed = ${passed}
      WHERE id = ${attemptId} AND user_id = ${userId} AND status = 'IN_PROGRESS' AND responses = ${JSON.stringify(attempt.responses)}::jsonb
        AND NOT EXISTS (SELECT 1 FROM quiz_rules r LEFT JOIN quiz_overrides o ON o.cohort_id = r.cohort_id AND o.lecture_slug = quiz_attempts.lecture_slug AND o.user_id = quiz_attempts.user_id
                        WHERE r.cohort_id = quiz_attempts.cohort_id AND r.closes_at < ${overdueCutoff(now)} AND (o.closes_at IS NULL OR o.closes_at < ${overdueCutoff(now)}))
        AND EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = quiz_attempts.user_id AND e.cohort_id = quiz_attempts.cohort_id AND e.status = 'ACTIVE')
      RETURNING cohort_id, passed)
      SELECT CASE WHEN s.passed THEN graphile_worker.add_job('issue-certificates',
               payload := json_build_object('cohortId', s.cohort_id, 'userIds', json_build_array(${userId}::text)),
               job_key := 'issue:' || s.cohort_id || ':' || ${userId}::text) END
        FROM submitted s`;
    if (changed === 1) return { ok: true, alreadySubmitted: false, grade, passed };
  }
  throw new Error(`attempt ${attemptId}: could not submit after 5 tries`);
}

// ---------------------------------------------------------------- the participant's overview

/** Each quiz's status for the dashboard, for the acting user in one cohort, as it stands at `now`. Writes nothing. */
export async function ownQuizStatuses(
  db: Db,
  userId: string,
  cohortId: string,
  lectureSlugs: readonly string[],
  now = new Date(),
): Promise<Record<string, QuizStatus>> {
  const [rules, overrides, rows] = await Promise.all([
    getQuizRules(db, cohortId),
    ownQuizOverrides(db, userId, cohortId),
    db.quizAttempt.findMany({
      where: { userId, cohortId },
      orderBy: { number: "asc" },
      select: { ...ATTEMPT_STATE, lectureSlug: true },
    }),
  ]);
  const attempts = await attemptsAsOf(db, cohortId, rows, now);
  return Object.fromEntries(
    lectureSlugs.map((slug) => [
      slug,
      quizStatus(
        effectiveQuizRules(rules, overrides.get(slug) ?? null),
        attempts
          .filter((a) => a.lectureSlug === slug)
          .map((a) => ({ submitted: a.status === "SUBMITTED", percent: a.percent })),
      ),
    ]),
  );
}
