// What the participant's quiz pages show, each read in one statement sent straight to the
// pool (lib/db/sql.ts): the quiz page (the acting user's place in the cohort, its rules and
// their attempts at the quiz) and the attempt page (one of their attempts, its cohort's
// rules and their attempts beside it). A question version not read yet by this process
// adds one statement, once (quiz-versions.ts). Both read as of `now` and write nothing:
// an attempt whose time is up shows as submitted at its deadline (quiz-deadlines.ts).
import { z } from "zod";
import { AttemptStatus } from "@/generated/prisma/enums";
import { effectiveAttempt, isPastDeadline, type QuizRules } from "@/lib/domain/quiz";
import { effectiveQuizRules, type QuizOverrideTerms } from "@/lib/domain/quiz-override";
import type { Db } from "./client";
import { ZGradeColumn, ZJsonTimestamp, ZLayoutColumn, ZResponsesColumn } from "./json-columns";
import { ZOverrideJson } from "./quiz-overrides";
import { quizRulesOf, ZQuizRulesJson } from "./quiz-rules";
import { versionQuestions } from "./quiz-versions";
import { ownAttemptAsOf, type OwnAttempt } from "./quizzes";
import { sql } from "./sql";

/**
 * One attempt in a list, as json_build_object writes it. `responses` are the answers saved
 * by an attempt still in progress (null once submitted): what it is graded with once its
 * time is up.
 */
const ZAttemptJson = z.strictObject({
  id: z.string(),
  versionId: z.string(),
  number: z.number().int(),
  status: z.enum(AttemptStatus),
  startedAt: ZJsonTimestamp,
  deadlineAt: ZJsonTimestamp.nullable(),
  submittedAt: ZJsonTimestamp.nullable(),
  submittedBy: z.string().nullable(),
  percent: z.number().nullable(),
  passed: z.boolean().nullable(),
  responses: ZResponsesColumn.nullable(),
});

/** An attempt of the acting user at one quiz, as it stands. */
export type OwnAttemptSummary = Omit<z.output<typeof ZAttemptJson>, "responses">;

/** The attempts as they stand at `now`, oldest first: those whose time is up count as submitted at their deadline. */
async function attemptsAsOf(
  db: Db,
  rows: readonly z.output<typeof ZAttemptJson>[],
  rules: QuizRules,
  now: Date,
): Promise<OwnAttemptSummary[]> {
  return Promise.all(
    rows.map(async ({ responses, ...attempt }) =>
      isPastDeadline(attempt, now)
        ? effectiveAttempt(
            attempt,
            { questions: await versionQuestions(db, attempt.versionId), responses: responses ?? {} },
            rules,
            now,
          )
        : attempt,
    ),
  );
}

/** Whether the user holds an active place, the cohort's rules (null: none) and their attempts at the quiz. */
const ZQuizPageRow = z.strictObject({
  enrolled: z.boolean(),
  rules: ZQuizRulesJson.nullable(),
  override: ZOverrideJson.nullable(),
  attempts: z.array(ZAttemptJson),
});

/**
 * The quiz page of the acting user: the rules that hold for them (the cohort's, extended by
 * their override, which comes along so the page can say what it gives) and their attempts at
 * the quiz, oldest first, as they stand at `now`; null unless they hold an active place in the cohort.
 */
export async function getOwnQuizPage(
  db: Db,
  userId: string,
  cohortId: string,
  lectureSlug: string,
  now = new Date(),
): Promise<{ rules: QuizRules; override: QuizOverrideTerms | null; attempts: OwnAttemptSummary[] } | null> {
  const [row] = await sql(db).rows(ZQuizPageRow)`
    SELECT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = ${userId} AND e.cohort_id = ${cohortId} AND e.status = 'ACTIVE') AS enrolled,
           (SELECT json_build_object('passPercent', r.pass_percent, 'maxAttempts', r.max_attempts,
                     'timeLimitMinutes', r.time_limit_minutes, 'opensAt', r.opens_at, 'closesAt', r.closes_at,
                     'shuffleQuestions', r.shuffle_questions, 'shuffleOptions', r.shuffle_options,
                     'scorePolicy', r.score_policy, 'feedback', r.feedback)
              FROM quiz_rules r WHERE r.cohort_id = ${cohortId}) AS rules,
           (SELECT json_build_object('extraAttempts', v.extra_attempts, 'extraMinutes', v.extra_minutes, 'closesAt', v.closes_at)
              FROM quiz_overrides v WHERE v.cohort_id = ${cohortId} AND v.lecture_slug = ${lectureSlug} AND v.user_id = ${userId}) AS override,
           COALESCE((SELECT json_agg(json_build_object('id', a.id, 'versionId', a.version_id, 'number', a.number,
                     'status', a.status, 'startedAt', a.started_at, 'deadlineAt', a.deadline_at,
                     'submittedAt', a.submitted_at, 'submittedBy', a.submitted_by, 'percent', a.percent, 'passed', a.passed,
                     'responses', CASE WHEN a.status = 'IN_PROGRESS' THEN a.responses END) ORDER BY a.number)
              FROM quiz_attempts a WHERE a.user_id = ${userId} AND a.cohort_id = ${cohortId} AND a.lecture_slug = ${lectureSlug}),
             '[]'::json) AS attempts`;
  if (!row?.enrolled) return null;
  const rules = effectiveQuizRules(quizRulesOf(row.rules), row.override);
  return { rules, override: row.override, attempts: await attemptsAsOf(db, row.attempts, rules, now) };
}

/** One attempt with its JSON columns, its cohort's rules (null: none) and the attempts at the same quiz beside it. */
const ZAttemptPageRow = z.strictObject({
  id: z.string(),
  cohort_id: z.string(),
  lecture_slug: z.string(),
  version_id: z.string(),
  number: z.number().int(),
  status: z.enum(AttemptStatus),
  started_at: z.date(),
  deadline_at: z.date().nullable(),
  submitted_at: z.date().nullable(),
  submitted_by: z.string().nullable(),
  percent: z.number().nullable(),
  passed: z.boolean().nullable(),
  layout: ZLayoutColumn,
  responses: ZResponsesColumn,
  revision: z.number().int(),
  grade: ZGradeColumn.nullable(),
  rules: ZQuizRulesJson.nullable(),
  override: ZOverrideJson.nullable(),
  attempts: z.array(ZAttemptJson),
});

export type OwnAttemptPage = {
  attempt: OwnAttempt;
  rules: QuizRules;
  /** The acting user's attempts at the same quiz of the same cohort, this one included, oldest first. */
  attempts: OwnAttemptSummary[];
};

/**
 * The attempt page of the acting user: their attempt (null for anyone else's) with the
 * questions it is taken with, the rules that hold for them (the cohort's, extended by their override) and their attempts at the same quiz,
 * all as they stand at `now`.
 */
export async function getOwnAttemptPage(
  db: Db,
  userId: string,
  attemptId: string,
  now = new Date(),
): Promise<OwnAttemptPage | null> {
  const [row] = await sql(db).rows(ZAttemptPageRow)`
    SELECT a.id, a.cohort_id, a.lecture_slug, a.version_id, a.number, a.status, a.started_at, a.deadline_at,
           a.submitted_at, a.submitted_by, a.percent::float8 AS percent, a.passed, a.layout, a.responses, a.revision, a.grade,
           (SELECT json_build_object('passPercent', r.pass_percent, 'maxAttempts', r.max_attempts,
                     'timeLimitMinutes', r.time_limit_minutes, 'opensAt', r.opens_at, 'closesAt', r.closes_at,
                     'shuffleQuestions', r.shuffle_questions, 'shuffleOptions', r.shuffle_options,
                     'scorePolicy', r.score_policy, 'feedback', r.feedback)
              FROM quiz_rules r WHERE r.cohort_id = a.cohort_id) AS rules,
           (SELECT json_build_object('extraAttempts', v.extra_attempts, 'extraMinutes', v.extra_minutes, 'closesAt', v.closes_at)
              FROM quiz_overrides v WHERE v.cohort_id = a.cohort_id AND v.lecture_slug = a.lecture_slug AND v.user_id = a.user_id) AS override,
           (SELECT json_agg(json_build_object('id', s.id, 'versionId', s.version_id, 'number', s.number,
                     'status', s.status, 'startedAt', s.started_at, 'deadlineAt', s.deadline_at,
                     'submittedAt', s.submitted_at, 'submittedBy', s.submitted_by, 'percent', s.percent, 'passed', s.passed,
                     'responses', CASE WHEN s.status = 'IN_PROGRESS' THEN s.responses END) ORDER BY s.number)
              FROM quiz_attempts s WHERE s.user_id = a.user_id AND s.cohort_id = a.cohort_id AND s.lecture_slug = a.lecture_slug) AS attempts
    FROM quiz_attempts a WHERE a.id = ${attemptId} AND a.user_id = ${userId}`;
  if (!row) return null;
  const rules = effectiveQuizRules(quizRulesOf(row.rules), row.override);
  const attempt = await ownAttemptAsOf(
    {
      id: row.id,
      cohortId: row.cohort_id,
      lectureSlug: row.lecture_slug,
      versionId: row.version_id,
      number: row.number,
      status: row.status,
      startedAt: row.started_at,
      deadlineAt: row.deadline_at,
      submittedAt: row.submitted_at,
      submittedBy: row.submitted_by,
      percent: row.percent,
      passed: row.passed,
      layout: row.layout,
      responses: row.responses,
      revision: row.revision,
      grade: row.grade,
    },
    await versionQuestions(db, row.version_id),
    () => rules,
    now,
  );
  return { attempt, rules, attempts: await attemptsAsOf(db, row.attempts, rules, now) };
}
