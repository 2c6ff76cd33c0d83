// What the admin's quiz report reads. Callers check the admin role.
import { participantResults, questionStats, summarise, type ReportAttempt } from "@/lib/domain/quiz-report";
import type { TQuestion } from "@/lib/schemas/content";
import type { Db } from "./client";
import { readResponses } from "./json-columns";
import { ATTEMPT_STATE, attemptsAsOf } from "./quiz-deadlines";
import { getQuizRules } from "./quiz-rules";
import { versionQuestions } from "./quiz-versions";

/** The report of one quiz in a cohort, with attempts as they stand at `now`. Writes nothing. */
export async function loadQuizReport(
  db: Db,
  cohortId: string,
  lectureSlug: string,
  current: readonly TQuestion[],
  now = new Date(),
) {
  const [rules, people, stored] = await Promise.all([
    getQuizRules(db, cohortId),
    db.enrolment.findMany({
      where: { cohortId, status: "ACTIVE" },
      orderBy: [{ user: { certificateName: "asc" } }, { user: { email: "asc" } }],
      select: { user: { select: { id: true, email: true, name: true, certificateName: true, country: true } } },
    }),
    db.quizAttempt.findMany({
      where: { cohortId, lectureSlug },
      orderBy: [{ submittedAt: "asc" }, { number: "asc" }],
      select: { ...ATTEMPT_STATE, userId: true, number: true, responses: true },
    }),
  ]);
  const rows = (await attemptsAsOf(db, cohortId, stored, now)).sort(bySubmission);
  const versions = new Map(
    await Promise.all(
      [...new Set(rows.map((r) => r.versionId))].map(async (id) => [id, await versionQuestions(db, id)] as const),
    ),
  );
  const attempts: ReportAttempt[] = rows.map((r) => ({
    userId: r.userId,
    submitted: r.status === "SUBMITTED",
    percent: r.percent,
    responses: readResponses(r.responses),
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
    rules,
    summary: summarise(results),
    people: people.map((p, i) => ({ ...p.user, ...results[i]!, lastSubmitted: lastSubmitted.get(p.user.id) ?? null })),
    questions: questionStats(current, attempts),
  };
}

/** Submitted first, in the order they were submitted (then by number); those in progress last, as the database orders them. */
function bySubmission(
  a: { submittedAt: Date | null; number: number },
  b: { submittedAt: Date | null; number: number },
) {
  const at = (d: Date | null) => (d === null ? Number.POSITIVE_INFINITY : d.getTime());
  return at(a.submittedAt) - at(b.submittedAt) || a.number - b.number;
}
