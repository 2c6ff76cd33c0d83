// Attempts whose time is up. Reading never writes: readers see an attempt still in
// progress past its deadline and grace period as lib/domain/quiz.ts effectiveAttempt
// says it stands, submitted at its deadline with the grade of its saved answers. The
// database catches up in one explicit step, closeOverdueAttempt, taken by the owner's
// next start or submit, or by an admin's regrade.
import type { Prisma } from "@/generated/prisma/client";
import { closedAtDeadline, effectiveAttempt, isOverdue, isPastDeadline } from "@/lib/domain/quiz";
import { effectiveQuizRules } from "@/lib/domain/quiz-override";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";
import { readResponses } from "./json-columns";
import { getQuizOverride } from "./quiz-overrides";
import { getQuizRules } from "./quiz-rules";
import { versionQuestions } from "./quiz-versions";

type Tx = Prisma.TransactionClient;

/** The columns deciding an attempt's state: readers select them along with their own. */
export const ATTEMPT_STATE = {
  id: true,
  versionId: true,
  status: true,
  deadlineAt: true,
  submittedAt: true,
  submittedBy: true,
  percent: true,
  passed: true,
} as const satisfies Prisma.QuizAttemptSelect;

type StateRow = Prisma.QuizAttemptGetPayload<{ select: typeof ATTEMPT_STATE }>;
export type AsOf<R> = Omit<R, "percent"> & { percent: number | null };

/**
 * Attempts of one cohort as they stand at `now`, percent as a number: those whose
 * time is up count as submitted at their deadline (effectiveAttempt). Reads those
 * attempts' answers and the cohort's pass mark when there are any; writes nothing.
 */
export async function attemptsAsOf<R extends StateRow>(
  db: Db,
  cohortId: string,
  rows: readonly R[],
  now: Date,
): Promise<AsOf<R>[]> {
  const plain = rows.map((r) => ({ ...r, percent: r.percent === null ? null : Number(r.percent) }));
  const due = plain.filter((r) => isPastDeadline(r, now));
  if (due.length === 0) return plain;
  const [rules, saved] = await Promise.all([
    getQuizRules(db, cohortId),
    db.quizAttempt.findMany({ where: { id: { in: due.map((r) => r.id) } }, select: { id: true, responses: true } }),
  ]);
  const responses = new Map(saved.map((a) => [a.id, readResponses(a.responses)]));
  return Promise.all(
    plain.map(async (r) =>
      isPastDeadline(r, now)
        ? effectiveAttempt(
            r,
            { questions: await versionQuestions(db, r.versionId), responses: responses.get(r.id) ?? {} },
            rules,
            now,
          )
        : r,
    ),
  );
}

/**
 * An attempt's deadline as it stands: its own (start plus time limit, capped by the closing
 * time when it started), capped by the closing time as it is now for its owner (the cohort's,
 * or their override's when later), so that moving
 * the closing time earlier, or setting one, binds attempts already under way.
 */
export function currentDeadline(deadlineAt: Date | null, closesAt: Date | null): Date | null {
  if (deadlineAt === null) return closesAt;
  if (closesAt === null) return deadlineAt;
  return closesAt < deadlineAt ? closesAt : deadlineAt;
}

/**
 * Writes: closes the attempt if it is still in progress and its time is up by its current
 * deadline, as closedAtDeadline says (submitted at that deadline, graded from its saved
 * answers with the questions it was taken with, by the cohort's pass mark). A pass queues
 * automatic issuing in the same transaction (queueIssuing). Null when there
 * was nothing to close; `closed` false when another request closed or submitted it first.
 * Callers have checked whose attempt it is.
 */
export async function closeOverdueAttempt(db: Db | Tx, attemptId: string, now: Date) {
  const attempt = await db.quizAttempt.findUnique({
    where: { id: attemptId },
    select: {
      cohortId: true,
      lectureSlug: true,
      userId: true,
      versionId: true,
      status: true,
      deadlineAt: true,
      responses: true,
    },
  });
  if (!attempt || attempt.status !== "IN_PROGRESS") return null;
  const { cohortId, lectureSlug, userId } = attempt;
  const [cohortRules, override] = await Promise.all([
    getQuizRules(db, cohortId),
    getQuizOverride(db, { cohortId, lectureSlug, userId }),
  ]);
  const rules = effectiveQuizRules(cohortRules, override);
  const deadline = currentDeadline(attempt.deadlineAt, rules.closesAt);
  if (deadline === null || !isOverdue(deadline, now)) return null;
  const questions = await versionQuestions(db, attempt.versionId);
  const closed = closedAtDeadline(deadline, { questions, responses: readResponses(attempt.responses) }, rules);
  const close = async (tx: Db | Tx) => {
    const { count } = await tx.quizAttempt.updateMany({
      where: { id: attemptId, status: "IN_PROGRESS" },
      data: { ...closed, deadlineAt: deadline },
    });
    if (count === 1 && closed.passed) await queueIssuing(tx, cohortId, [userId]);
    return count;
  };
  const count = "$transaction" in db ? await db.$transaction(close) : await close(db);
  return { closed: count === 1, grade: closed.grade, passed: closed.passed };
}

/**
 * Writes, inside the transaction that saves a cohort's rules: binds the cohort's attempts in
 * progress to its closing time. Each one's deadline is capped at `closesAt`; those whose
 * deadline has then come (a quiz closed now or earlier) are submitted and graded as they
 * stand, at that deadline, so that no answer reaches them after the close; those that pass
 * queue automatic issuing. Returns how many were finalised.
 */
export async function bindOpenAttemptsToClose(tx: Tx, cohortId: string, now: Date): Promise<number> {
  const rules = await getQuizRules(tx, cohortId);
  if (rules.closesAt === null) return 0;
  const open = await tx.quizAttempt.findMany({
    where: { cohortId, status: "IN_PROGRESS" },
    select: { id: true, userId: true, lectureSlug: true, versionId: true, deadlineAt: true, responses: true },
  });
  // A participant's later closing time (their override) binds their attempts instead of the cohort's.
  const overrides = await tx.quizOverride.findMany({
    where: { cohortId, closesAt: { not: null } },
    select: { userId: true, lectureSlug: true, extraAttempts: true, extraMinutes: true, closesAt: true },
  });
  const overrideOf = (a: { userId: string; lectureSlug: string }) =>
    overrides.find((o) => o.userId === a.userId && o.lectureSlug === a.lectureSlug) ?? null;
  let finalised = 0;
  for (const attempt of open) {
    const deadline = currentDeadline(attempt.deadlineAt, effectiveQuizRules(rules, overrideOf(attempt)).closesAt)!;
    if (deadline > now) {
      if (attempt.deadlineAt?.getTime() !== deadline.getTime())
        await tx.quizAttempt.update({ where: { id: attempt.id }, data: { deadlineAt: deadline } });
      continue;
    }
    const questions = await versionQuestions(tx, attempt.versionId);
    const closed = closedAtDeadline(deadline, { questions, responses: readResponses(attempt.responses) }, rules);
    await tx.quizAttempt.update({ where: { id: attempt.id }, data: { ...closed, deadlineAt: deadline } });
    if (closed.passed) await queueIssuing(tx, cohortId, [attempt.userId]);
    finalised += 1;
  }
  return finalised;
}
