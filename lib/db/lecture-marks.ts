// The lectures the acting user marks as studied in a cohort where they hold an active
// place. Marking twice, or unmarking what is not marked, changes nothing. A passed quiz
// counts as studied without a mark (lib/domain/progress.ts), so nothing here follows the
// quizzes. The dashboard reads the marks with its own statements (dashboard.ts).
import { z } from "zod";
import type { Db } from "./client";
import { checkedRows, sql } from "./sql";

export type MarkResult = { ok: true } | { ok: false; error: "not-enrolled" };

const ZEnrolledRow = z.strictObject({ enrolled: z.boolean() });

/**
 * Marks (or unmarks) one lecture as studied for the acting user in the cohort, in one
 * statement: nothing is written unless they hold an active place there.
 */
export async function setLectureStudied(
  db: Db,
  opts: { userId: string; cohortId: string; lectureSlug: string; studied: boolean },
): Promise<MarkResult> {
  const { userId, cohortId, lectureSlug } = opts;
  const rows = opts.studied
    ? await db.$queryRaw`
        WITH place AS (
          SELECT e.user_id, e.cohort_id FROM enrolments e
           WHERE e.user_id = ${userId} AND e.cohort_id = ${cohortId} AND e.status = 'ACTIVE'
        ), marked AS (
          INSERT INTO lecture_marks (user_id, cohort_id, lecture_slug)
          SELECT user_id, cohort_id, ${lectureSlug} FROM place
          ON CONFLICT DO NOTHING
        )
        SELECT EXISTS (SELECT 1 FROM place) AS enrolled`
    : await db.$queryRaw`
        WITH place AS (
          SELECT e.user_id, e.cohort_id FROM enrolments e
           WHERE e.user_id = ${userId} AND e.cohort_id = ${cohortId} AND e.status = 'ACTIVE'
        ), unmarked AS (
          DELETE FROM lecture_marks m USING place p
           WHERE m.user_id = p.user_id AND m.cohort_id = p.cohort_id AND m.lecture_slug = ${lectureSlug}
        )
        SELECT EXISTS (SELECT 1 FROM place) AS enrolled`;
  const [row] = checkedRows(ZEnrolledRow, rows);
  return row?.enrolled ? { ok: true } : { ok: false, error: "not-enrolled" };
}

const ZMarkRow = z.strictObject({ lecture_slug: z.string() });

/** The lectures the acting user marked as studied in the cohort (none without an active place there). */
export async function ownLectureMarks(db: Db, userId: string, cohortId: string): Promise<Set<string>> {
  const rows = await sql(db).rows(ZMarkRow)`
    SELECT m.lecture_slug FROM lecture_marks m
      JOIN enrolments e ON e.user_id = m.user_id AND e.cohort_id = m.cohort_id AND e.status = 'ACTIVE'
     WHERE m.user_id = ${userId} AND m.cohort_id = ${cohortId}`;
  return new Set(rows.map((r) => r.lecture_slug));
}
