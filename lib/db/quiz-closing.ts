// The notice that a cohort's quizzes close within 24 hours, to those whose certificate
// still needs one: a job of the queue planned for 24 hours before the closing time, moved
// when the quiz rules change it (the same key replaces the waiting job), removed when the
// closing goes. It runs once per closing time: notices already written for that time are
// not written again.
import type { Prisma } from "@/generated/prisma/client";
import { quizClosingNoticeAt, quizClosingTargets } from "@/lib/domain/reminders";
import { cohortEligibility, type LectureRef } from "./certificates";
import type { Db } from "./client";
import { addJob, removeJob } from "./jobs";
import { recordNotices } from "./notices";

type Runner = Db | Prisma.TransactionClient;

const keyOf = (cohortId: string) => `quiz-closing:${cohortId}`;

/** Plans (or moves, or removes) the cohort's notice for its quizzes' closing time. */
export async function scheduleQuizClosingNotice(db: Runner, cohortId: string, closesAt: Date | null, now = new Date()) {
  const runAt = closesAt && quizClosingNoticeAt(closesAt, now);
  if (closesAt && runAt)
    await addJob(db, "quiz-closing", { cohortId, closesAt: closesAt.toISOString() }, { key: keyOf(cohortId), runAt });
  else await removeJob(db, keyOf(cohortId));
}

/** Plans the notices of every cohort not archived whose quizzes close more than a day ahead (a worker's start). */
export async function scheduleUpcomingQuizClosings(db: Db, now = new Date()) {
  const rules = await db.quizRules.findMany({
    where: { closesAt: { gt: now }, cohort: { archivedAt: null } },
    select: { cohortId: true, closesAt: true },
  });
  for (const r of rules) await scheduleQuizClosingNotice(db, r.cohortId, r.closesAt, now);
}

/**
 * The job: tells each active participant which quizzes their certificate still needs before
 * `closesAt`. Nothing when the closing time has moved since the job was planned (its new
 * time has a job of its own), has passed, or was told already.
 */
export async function noticeQuizClosing(
  db: Db,
  input: { cohortId: string; closesAt: string; lectures: readonly LectureRef[] },
  now = new Date(),
): Promise<number> {
  const rules = await db.quizRules.findUnique({ where: { cohortId: input.cohortId }, select: { closesAt: true } });
  if (!rules?.closesAt || rules.closesAt.toISOString() !== input.closesAt || rules.closesAt <= now) return 0;
  const told = await db.notice.count({
    where: { cohortId: input.cohortId, kind: "quiz.closing", data: { path: ["closesAt"], equals: input.closesAt } },
  });
  if (told > 0) return 0;
  const [eligibility, overrides] = await Promise.all([
    cohortEligibility(db, input.cohortId, input.lectures, { now }),
    db.quizOverride.findMany({
      where: { cohortId: input.cohortId, closesAt: { not: null } },
      select: { userId: true, lectureSlug: true },
    }),
  ]);
  const targets = quizClosingTargets(eligibility, new Set(overrides.map((o) => `${o.userId}:${o.lectureSlug}`)));
  await db.$transaction((tx) =>
    recordNotices(
      tx,
      [...targets].map(([userId, lectureSlugs]) => ({
        userId,
        cohortId: input.cohortId,
        kind: "quiz.closing" as const,
        data: { closesAt: input.closesAt, lectureSlugs },
      })),
    ),
  );
  return targets.size;
}
