// `npm run bench:quiz`: virtual participants start a quiz, save answers and
// submit, against the production server (`npm start`) on a fresh embedded
// PostgreSQL; then the same submit SQL on a bare node:http + pg server (the
// floor). Prints req/s and p50/p99 per step and the ratio to the floor, and
// checks that the database holds exactly one graded attempt per 2xx submit.
// Asserts nothing.
//   BENCH_PARTICIPANTS (default 3000)  BENCH_CONNECTIONS (default 50)
import autocannon from "autocannon";
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadLectures } from "../lib/content/load.ts";
import { gradeAttempt, hasPassed, type QuizResponse } from "../lib/domain/quiz.ts";
import type { TQuestion } from "../lib/schemas/content.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { buildIfStale, machine, startApp, stop, waitFor } from "./lib/app.ts";

const N = Number(process.env.BENCH_PARTICIPANTS ?? 3000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const lecture = loadLectures(path.join(ROOT, "content"))[0]!;
const questions = lecture.quiz.questions;
const COOKIE = "authjs.session-token";

type Person = { userId: string; token: string; attemptId?: string; floorAttemptId?: string };

/** Runs `amount` requests over `connections`, each built by `next` (called once per request, in order). */
async function phase(
  label: string,
  url: string,
  amount: number,
  next: (i: number) => { method: "POST" | "PUT"; path: string; cookie: string; body?: string },
  onResponse?: (i: number, status: number, body: string) => void,
) {
  let issued = 0;
  // autocannon's own rate comes from whole-second samples; the wall clock is finer.
  const t0 = performance.now();
  const result = await autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    requests: [
      {
        // One request in flight per connection: its context carries which one it is.
        setupRequest: (req, context) => {
          const i = issued++;
          (context as { i?: number }).i = i;
          const r = next(i);
          return { ...req, method: r.method, path: r.path, body: r.body ?? "", headers: { ...req.headers, cookie: `${COOKIE}=${r.cookie}`, "content-type": "application/json" } };
        },
        onResponse: (status, body, context) => {
          onResponse?.((context as { i?: number }).i ?? -1, status, body);
        },
      },
    ],
  });
  const seconds = (performance.now() - t0) / 1000;
  const line = { label, requests: result.requests.total, "req/s": Math.round(result.requests.total / seconds), p50: result.latency.p50, p99: result.latency.p99, seconds, non2xx: result.non2xx, errors: result.errors };
  console.log(
    `  ${label.padEnd(36)} ${String(line.requests).padStart(6)} req in ${line.seconds.toFixed(1)} s  ${String(line["req/s"]).padStart(5)} req/s  p50 ${line.p50} ms  p99 ${line.p99} ms  non-2xx ${line.non2xx}  errors ${line.errors}`,
  );
  return line;
}

/** The floor: the same submit (session lookup, lock, grade, update) on node:http + pg, nothing else. */
function floorServer(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer(async (req, res) => {
    const id = /^\/submit\/([^/]+)$/.exec(req.url ?? "")?.[1];
    const token = /authjs\.session-token=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    for await (const _ of req); // drain the body
    if (!id || !token) return res.writeHead(400).end();
    const client = await pool.connect();
    try {
      const session = await client.query("SELECT s.user_id, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.session_token = $1 AND s.expires > now()", [token]);
      if (!session.rowCount) return res.writeHead(401).end();
      const userId = session.rows[0].user_id as string;
      await client.query("BEGIN");
      const locked = await client.query("SELECT id FROM quiz_attempts WHERE id = $1 AND user_id = $2 FOR UPDATE", [id, userId]);
      if (!locked.rowCount) {
        await client.query("ROLLBACK");
        return res.writeHead(404).end();
      }
      const a = await client.query(
        "SELECT a.status, a.responses, a.cohort_id, v.questions FROM quiz_attempts a JOIN quiz_versions v ON v.id = a.version_id WHERE a.id = $1",
        [id],
      );
      const row = a.rows[0];
      if (row.status === "SUBMITTED") {
        await client.query("COMMIT");
        return res.writeHead(200, { "content-type": "application/json" }).end("{}");
      }
      const rules = await client.query("SELECT pass_percent FROM quiz_rules WHERE cohort_id = $1", [row.cohort_id]);
      const grade = gradeAttempt(row.questions as TQuestion[], row.responses as Record<string, QuizResponse>);
      const passed = hasPassed(grade.percent, { passPercent: rules.rows[0]?.pass_percent ?? 70 });
      await client.query(
        "UPDATE quiz_attempts SET status = 'SUBMITTED', submitted_at = now(), submitted_by = 'participant', grade = $2, percent = $3, passed = $4 WHERE id = $1",
        [id, JSON.stringify(grade), grade.percent, passed],
      );
      await client.query("COMMIT");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ percent: grade.percent, passed }));
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      res.writeHead(500).end(String(err));
    } finally {
      client.release();
    }
  });
  return { server, pool };
}

function answerFor(q: TQuestion, i: number): QuizResponse {
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

async function main() {
  await buildIfStale();
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-quiz-"));
  chmodSync(work, 0o755);
  const port = await getFreePort();
  const pgPort = await getFreePort();
  const databaseUrl = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/lms`;
  const child = startApp({ port, dataDir: path.join(work, "pg"), pgPort, env: { DATABASE_URL: "" } });
  const db = new pg.Client({ connectionString: databaseUrl });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/health`, child);
    await db.connect();
    // N participants with a session each, all enrolled in one cohort (unlimited attempts).
    const cohortId = `bench-${randomBytes(4).toString("hex")}`;
    await db.query(
      `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, 'Bench cohort', 'UTC', '2026-01-01', '2026-12-31', now())`,
      [cohortId],
    );
    await db.query(`INSERT INTO quiz_rules (cohort_id, max_attempts, updated_at) VALUES ($1, NULL, now())`, [cohortId]);
    const people: Person[] = Array.from({ length: N }, () => ({ userId: randomUUID(), token: randomBytes(24).toString("hex") }));
    await db.query(
      `INSERT INTO users (id, email, name, profile_completed_at, updated_at) SELECT id, 'bench-' || id || '@example.org', 'Bench', now(), now() FROM unnest($1::text[]) AS id`,
      [people.map((p) => p.userId)],
    );
    await db.query(
      `INSERT INTO sessions (id, session_token, user_id, expires, updated_at) SELECT gen_random_uuid()::text, t, u, now() + interval '1 day', now() FROM unnest($1::text[], $2::text[]) AS x(t, u)`,
      [people.map((p) => p.token), people.map((p) => p.userId)],
    );
    await db.query(
      `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at) SELECT gen_random_uuid()::text, u, $2, 'ACTIVE', now() FROM unnest($1::text[]) AS u`,
      [people.map((p) => p.userId), cohortId],
    );
    console.log(`Quiz load: ${N} participants, ${connections} connections, quiz of lecture 1 (${questions.length} questions), production server on embedded PostgreSQL 17`);
    // Warm-up: a few requests so that the first measured ones do not pay for compilation and connections.
    await fetch(`${base}/api/cohorts/${cohortId}/quizzes/${lecture.slug}/attempts`, { method: "POST" });

    const start = await phase("start (POST …/attempts)", base, N, (i) => ({ method: "POST", path: `/api/cohorts/${cohortId}/quizzes/${lecture.slug}/attempts`, cookie: people[i]!.token }), (i, status, body) => {
      if (status < 300 && i >= 0) people[i]!.attemptId = (JSON.parse(body) as { attemptId: string }).attemptId;
    });
    const saves = 3;
    const save = await phase(`save (PUT …/answers, ${saves} each)`, base, N * saves, (i) => {
      const p = people[i % N]!;
      const q = questions[Math.floor(i / N) % questions.length]!;
      return { method: "PUT", path: `/api/attempts/${p.attemptId}/answers`, cookie: p.token, body: JSON.stringify({ questionId: q.id, response: answerFor(q, i) }) };
    });
    let submitted2xx = 0;
    const submit = await phase("submit (POST …/submit)", base, N, (i) => ({ method: "POST", path: `/api/attempts/${people[i]!.attemptId}/submit`, cookie: people[i]!.token, body: "{}" }), (_i, status) => {
      if (status >= 200 && status < 300) submitted2xx += 1;
    });
    const graded = Number((await db.query(`SELECT count(*) FROM quiz_attempts WHERE cohort_id = $1 AND status = 'SUBMITTED' AND grade IS NOT NULL`, [cohortId])).rows[0].count);
    console.log(`  check: ${submitted2xx} submits answered 2xx, ${graded} graded attempts in the database: ${graded === submitted2xx ? "one per submit" : "MISMATCH"}`);

    // The floor: fresh attempts in progress (copies of the app's, with the same answers, in a cohort of their own), submitted through node:http + pg.
    const floorCohort = `${cohortId}-floor`;
    await db.query(
      `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, 'Bench floor cohort', 'UTC', '2026-01-01', '2026-12-31', now())`,
      [floorCohort],
    );
    const floorIds = people.map(() => randomUUID());
    await db.query(
      `INSERT INTO quiz_attempts (id, user_id, cohort_id, lecture_slug, version_id, number, status, layout, responses, started_at)
       SELECT f.id, a.user_id, $3, a.lecture_slug, a.version_id, 1, 'IN_PROGRESS', a.layout, a.responses, now()
       FROM unnest($1::text[], $2::text[]) AS f(id, old) JOIN quiz_attempts a ON a.id = f.old`,
      [floorIds, people.map((p) => p.attemptId), floorCohort],
    );
    const floor = floorServer(databaseUrl);
    const floorPort = await getFreePort();
    await new Promise<void>((r) => floor.server.listen(floorPort, "127.0.0.1", r));
    const floorLine = await phase("floor: submit on node:http + pg", `http://127.0.0.1:${floorPort}`, N, (i) => ({ method: "POST", path: `/submit/${floorIds[i]}`, cookie: people[i]!.token, body: "{}" }));
    await new Promise((r) => floor.server.close(r));
    await floor.pool.end();

    console.log(`\nSubmit: ${submit["req/s"]} req/s vs the floor's ${floorLine["req/s"]} req/s: ${((submit["req/s"] / Math.max(1, floorLine["req/s"])) * 100).toFixed(0)}% of the floor (aim: at least 50%; 500/s with p99 under 100 ms).`);
    console.log(`Starts: ${N} in ${start.seconds.toFixed(1)} s, so 1,000 in about ${((1000 / Math.max(1, start["req/s"]))).toFixed(1)} s; p99 ${start.p99} ms (aim: 1,000 within 10 s, p99 under 500 ms).`);
    console.log(`Saves: ${save["req/s"]} req/s, p99 ${save.p99} ms.`);
    console.log(`Machine: ${machine()}; load generator on the same machine.`);
  } finally {
    await db.end().catch(() => {});
    await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
