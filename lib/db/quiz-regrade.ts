// Regrading a quiz in a cohort after its answer key was corrected. Admin only
// (callers check the role). Attempts keep the questions they were shown; the
// preview lists what would change; applying writes the new grades and one
// audit entry per attempt, with before and after, in one transaction.
import type { Prisma } from "@/generated/prisma/client";
import type { AttemptGrade, QuizResponse } from "@/lib/domain/quiz";
import { regradeAttempt } from "@/lib/domain/regrade";
import type { TQuestion } from "@/lib/schemas/content";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { getQuizRules } from "./quizzes";

type Tx = Prisma.TransactionClient;

async function plan(db: Db | Tx, cohortId: string, lectureSlug: string, current: readonly TQuestion[]) {
  const rules = await getQuizRules(db, cohortId);
  const attempts = await db.quizAttempt.findMany({
    where: { cohortId, lectureSlug, status: "SUBMITTED" },
    orderBy: [{ submittedAt: "asc" }],
    select: {
      id: true,
      number: true,
      grade: true,
      passed: true,
      responses: true,
      user: { select: { email: true, name: true, certificateName: true } },
      version: { select: { questions: true } },
    },
  });
  return attempts.flatMap((a) => {
    const before = a.grade as unknown as AttemptGrade;
    const r = regradeAttempt({
      taken: a.version.questions as unknown as TQuestion[],
      current,
      responses: a.responses as unknown as Record<string, QuizResponse>,
      before,
      rules,
    });
    if (r.changes.length === 0 && r.passed === a.passed) return [];
    return [
      {
        attemptId: a.id,
        number: a.number,
        person: a.user.certificateName ?? a.user.name ?? a.user.email,
        email: a.user.email,
        before,
        beforePassed: a.passed!,
        ...r,
      },
    ];
  });
}

/** The attempts whose grade the current key would change, with the questions that change. */
export function previewRegrade(db: Db, cohortId: string, lectureSlug: string, current: readonly TQuestion[]) {
  return plan(db, cohortId, lectureSlug, current);
}

export async function applyRegrade(
  db: Db,
  actorId: string,
  cohortId: string,
  lectureSlug: string,
  current: readonly TQuestion[],
): Promise<number> {
  return db.$transaction(
    async (tx) => {
      // One regrade at a time per cohort, and no submission changes under it.
      await tx.$executeRaw`SELECT 1 FROM cohorts WHERE id = ${cohortId} FOR UPDATE`;
      const changes = await plan(tx, cohortId, lectureSlug, current);
      for (const c of changes) {
        const grade = { ...c.grade, regraded: true } as unknown as Prisma.InputJsonValue;
        await tx.quizAttempt.update({
          where: { id: c.attemptId },
          data: { grade, percent: c.grade.percent, passed: c.passed },
        });
        await recordAudit(tx, {
          action: "quiz.regrade",
          actorId,
          subject: c.email,
          entity: "quiz_attempt",
          entityId: c.attemptId,
          before: { percent: c.before.percent, passed: c.beforePassed },
          after: { percent: c.grade.percent, passed: c.passed, changes: c.changes },
        });
      }
      return changes.length;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
