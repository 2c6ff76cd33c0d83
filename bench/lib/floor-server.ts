// The floor of `npm run bench:quiz`: the app's submit as its bare SQL on node:http + pg,
// in a process of its own as the app's server is, so that the load generator does not
// take its thread.
//   DATABASE_URL=… node --import tsx bench/lib/floor-server.ts <port>
// Prints "floor listening" once it listens.
import { createServer } from "node:http";
import pg from "pg";
import { gradeAttempt, hasPassed, type QuizResponse } from "../../lib/domain/quiz.ts";
import type { TQuestion } from "../../lib/schemas/content.ts";

/**
 * The floor: the app's submit (lib/db/sessions-auth.ts readSession, then
 * lib/db/quizzes.ts submitAttempt: one read of the attempt with its pass mark, the
 * same pure grading, one guarded UPDATE), as the same three statements, prepared
 * as lib/db/sql.ts prepares them, on node:http + pg, nothing else. The question
 * version is read once and kept, as the app keeps it.
 */
export function floorServer(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const versions = new Map<string, Promise<TQuestion[]>>();
  const questionsOf = (versionId: string) => {
    let q = versions.get(versionId);
    if (!q)
      versions.set(
        versionId,
        (q = pool
          .query("SELECT questions FROM quiz_versions WHERE id = $1", [versionId])
          .then((r) => r.rows[0].questions as TQuestion[])),
      );
    return q;
  };
  const server = createServer(async (req, res) => {
    const id = /^\/submit\/([^/]+)$/.exec(req.url ?? "")?.[1];
    const token = /authjs\.session-token=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    for await (const _ of req); // drain the body
    if (!id || !token) return res.writeHead(400).end();
    try {
      const session = await pool.query({
        name: "floor_session",
        text: "SELECT s.expires, u.id, u.email, u.name, u.image, u.role, u.profile_completed_at, u.time_zone FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.session_token = $1",
        values: [token],
      });
      if (!session.rowCount || session.rows[0].expires <= new Date()) return res.writeHead(401).end();
      const userId = session.rows[0].id as string;
      const a = await pool.query({
        name: "floor_attempt",
        text: `SELECT a.status, a.version_id, a.responses, a.deadline_at, a.grade, a.passed, r.pass_percent
         FROM quiz_attempts a LEFT JOIN quiz_rules r ON r.cohort_id = a.cohort_id WHERE a.id = $1 AND a.user_id = $2`,
        values: [id, userId],
      });
      const row = a.rows[0];
      if (!row) return res.writeHead(404).end();
      if (row.status === "SUBMITTED")
        return res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ percent: row.grade.percent, passed: row.passed }));
      const grade = gradeAttempt(await questionsOf(row.version_id), row.responses as Record<string, QuizResponse>);
      const passed = hasPassed(grade.percent, { passPercent: row.pass_percent ?? 70 });
      const changed = await pool.query({
        name: "floor_submit",
        text: `UPDATE quiz_attempts SET status = 'SUBMITTED', submitted_at = $3, submitted_by = 'participant', responses = $4::jsonb, grade = $5::jsonb, percent = $6, passed = $7
         WHERE id = $1 AND user_id = $2 AND status = 'IN_PROGRESS' AND responses = $8::jsonb`,
        values: [
          id,
          userId,
          new Date(),
          JSON.stringify(row.responses),
          JSON.stringify(grade),
          grade.percent,
          passed,
          JSON.stringify(row.responses),
        ],
      });
      if (changed.rowCount !== 1) return res.writeHead(409).end();
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ score: grade.score, maxScore: grade.maxScore, percent: grade.percent, passed }));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  return { server, pool };
}

if (process.argv[1]?.endsWith("floor-server.ts")) {
  const { server, pool } = floorServer(process.env.DATABASE_URL ?? "");
  server.listen(Number(process.argv[2]), "127.0.0.1", () => console.log("floor listening"));
  process.on("SIGTERM", () => server.close(() => void pool.end().finally(() => process.exit(0))));
}
