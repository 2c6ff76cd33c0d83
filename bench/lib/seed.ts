// What the page benches seed straight into the database: a cohort whose live session is on
// now, with participants ready to take its quizzes, and the answers they give.
import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import type { QuizResponse } from "../../lib/domain/quiz.ts";
import type { TQuestion } from "../../lib/schemas/content.ts";

/**
 * A cohort named `name` (time zone Asia/Karachi) whose first live session, of the first of
 * `lectureSlugs`, starts now and the others a day apart; quiz rules with unlimited attempts;
 * `count` participants with complete profiles, a session each (random 32-byte tokens) and
 * an ACTIVE enrolment.
 */
export async function seedLiveCohort(db: pg.Client, o: { name: string; count: number; lectureSlugs: string[] }) {
  const cohortId = `bench-${randomBytes(4).toString("hex")}`;
  await db.query(
    `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, $2, 'Asia/Karachi', now() - interval '1 day', now() + interval '30 days', now())`,
    [cohortId, o.name],
  );
  await db.query(`INSERT INTO quiz_rules (cohort_id, max_attempts, updated_at) VALUES ($1, NULL, now())`, [cohortId]);
  await db.query(
    `INSERT INTO live_sessions (id, cohort_id, lecture_slug, starts_at, ends_at, join_url, updated_at)
     SELECT gen_random_uuid()::text, $1, slug, now() + (i - 1) * interval '1 day', now() + (i - 1) * interval '1 day' + interval '90 minutes', 'https://zoom.example.org/j/1', now()
     FROM unnest($2::text[]) WITH ORDINALITY AS l(slug, i)`,
    [cohortId, o.lectureSlugs],
  );
  const ids = Array.from({ length: o.count }, () => randomUUID());
  const tokens = ids.map(() => randomBytes(32).toString("hex"));
  await db.query(
    `INSERT INTO users (id, email, name, certificate_name, country, time_zone, profile_completed_at, updated_at)
     SELECT id, 'bench-' || id || '@example.org', 'Bench Participant', 'Bench Participant', 'PK', 'Asia/Karachi', now(), now() FROM unnest($1::text[]) AS id`,
    [ids],
  );
  await db.query(
    `INSERT INTO sessions (id, session_token, user_id, expires, updated_at) SELECT gen_random_uuid()::text, t, u, now() + interval '1 day', now() FROM unnest($1::text[], $2::text[]) AS x(t, u)`,
    [tokens, ids],
  );
  await db.query(
    `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at) SELECT gen_random_uuid()::text, u, $2, 'ACTIVE', now() FROM unnest($1::text[]) AS u`,
    [ids, cohortId],
  );
  return { cohortId, ids, tokens };
}

/** The `i`-th participant's answer to `q`: valid for its type, right or wrong by turns. */
export function answerFor(q: TQuestion, i: number): QuizResponse {
  switch (q.type) {
    case "single":
      return { type: "single", optionId: q.options[i % q.options.length]!.id };
    case "multiple":
      return { type: "multiple", optionIds: q.options.filter((_, j) => (i + j) % 2 === 0).map((o) => o.id) };
    case "true-false":
      return { type: "true-false", value: i % 2 === 0 };
    case "numeric":
      return { type: "numeric", value: q.answer + (i % 3) };
  }
}
