// Quizzes: rules per cohort, attempts that keep their own question version,
// answers saved as the participant goes, and grading on submission. Every
// participant function takes the acting user's id and only ever touches that
// user's attempts; admin functions say so and callers check the role.
import { createHash, randomUUID } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import {
  attemptDeadline,
  canStartAttempt,
  DEFAULT_QUIZ_RULES,
  GRACE_SECONDS,
  gradeAttempt,
  hasPassed,
  isOverdue,
  layoutAttempt,
  parseResponse,
  quizStatus,
  type AttemptGrade,
  type AttemptLayout,
  type QuizResponse,
  type QuizRules,
  type QuizStatus,
} from "@/lib/domain/quiz";
import type { TQuestion } from "@/lib/schemas/content";
import { asJson, recordAudit } from "./audit";
import type { Db } from "./client";
import { isUniqueViolation } from "./errors";
import { sql } from "./sql";

type Tx = Prisma.TransactionClient;
const TX = { maxWait: 10_000, timeout: 10_000 };

// ---------------------------------------------------------------- rules

export async function getQuizRules(db: Db | Tx, cohortId: string): Promise<QuizRules> {
  const row = await db.quizRules.findUnique({ where: { cohortId } });
  if (!row) return { ...DEFAULT_QUIZ_RULES };
  const { cohortId: _c, updatedAt: _u, ...rules } = row;
  return rules;
}

/** Admin: sets a cohort's rules, audit-logged with before and after. */
export async function saveQuizRules(db: Db, actorId: string, cohortId: string, rules: QuizRules): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.findUnique({ where: { id: cohortId }, select: { id: true } });
    if (!cohort) return false;
    const before = await getQuizRules(tx, cohortId);
    await tx.quizRules.upsert({ where: { cohortId }, create: { cohortId, ...rules }, update: rules });
    await recordAudit(tx, {
      action: "quiz.rules_update",
      actorId,
      entity: "cohort",
      entityId: cohortId,
      before: asJson(before),
      after: asJson(rules),
    });
    return true;
  });
}

// ---------------------------------------------------------------- versions

// Version rows never change (they are keyed by their content's hash), so each
// process keeps the ones it has read: no attempt has to ship its questions' JSON
// from the database again.
const versionIdByHash = new Map<string, string>();
const questionsByVersion = new Map<string, TQuestion[]>();
const hashOf = new WeakMap<readonly TQuestion[], string>();

async function versionQuestions(db: Db | Tx, versionId: string): Promise<TQuestion[]> {
  let questions = questionsByVersion.get(versionId);
  if (!questions) {
    const row = await db.quizVersion.findUniqueOrThrow({ where: { id: versionId }, select: { questions: true } });
    questions = row.questions as unknown as TQuestion[];
    questionsByVersion.set(versionId, questions);
  }
  return questions;
}

/** The row holding exactly these questions (with their answer key); made on first use. */
export async function ensureQuizVersion(
  db: Db | Tx,
  lectureSlug: string,
  questions: readonly TQuestion[],
): Promise<{ id: string }> {
  let contentHash = hashOf.get(questions);
  if (!contentHash) {
    contentHash = createHash("sha256").update(JSON.stringify({ lectureSlug, questions })).digest("hex");
    hashOf.set(questions, contentHash);
  }
  const known = versionIdByHash.get(contentHash);
  if (known) return { id: known };
  const found = await db.quizVersion.findUnique({ where: { contentHash }, select: { id: true } });
  if (found) {
    versionIdByHash.set(contentHash, found.id);
    return found;
  }
  await db.$executeRaw`
    INSERT INTO quiz_versions (id, lecture_slug, content_hash, questions)
    VALUES (${randomUUID()}, ${lectureSlug}, ${contentHash}, ${JSON.stringify(questions)}::jsonb)
    ON CONFLICT (content_hash) DO NOTHING`;
  const made = await db.quizVersion.findUniqueOrThrow({ where: { contentHash }, select: { id: true } });
  versionIdByHash.set(contentHash, made.id);
  return made;
}

// ---------------------------------------------------------------- attempts

export type StartResult =
  | { ok: true; attemptId: string; resumed: boolean }
  | { ok: false; reason: "not-enrolled" | "not-open" | "closed" | "no-attempts-left" };

/**
 * Starts an attempt, or resumes the one in progress. The attempt holds its own
 * question and option order and the question version it is taken with. Two
 * starts at once (two tabs, a double click) end on the same attempt: a partial
 * unique index allows one attempt in progress, and (participant, cohort, quiz,
 * number) is unique, so the attempts limit holds.
 */
export async function startAttempt(
  db: Db,
  input: { userId: string; cohortId: string; lectureSlug: string; questions: readonly TQuestion[]; now?: Date },
): Promise<StartResult> {
  const now = input.now ?? new Date();
  const { userId, cohortId, lectureSlug } = input;
  // One round trip for where the participant stands and the cohort's rules;
  // the unique indexes, not a lock, keep two concurrent starts from making two attempts.
  const [state] = await sql(db).rows<
    {
      enrolled: boolean;
      open_id: string | null;
      open_deadline: Date | null;
      used: number;
      has_rules: boolean;
    } & Record<string, unknown>
  >`
    SELECT EXISTS (SELECT 1 FROM enrolments WHERE user_id = ${userId} AND cohort_id = ${cohortId} AND status = 'ACTIVE') AS enrolled,
           o.id AS open_id, o.deadline_at AS open_deadline,
           (SELECT count(*)::int FROM quiz_attempts WHERE user_id = ${userId} AND cohort_id = ${cohortId} AND lecture_slug = ${lectureSlug}) AS used,
           r.cohort_id IS NOT NULL AS has_rules, r.pass_percent, r.max_attempts, r.time_limit_minutes, r.opens_at, r.closes_at,
           r.shuffle_questions, r.shuffle_options, r.score_policy::text AS score_policy, r.feedback::text AS feedback
    FROM (SELECT 1) AS one
    LEFT JOIN quiz_attempts o ON o.user_id = ${userId} AND o.cohort_id = ${cohortId} AND o.lecture_slug = ${lectureSlug} AND o.status = 'IN_PROGRESS'
    LEFT JOIN quiz_rules r ON r.cohort_id = ${cohortId}`;
  if (!state?.enrolled) return { ok: false, reason: "not-enrolled" };
  if (state.open_id && !isOverdue(state.open_deadline, now))
    return { ok: true, attemptId: state.open_id, resumed: true };
  if (state.open_id) await db.$transaction((tx) => finalise(tx, state.open_id!, now, "deadline"), TX);
  const rules: QuizRules = state.has_rules
    ? {
        passPercent: state.pass_percent as number,
        maxAttempts: state.max_attempts as number | null,
        timeLimitMinutes: state.time_limit_minutes as number | null,
        opensAt: state.opens_at as Date | null,
        closesAt: state.closes_at as Date | null,
        shuffleQuestions: state.shuffle_questions as boolean,
        shuffleOptions: state.shuffle_options as boolean,
        scorePolicy: state.score_policy as QuizRules["scorePolicy"],
        feedback: state.feedback as QuizRules["feedback"],
      }
    : { ...DEFAULT_QUIZ_RULES };
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

export type OwnAttempt = NonNullable<Awaited<ReturnType<typeof loadOwnAttempt>>>;

async function loadOwnAttempt(db: Db | Tx, userId: string, attemptId: string) {
  const attempt = await db.quizAttempt.findFirst({ where: { id: attemptId, userId } });
  if (!attempt) return null;
  return {
    ...attempt,
    version: { questions: (await versionQuestions(db, attempt.versionId)) as unknown as Prisma.JsonValue },
  };
}

/**
 * The acting user's attempt (null for anyone else's). An attempt past its
 * deadline is submitted as it stands before it is returned.
 */
export async function getOwnAttempt(db: Db, userId: string, attemptId: string, now = new Date()) {
  const attempt = await loadOwnAttempt(db, userId, attemptId);
  if (attempt?.status === "IN_PROGRESS" && isOverdue(attempt.deadlineAt, now)) {
    await db.$transaction((tx) => finalise(tx, attempt.id, now, "deadline"), TX);
    return loadOwnAttempt(db, userId, attemptId);
  }
  return attempt;
}

export const attemptQuestions = (attempt: { version: { questions: Prisma.JsonValue } }) =>
  attempt.version.questions as unknown as TQuestion[];
export const attemptLayout = (attempt: { layout: Prisma.JsonValue }) => attempt.layout as unknown as AttemptLayout;
export const attemptResponses = (attempt: { responses: Prisma.JsonValue }) =>
  attempt.responses as unknown as Record<string, QuizResponse>;

export type SaveResult =
  | { ok: true }
  | {
      ok: false;
      error: "not-found" | "submitted" | "overdue" | "unknown-question" | "wrong-type" | "unknown-option" | "invalid";
    };

/** Saves one answer of the acting user's attempt in progress; anything else writes nothing. */
export async function saveAnswer(
  db: Db,
  userId: string,
  attemptId: string,
  questionId: string,
  raw: unknown,
  now = new Date(),
): Promise<SaveResult> {
  const [attempt] = await sql(db).rows<{
    status: "IN_PROGRESS" | "SUBMITTED";
    deadline_at: Date | null;
    version_id: string;
  }>`
    SELECT status, deadline_at, version_id FROM quiz_attempts WHERE id = ${attemptId} AND user_id = ${userId}`;
  if (!attempt) return { ok: false, error: "not-found" };
  if (attempt.status !== "IN_PROGRESS") return { ok: false, error: "submitted" };
  if (isOverdue(attempt.deadline_at, now)) return { ok: false, error: "overdue" };
  const question = (await versionQuestions(db, attempt.version_id)).find((q) => q.id === questionId);
  if (!question) return { ok: false, error: "unknown-question" };
  const parsed = parseResponse(question, raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  // One statement, guarded again: a submission in between wins and this writes nothing.
  const changed = await sql(db).execute`
    UPDATE quiz_attempts SET responses = responses || jsonb_build_object(${questionId}::text, ${JSON.stringify(parsed.response)}::jsonb)
    WHERE id = ${attemptId} AND user_id = ${userId} AND status = 'IN_PROGRESS'`;
  return changed === 1 ? { ok: true } : { ok: false, error: "submitted" };
}

export type SubmitResult =
  | { ok: true; alreadySubmitted: boolean; grade: AttemptGrade; passed: boolean }
  | { ok: false; error: "not-found" | "invalid"; questionId?: string };

/**
 * Submits and grades the acting user's attempt. `answers` (from a form posted
 * without JavaScript) are saved first. A second submission (two tabs, a
 * replayed request) changes nothing and returns the first result.
 */
export async function submitAttempt(
  db: Db,
  userId: string,
  attemptId: string,
  answers: Record<string, unknown> = {},
  now = new Date(),
): Promise<SubmitResult> {
  for (let round = 0; round < 5; round += 1) {
    // The attempt and its cohort's pass mark in one read.
    const [attempt] = await sql(db).rows<{
      status: "IN_PROGRESS" | "SUBMITTED";
      version_id: string;
      responses: Prisma.JsonValue;
      deadline_at: Date | null;
      grade: Prisma.JsonValue;
      passed: boolean | null;
      pass_percent: number | null;
    }>`SELECT a.status, a.version_id, a.responses, a.deadline_at, a.grade, a.passed, r.pass_percent
      FROM quiz_attempts a LEFT JOIN quiz_rules r ON r.cohort_id = a.cohort_id
      WHERE a.id = ${attemptId} AND a.user_id = ${userId}`;
    if (!attempt) return { ok: false, error: "not-found" };
    if (attempt.status === "SUBMITTED")
      return {
        ok: true,
        alreadySubmitted: true,
        grade: attempt.grade as unknown as AttemptGrade,
        passed: attempt.passed!,
      };
    const overdue = isOverdue(attempt.deadline_at, now);
    const questions = await versionQuestions(db, attempt.version_id);
    const responses = { ...attemptResponses(attempt) };
    if (!overdue) {
      for (const [questionId, raw] of Object.entries(answers)) {
        const question = questions.find((q) => q.id === questionId);
        const parsed = question && parseResponse(question, raw);
        if (!parsed || !parsed.ok) return { ok: false, error: "invalid", questionId };
        responses[questionId] = parsed.response;
      }
    }
    const grade = gradeAttempt(questions, responses);
    const passed = hasPassed(grade.percent, { passPercent: attempt.pass_percent ?? DEFAULT_QUIZ_RULES.passPercent });
    // Only the request that finds the attempt in progress, with the answers it
    // graded, submits it: a second submit, or an answer saved meanwhile, makes
    // this one read again.
    const changed = await sql(db).execute`
      UPDATE quiz_attempts SET status = 'SUBMITTED', submitted_at = ${now}, submitted_by = ${overdue ? "deadline" : "participant"},
        responses = ${JSON.stringify(responses)}::jsonb, grade = ${JSON.stringify(grade)}::jsonb, percent = ${grade.percent}, passed = ${passed}
      WHERE id = ${attemptId} AND user_id = ${userId} AND status = 'IN_PROGRESS' AND responses = ${JSON.stringify(attempt.responses)}::jsonb`;
    if (changed === 1) return { ok: true, alreadySubmitted: false, grade, passed };
  }
  throw new Error(`attempt ${attemptId}: could not submit after 5 tries`);
}

/** Grades the attempt as it stands, with the question version it was taken with, unless it was submitted meanwhile. */
async function finalise(tx: Tx, attemptId: string, now: Date, by: "participant" | "deadline") {
  const attempt = await tx.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const rules = await getQuizRules(tx, attempt.cohortId);
  const grade = gradeAttempt(await versionQuestions(tx, attempt.versionId), attemptResponses(attempt));
  const passed = hasPassed(grade.percent, rules);
  await tx.quizAttempt.updateMany({
    where: { id: attemptId, status: "IN_PROGRESS" },
    data: {
      status: "SUBMITTED",
      submittedAt: now,
      submittedBy: by,
      grade: asJson(grade),
      percent: grade.percent,
      passed,
    },
  });
  return { grade, passed };
}

/**
 * Submits, as they stand, the attempts of a cohort (or of one participant in
 * it) that are past their deadline and its grace period, whether or not anyone
 * opens them again: reports and statuses then count them.
 */
export async function finaliseOverdue(
  db: Db,
  where: { cohortId: string; userId?: string },
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - GRACE_SECONDS * 1000);
  const overdue = await db.quizAttempt.findMany({
    where: { ...where, status: "IN_PROGRESS", deadlineAt: { lt: cutoff } },
    select: { id: true },
  });
  for (const a of overdue) await db.$transaction((tx) => finalise(tx, a.id, now, "deadline"), TX);
  return overdue.length;
}

// ---------------------------------------------------------------- the participant's overview

/** The acting user's attempts at one quiz of one cohort, oldest first. */
export function listOwnAttempts(db: Db, userId: string, cohortId: string, lectureSlug: string) {
  return db.quizAttempt.findMany({
    where: { userId, cohortId, lectureSlug },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      status: true,
      startedAt: true,
      submittedAt: true,
      deadlineAt: true,
      percent: true,
      passed: true,
      submittedBy: true,
    },
  });
}

/** Whether the user holds an active place in the cohort. */
/** The cohort of the acting user's attempt, or null if it is not theirs. */
export async function attemptCohort(db: Db, userId: string, attemptId: string): Promise<string | null> {
  return (
    (await db.quizAttempt.findFirst({ where: { id: attemptId, userId }, select: { cohortId: true } }))?.cohortId ?? null
  );
}

export async function isActiveParticipant(db: Db, userId: string, cohortId: string): Promise<boolean> {
  return (await db.enrolment.count({ where: { userId, cohortId, status: "ACTIVE" } })) > 0;
}

/** Each quiz's status for the dashboard, for the acting user in one cohort. */
export async function ownQuizStatuses(
  db: Db,
  userId: string,
  cohortId: string,
  lectureSlugs: readonly string[],
): Promise<Record<string, QuizStatus>> {
  await finaliseOverdue(db, { cohortId, userId });
  const [rules, attempts] = await Promise.all([
    getQuizRules(db, cohortId),
    db.quizAttempt.findMany({
      where: { userId, cohortId },
      orderBy: { number: "asc" },
      select: { lectureSlug: true, status: true, percent: true },
    }),
  ]);
  return Object.fromEntries(
    lectureSlugs.map((slug) => [
      slug,
      quizStatus(
        rules,
        attempts
          .filter((a) => a.lectureSlug === slug)
          .map((a) => ({
            submitted: a.status === "SUBMITTED",
            percent: a.percent === null ? null : Number(a.percent),
          })),
      ),
    ]),
  );
}
