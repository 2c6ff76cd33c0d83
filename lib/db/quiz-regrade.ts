// Regrading a quiz in a cohort after its answer key was corrected. Admin only
// (callers check the role). Attempts keep the questions they were shown; the
// preview lists what would change; applying writes the new grades and one
// audit entry per attempt, with before and after, in one transaction.
import type { Prisma } from "@/generated/prisma/client";
import { effectiveAttempt, overdueCutoff } from "@/lib/domain/quiz";
import { regradeAttempt } from "@/lib/domain/regrade";
import type { TQuestion } from "@/lib/schemas/content";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";
import { readGrade, readResponses } from "./json-columns";
import { closeOverdueAttempt } from "./quiz-deadlines";
import { getQuizRules } from "./quiz-rules";
import { versionQuestions } from "./quiz-versions";

type Tx = Prisma.TransactionClient;

/** Attempts in progress whose time is up at `now` count as submitted at their deadline. */
const submittedAsOf = (now: Date): Prisma.QuizAttemptWhereInput => ({
  OR: [{ status: "SUBMITTED" }, { status: "IN_PROGRESS", deadlineAt: { lt: overdueCutoff(now) } }],
});

async function plan(db: Db | Tx, cohortId: string, lectureSlug: string, current: readonly TQuestion[], now: Date) {
  const rules = await getQuizRules(db, cohortId);
  const rows = await db.quizAttempt.findMany({
    where: { cohortId, lectureSlug, ...submittedAsOf(now) },
    select: {
      id: true,
      userId: true,
      versionId: true,
      number: true,
      status: true,
      deadlineAt: true,
      submittedAt: true,
      submittedBy: true,
      percent: true,
      grade: true,
      passed: true,
      responses: true,
      user: { select: { email: true, name: true, certificateName: true } },
    },
  });
  const attempts = await Promise.all(
    rows.map(async (row) => {
      const taken = { questions: await versionQuestions(db, row.versionId), responses: readResponses(row.responses) };
      const stored = {
        ...row,
        percent: row.percent === null ? null : Number(row.percent),
        grade: readGrade(row.grade),
      };
      return { ...effectiveAttempt(stored, taken, rules, now), taken };
    }),
  );
  attempts.sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
  return attempts.flatMap((a) => {
    if (a.grade === null || a.passed === null) throw new Error(`quiz attempt ${a.id} is submitted without a grade`);
    const before = a.grade;
    const r = regradeAttempt({ taken: a.taken.questions, current, responses: a.taken.responses, before, rules });
    if (r.changes.length === 0 && r.passed === a.passed) return [];
    return [
      {
        attemptId: a.id,
        userId: a.userId,
        number: a.number,
        person: a.user.certificateName ?? a.user.name ?? a.user.email,
        email: a.user.email,
        before,
        beforePassed: a.passed,
        ...r,
      },
    ];
  });
}

/**
 * The attempts whose grade the current key would change, with the questions that change;
 * attempts whose time is up are counted as submitted at their deadline. Writes nothing.
 */
export function previewRegrade(
  db: Db,
  cohortId: string,
  lectureSlug: string,
  current: readonly TQuestion[],
  now = new Date(),
) {
  return plan(db, cohortId, lectureSlug, current, now);
}

/**
 * Closes the quiz's attempts whose time is up (closeOverdueAttempt), then regrades what the
 * preview lists; those a regrade makes pass queue automatic issuing in the same transaction.
 */
export async function applyRegrade(
  db: Db,
  actorId: string,
  cohortId: string,
  lectureSlug: string,
  current: readonly TQuestion[],
  now = new Date(),
): Promise<number> {
  return db.$transaction(
    async (tx) => {
      // One regrade at a time per cohort, and no submission changes under it.
      await tx.$executeRaw`SELECT 1 FROM cohorts WHERE id = ${cohortId} FOR UPDATE`;
      const overdue = await tx.quizAttempt.findMany({
        where: { cohortId, lectureSlug, status: "IN_PROGRESS", deadlineAt: { lt: overdueCutoff(now) } },
        select: { id: true },
      });
      for (const a of overdue) await closeOverdueAttempt(tx, a.id, now);
      const changes = await plan(tx, cohortId, lectureSlug, current, now);
      for (const c of changes) {
        await tx.quizAttempt.update({
          where: { id: c.attemptId },
          data: { grade: { ...c.grade, regraded: true }, percent: c.grade.percent, passed: c.passed },
        });
        await recordAudit(tx, {
          action: "quiz.regrade",
          actorId,
          subject: c.email,
          entity: "quiz_attempt",
          entityId: c.attemptId,
          cohortId,
          before: { percent: c.before.percent, passed: c.beforePassed },
          after: { percent: c.grade.percent, passed: c.passed, changes: c.changes },
        });
      }
      await queueIssuing(
        tx,
        cohortId,
        changes.filter((c) => c.passed && !c.beforePassed).map((c) => c.userId),
      );
      return changes.length;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
