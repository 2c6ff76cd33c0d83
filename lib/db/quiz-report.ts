// What the admin's quiz report reads. Callers check the admin role.
import type { QuizResponse, QuizRules } from "@/lib/domain/quiz";
import { participantResults, questionStats, summarise, type ReportAttempt } from "@/lib/domain/quiz-report";
import type { TQuestion } from "@/lib/schemas/content";
import type { Db } from "./client";
import { finaliseOverdue, getQuizRules } from "./quizzes";

export async function loadQuizReport(db: Db, cohortId: string, lectureSlug: string, current: readonly TQuestion[]) {
  await finaliseOverdue(db, { cohortId });
  const [rules, people, rows] = await Promise.all([
    getQuizRules(db, cohortId),
    db.enrolment.findMany({
      where: { cohortId, status: "ACTIVE" },
      orderBy: [{ user: { certificateName: "asc" } }, { user: { email: "asc" } }],
      select: { user: { select: { id: true, email: true, name: true, certificateName: true, country: true } } },
    }),
    db.quizAttempt.findMany({
      where: { cohortId, lectureSlug },
      orderBy: [{ submittedAt: "asc" }, { number: "asc" }],
      select: { userId: true, status: true, percent: true, responses: true, versionId: true, submittedAt: true },
    }),
  ]);
  const versionIds = [...new Set(rows.map((r) => r.versionId))];
  const versions = new Map(
    (await db.quizVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, questions: true } })).map(
      (v) => [v.id, v.questions as unknown as TQuestion[]],
    ),
  );
  const attempts: ReportAttempt[] = rows.map((r) => ({
    userId: r.userId,
    submitted: r.status === "SUBMITTED",
    percent: r.percent === null ? null : Number(r.percent),
    responses: r.responses as unknown as Record<string, QuizResponse>,
    questions: versions.get(r.versionId) ?? [],
  }));
  const results = participantResults(
    rules,
    people.map((p) => p.user.id),
    attempts,
  );
  const lastSubmitted = new Map<string, Date>();
  for (const r of rows) if (r.submittedAt) lastSubmitted.set(r.userId, r.submittedAt);
  return {
    rules: rules as QuizRules,
    summary: summarise(results),
    people: people.map((p, i) => ({ ...p.user, ...results[i]!, lastSubmitted: lastSubmitted.get(p.user.id) ?? null })),
    questions: questionStats(current, attempts),
  };
}
