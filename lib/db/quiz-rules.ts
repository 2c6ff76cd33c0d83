// A cohort's quiz rules. quizRulesOf is the one reader of a quiz_rules row, whichever
// way it was read: getQuizRules through Prisma, startAttempt through lib/db/sql.ts (as
// JSON, ZQuizRulesJson). A field added to QuizRules fails the type check here and in
// QUIZ_RULES_COLUMNS and ZQuizRulesJson until every path reads it.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { FeedbackPolicy, ScorePolicy } from "@/generated/prisma/enums";
import { DEFAULT_QUIZ_RULES, type QuizRules } from "@/lib/domain/quiz";
import { asJson, recordAudit } from "./audit";
import type { Db } from "./client";
import { ZJsonTimestamp } from "./json-columns";
import { scheduleQuizClosingNotice } from "./quiz-closing";
import { bindOpenAttemptsToClose } from "./quiz-deadlines";

type Tx = Prisma.TransactionClient;

/** The columns of quiz_rules that make a cohort's QuizRules. */
const QUIZ_RULES_COLUMNS = {
  passPercent: true,
  maxAttempts: true,
  timeLimitMinutes: true,
  opensAt: true,
  closesAt: true,
  shuffleQuestions: true,
  shuffleOptions: true,
  scorePolicy: true,
  feedback: true,
} as const satisfies Record<keyof QuizRules, true>;

/**
 * A quiz_rules row as SQL hands it over in one JSON value, with QuizRules' names:
 * json_build_object('passPercent', r.pass_percent, 'maxAttempts', r.max_attempts, ...).
 */
export const ZQuizRulesJson = z.strictObject({
  passPercent: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  timeLimitMinutes: z.number().int().nullable(),
  opensAt: ZJsonTimestamp.nullable(),
  closesAt: ZJsonTimestamp.nullable(),
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  scorePolicy: z.enum(ScorePolicy),
  feedback: z.enum(FeedbackPolicy),
}) satisfies z.ZodType<QuizRules>;

/** A cohort's rules from its quiz_rules row; the defaults when it has none. */
export function quizRulesOf(row: QuizRules | null): QuizRules {
  if (row === null) return { ...DEFAULT_QUIZ_RULES };
  return {
    passPercent: row.passPercent,
    maxAttempts: row.maxAttempts,
    timeLimitMinutes: row.timeLimitMinutes,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    shuffleQuestions: row.shuffleQuestions,
    shuffleOptions: row.shuffleOptions,
    scorePolicy: row.scorePolicy,
    feedback: row.feedback,
  };
}

export async function getQuizRules(db: Db | Tx, cohortId: string): Promise<QuizRules> {
  return quizRulesOf(await db.quizRules.findUnique({ where: { cohortId }, select: QUIZ_RULES_COLUMNS }));
}

/**
 * Admin: sets a cohort's rules, audit-logged with before and after. In the same transaction
 * the attempts in progress are bound to the closing time (bindOpenAttemptsToClose): closing
 * a quiz submits and grades its open attempts.
 */
export async function saveQuizRules(
  db: Db,
  actorId: string,
  cohortId: string,
  rules: QuizRules,
  now = new Date(),
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.findUnique({ where: { id: cohortId }, select: { id: true } });
    if (!cohort) return false;
    const before = await getQuizRules(tx, cohortId);
    await tx.quizRules.upsert({ where: { cohortId }, create: { cohortId, ...rules }, update: rules });
    await bindOpenAttemptsToClose(tx, cohortId, now);
    if (rules.closesAt?.getTime() !== before.closesAt?.getTime())
      await scheduleQuizClosingNotice(tx, cohortId, rules.closesAt, now);
    await recordAudit(tx, {
      action: "quiz.rules_update",
      actorId,
      entity: "cohort",
      entityId: cohortId,
      cohortId,
      before: asJson(before),
      after: asJson(rules),
    });
    return true;
  });
}
