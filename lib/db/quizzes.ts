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
import { recordAudit } from "./audit";
import type { Db } from "./client";

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
    await recordAudit(tx, { action: "quiz.rules_update", actorId, entity: "cohort", entityId: cohortId, before: json(before), after: json(rules) });
    return true;
  });
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

// ---------------------------------------------------------------- versions

/** The row holding exactly these questions (with their answer key); made on first use. */
export async function ensureQuizVersion(db: Db | Tx, lectureSlug: string, questions: readonly TQuestion[]): Promise<{ id: string }> {
  const contentHash = createHash("sha256").update(JSON.stringify({ lectureSlug, questions })).digest("hex");
  const found = await db.quizVersion.findUnique({ where: { contentHash }, select: { id: true } });
  if (found) return found;
  await db.$executeRaw`
    INSERT INTO quiz_versions (id, lecture_slug, content_hash, questions)
    VALUES (${randomUUID()}, ${lectureSlug}, ${contentHash}, ${JSON.stringify(questions)}::jsonb)
    ON CONFLICT (content_hash) DO NOTHING`;
  return db.quizVersion.findUniqueOrThrow({ where: { contentHash }, select: { id: true } });
}

// ---------------------------------------------------------------- attempts

export type StartResult =
  | { ok: true; attemptId: string; resumed: boolean }
  | { ok: false; reason: "not-enrolled" | "not-open" | "closed" | "no-attempts-left" };

function isUniqueViolation(err: unknown) {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

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
  try {
    return await db.$transaction(async (tx) => {
      const enrolled = await tx.enrolment.findFirst({ where: { userId, cohortId, status: "ACTIVE" }, select: { id: true } });
      if (!enrolled) return { ok: false, reason: "not-enrolled" } as const;
      const open = await tx.quizAttempt.findFirst({ where: { userId, cohortId, lectureSlug, status: "IN_PROGRESS" }, select: { id: true, deadlineAt: true } });
      if (open && !isOverdue(open.deadlineAt, now)) return { ok: true, attemptId: open.id, resumed: true } as const;
      if (open) await finalise(tx, open.id, now, "deadline");
      const rules = await getQuizRules(tx, cohortId);
      const used = await tx.quizAttempt.count({ where: { userId, cohortId, lectureSlug } });
      const decision = canStartAttempt(rules, used, now);
      if (!decision.ok) return decision;
      const version = await ensureQuizVersion(tx, lectureSlug, input.questions);
      const id = randomUUID();
      await tx.quizAttempt.create({
        data: {
          id,
          userId,
          cohortId,
          lectureSlug,
          versionId: version.id,
          number: used + 1,
          layout: json(layoutAttempt(input.questions, id, rules)),
          startedAt: now,
          deadlineAt: attemptDeadline(now, rules),
        },
      });
      return { ok: true, attemptId: id, resumed: false } as const;
    }, TX);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another request started one a moment ago: resume it.
    const open = await db.quizAttempt.findFirst({ where: { userId, cohortId, lectureSlug, status: "IN_PROGRESS" }, select: { id: true } });
    if (open) return { ok: true, attemptId: open.id, resumed: true };
    return { ok: false, reason: "no-attempts-left" };
  }
}

export type OwnAttempt = NonNullable<Awaited<ReturnType<typeof loadOwnAttempt>>>;

function loadOwnAttempt(db: Db | Tx, userId: string, attemptId: string) {
  return db.quizAttempt.findFirst({ where: { id: attemptId, userId }, include: { version: { select: { questions: true } } } });
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

export const attemptQuestions = (attempt: { version: { questions: Prisma.JsonValue } }) => attempt.version.questions as unknown as TQuestion[];
export const attemptLayout = (attempt: { layout: Prisma.JsonValue }) => attempt.layout as unknown as AttemptLayout;
export const attemptResponses = (attempt: { responses: Prisma.JsonValue }) => attempt.responses as unknown as Record<string, QuizResponse>;

export type SaveResult = { ok: true } | { ok: false; error: "not-found" | "submitted" | "overdue" | "unknown-question" | "wrong-type" | "unknown-option" | "invalid" };

/** Saves one answer of the acting user's attempt in progress; anything else writes nothing. */
export async function saveAnswer(db: Db, userId: string, attemptId: string, questionId: string, raw: unknown, now = new Date()): Promise<SaveResult> {
  const attempt = await loadOwnAttempt(db, userId, attemptId);
  if (!attempt) return { ok: false, error: "not-found" };
  if (attempt.status !== "IN_PROGRESS") return { ok: false, error: "submitted" };
  if (isOverdue(attempt.deadlineAt, now)) return { ok: false, error: "overdue" };
  const question = attemptQuestions(attempt).find((q) => q.id === questionId);
  if (!question) return { ok: false, error: "unknown-question" };
  const parsed = parseResponse(question, raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  // One statement, guarded again: a submission in between wins and this writes nothing.
  const changed = await db.$executeRaw`
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
export async function submitAttempt(db: Db, userId: string, attemptId: string, answers: Record<string, unknown> = {}, now = new Date()): Promise<SubmitResult> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM quiz_attempts WHERE id = ${attemptId} AND user_id = ${userId} FOR UPDATE`;
    if (locked.length === 0) return { ok: false, error: "not-found" } as const;
    const attempt = (await loadOwnAttempt(tx, userId, attemptId))!;
    if (attempt.status === "SUBMITTED") return { ok: true, alreadySubmitted: true, grade: attempt.grade as unknown as AttemptGrade, passed: attempt.passed! } as const;
    const responses = { ...attemptResponses(attempt) };
    if (!isOverdue(attempt.deadlineAt, now)) {
      const questions = attemptQuestions(attempt);
      for (const [questionId, raw] of Object.entries(answers)) {
        const question = questions.find((q) => q.id === questionId);
        const parsed = question && parseResponse(question, raw);
        if (!parsed || !parsed.ok) return { ok: false, error: "invalid", questionId } as const;
        responses[questionId] = parsed.response;
      }
      await tx.quizAttempt.update({ where: { id: attemptId }, data: { responses: json(responses) } });
    }
    const result = await finalise(tx, attemptId, now, isOverdue(attempt.deadlineAt, now) ? "deadline" : "participant");
    return { ok: true, alreadySubmitted: false, ...result } as const;
  }, TX);
}

/** Grades the attempt as it stands, with the question version it was taken with. */
async function finalise(tx: Tx, attemptId: string, now: Date, by: "participant" | "deadline") {
  const attempt = (await tx.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { version: { select: { questions: true } } } }));
  const rules = await getQuizRules(tx, attempt.cohortId);
  const grade = gradeAttempt(attemptQuestions(attempt), attemptResponses(attempt));
  const passed = hasPassed(grade.percent, rules);
  await tx.quizAttempt.update({
    where: { id: attemptId },
    data: { status: "SUBMITTED", submittedAt: now, submittedBy: by, grade: json(grade), percent: grade.percent, passed },
  });
  return { grade, passed };
}

// ---------------------------------------------------------------- the participant's overview

/** The acting user's attempts at one quiz of one cohort, oldest first. */
export function listOwnAttempts(db: Db, userId: string, cohortId: string, lectureSlug: string) {
  return db.quizAttempt.findMany({
    where: { userId, cohortId, lectureSlug },
    orderBy: { number: "asc" },
    select: { id: true, number: true, status: true, startedAt: true, submittedAt: true, deadlineAt: true, percent: true, passed: true, submittedBy: true },
  });
}

/** Whether the user holds an active place in the cohort. */
export async function isActiveParticipant(db: Db, userId: string, cohortId: string): Promise<boolean> {
  return (await db.enrolment.count({ where: { userId, cohortId, status: "ACTIVE" } })) > 0;
}

/** Each quiz's status for the dashboard, for the acting user in one cohort. */
export async function ownQuizStatuses(db: Db, userId: string, cohortId: string, lectureSlugs: readonly string[]): Promise<Record<string, QuizStatus>> {
  const [rules, attempts] = await Promise.all([
    getQuizRules(db, cohortId),
    db.quizAttempt.findMany({ where: { userId, cohortId }, orderBy: { number: "asc" }, select: { lectureSlug: true, status: true, percent: true } }),
  ]);
  return Object.fromEntries(
    lectureSlugs.map((slug) => [
      slug,
      quizStatus(
        rules,
        attempts.filter((a) => a.lectureSlug === slug).map((a) => ({ submitted: a.status === "SUBMITTED", percent: a.percent === null ? null : Number(a.percent) })),
      ),
    ]),
  );
}
