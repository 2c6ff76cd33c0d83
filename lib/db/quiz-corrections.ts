// The quizzes as they are now: content/ as the starting point, with each question's newest
// correction by an admin in its place. What new attempts are given, what a regrade marks
// against, what the reports and exports read.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { getQuiz } from "@/lib/content";
import { ZQuestion, type TQuestion, type TQuiz } from "@/lib/schemas/content";
import { withCorrections } from "@/lib/schemas/question-correction";
import { recordAudit } from "./audit";
import type { Db } from "./client";

/** The newest correction of each corrected question, by lecture and question id. */
async function latestCorrections(db: Db, slugs: readonly string[]): Promise<Map<string, Map<string, TQuestion>>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.$queryRaw<{ lecture_slug: string; question_id: string; question: unknown }[]>`
    SELECT DISTINCT ON (lecture_slug, question_id) lecture_slug, question_id, question
    FROM question_corrections
    WHERE lecture_slug IN (${Prisma.join(slugs)})
    ORDER BY lecture_slug, question_id, version DESC`;
  const bySlug = new Map<string, Map<string, TQuestion>>();
  for (const r of rows) {
    if (!bySlug.has(r.lecture_slug)) bySlug.set(r.lecture_slug, new Map());
    bySlug.get(r.lecture_slug)!.set(r.question_id, ZQuestion.parse(r.question));
  }
  return bySlug;
}

/** The quiz with its answer key as it is now (for server-side grading only); undefined for an unknown lecture. */
export async function currentQuiz(db: Db, slug: string): Promise<TQuiz | undefined> {
  const quiz = getQuiz(slug);
  if (!quiz) return undefined;
  const corrections = (await latestCorrections(db, [slug])).get(slug);
  return corrections ? { ...quiz, questions: withCorrections(quiz.questions, corrections) } : quiz;
}

/** Several lectures' current questions, in one query. */
export async function currentQuestions(db: Db, slugs: readonly string[]): Promise<Map<string, TQuestion[]>> {
  const corrections = await latestCorrections(db, slugs);
  return new Map(
    slugs.flatMap((slug) => {
      const quiz = getQuiz(slug);
      return quiz ? [[slug, withCorrections(quiz.questions, corrections.get(slug) ?? new Map())]] : [];
    }),
  );
}

/** Admin: the corrections of one quiz, newest first, with who saved them. */
export function listCorrections(db: Db, slug: string) {
  return db.questionCorrection.findMany({
    where: { lectureSlug: slug },
    orderBy: [{ createdAt: "desc" }, { version: "desc" }],
    select: { id: true, questionId: true, version: true, createdAt: true, createdBy: { select: { email: true } } },
  });
}

/**
 * Admin: saves a question as corrected, as its next version, and audits the change (the
 * question before and after). Null when it is the question as it stands.
 */
export async function saveCorrection(
  db: Db,
  actorId: string,
  slug: string,
  question: TQuestion,
): Promise<{ version: number } | null> {
  return db.$transaction(async (tx) => {
    // Corrections of one question are numbered one after another, whoever saves at once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`question:${slug}:${question.id}`}))`;
    const latest = await tx.questionCorrection.findFirst({
      where: { lectureSlug: slug, questionId: question.id },
      orderBy: { version: "desc" },
      select: { version: true, question: true },
    });
    const before = latest
      ? ZQuestion.parse(latest.question)
      : getQuiz(slug)?.questions.find((q) => q.id === question.id);
    if (!before || JSON.stringify(before) === JSON.stringify(question)) return null;
    const version = (latest?.version ?? 0) + 1;
    const json = question as unknown as Prisma.InputJsonValue;
    await tx.questionCorrection.create({
      data: { lectureSlug: slug, questionId: question.id, version, question: json, createdById: actorId },
    });
    await recordAudit(tx, {
      action: "quiz.question_corrected",
      actorId,
      entity: "question",
      entityId: `${slug}/${question.id}`,
      before: before as unknown as Prisma.InputJsonValue,
      after: { ...(question as unknown as Record<string, Prisma.InputJsonValue>), version },
    });
    return { version };
  });
}
