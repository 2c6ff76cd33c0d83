// `npm run bench:quiz`: virtual participants start a quiz, save answers and
// submit, against the production server (`npm start`) on a fresh embedded
// PostgreSQL; then the same submit SQL on a bare node:http + pg server (the
// floor). Prints req/s and p50/p99 per step and the ratio to the floor, and
// checks that the database holds exactly one graded attempt per 2xx submit.
// Asserts nothing.
//   BENCH_PARTICIPANTS (default 3000)  BENCH_CONNECTIONS (default 50)
//   BENCH_WARM_UP (participants driven first and not counted, default 500)
// Each step's p99 is autocannon's; the one "without the opening burst" leaves out the
// first request of each connection, all sent at the same moment as the step begins.
import autocannon from "autocannon";
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadLectures } from "../lib/content/load.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { answerFor } from "./lib/seed.ts";
import {
  benchDatabaseClient,
  benchDatabaseUrl,
  buildIfStale,
  machine,
  processCpuSeconds,
  serverCpuSeconds,
  startApp,
  stop,
  waitFor,
} from "./lib/app.ts";

const N = Number(process.env.BENCH_PARTICIPANTS ?? 3000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 500);
const lecture = loadLectures(path.join(ROOT, "content"))[0]!;
const questions = lecture.quiz.questions;
const COOKIE = "authjs.session-token";

type Person = { userId: string; token: string; attemptId?: string };

/**
 * Runs `amount` requests over `connections`, each built by `next` (called once per request,
 * in order); `cpu` (the app server's CPU seconds so far) adds its CPU per request.
 */
async function phase(
  label: string,
  url: string,
  amount: number,
  next: (i: number) => { method: "POST" | "PUT"; path: string; cookie: string; body?: string },
  o: { onResponse?: (i: number, status: number, body: string) => void; cpu?: () => number | undefined } = {},
) {
  const { onResponse, cpu } = o;
  let issued = 0;
  // autocannon's own rate comes from whole-second samples, and it only notices that
  // `amount` is reached on its next one-second tick: time from the first request sent
  // to the last response received instead.
  let first = 0;
  let last = 0;
  // Each request's own latency, in the order sent: the first `connections` go out at once.
  const latencies: number[] = new Array(amount);
  const cpu0 = cpu?.();
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
          if (i === 0) first = performance.now();
          (context as { sentAt?: number }).sentAt = performance.now();
          (context as { i?: number }).i = i;
          const r = next(i);
          return {
            ...req,
            method: r.method,
            path: r.path,
            body: r.body ?? "",
            // The site's own pages send its Origin (the app's SITE_URL when unset: http://localhost:<port>).
            headers: {
              ...req.headers,
              cookie: `${COOKIE}=${r.cookie}`,
              "content-type": "application/json",
              origin: `http://localhost:${new URL(url).port}`,
            },
          };
        },
        onResponse: (status, body, context) => {
          last = performance.now();
          const { i, sentAt } = context as { i?: number; sentAt?: number };
          if (i !== undefined && sentAt !== undefined) latencies[i] = last - sentAt;
          onResponse?.((context as { i?: number }).i ?? -1, status, body);
        },
      },
    ],
  });
  const seconds = (last - first) / 1000;
  const cpu1 = cpu?.();
  const cpuMs = cpu0 !== undefined && cpu1 !== undefined ? ((cpu1 - cpu0) * 1000) / result.requests.total : undefined;
  const afterOpening = latencies
    .slice(connections)
    .filter((l) => l !== undefined)
    .sort((a, b) => a - b);
  const p99AfterOpening = Math.round(afterOpening[Math.floor(afterOpening.length * 0.99)] ?? 0);
  const line = {
    label,
    requests: result.requests.total,
    "req/s": Math.round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    p99AfterOpening,
    seconds,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMs,
  };
  console.log(
    `  ${label.padEnd(36)} ${String(line.requests).padStart(6)} req in ${line.seconds.toFixed(1)} s  ${String(line["req/s"]).padStart(5)} req/s  p50 ${line.p50} ms  p99 ${line.p99} ms (${line.p99AfterOpening} without the opening burst)  non-2xx ${line.non2xx}  errors ${line.errors}${cpuMs === undefined ? "" : `  server CPU ${cpuMs.toFixed(2)} ms/req`}`,
  );
  return line;
}

/** `count` participants with a session each, enrolled in a new cohort with unlimited attempts. */
async function enrolParticipants(db: pg.Client, cohortId: string, count: number): Promise<Person[]> {
  await db.query(
    `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, 'Bench cohort', 'UTC', '2026-01-01', '2026-12-31', now())`,
    [cohortId],
  );
  await db.query(`INSERT INTO quiz_rules (cohort_id, max_attempts, updated_at) VALUES ($1, NULL, now())`, [cohortId]);
  const people: Person[] = Array.from({ length: count }, () => ({
    userId: randomUUID(),
    token: randomBytes(24).toString("hex"),
  }));
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
  return people;
}

/** Every participant starts the quiz, saves three answers and submits, step by step. */
async function drive(base: string, cpu: () => number | undefined, cohortId: string, people: Person[], prefix: string) {
  const n = people.length;
  const start = await phase(
    `${prefix}start (POST …/attempts)`,
    base,
    n,
    (i) => ({
      method: "POST",
      path: `/api/cohorts/${cohortId}/quizzes/${lecture.slug}/attempts`,
      cookie: people[i]!.token,
    }),
    {
      cpu,
      onResponse: (i, status, body) => {
        if (status < 300 && i >= 0) people[i]!.attemptId = (JSON.parse(body) as { attemptId: string }).attemptId;
      },
    },
  );
  const saves = 3;
  const save = await phase(
    `${prefix}save (PUT …/answers, ${saves} each)`,
    base,
    n * saves,
    (i) => {
      const p = people[i % n]!;
      const q = questions[Math.floor(i / n) % questions.length]!;
      return {
        method: "PUT",
        path: `/api/attempts/${p.attemptId}/answers`,
        cookie: p.token,
        body: JSON.stringify({ questionId: q.id, response: answerFor(q, i) }),
      };
    },
    { cpu },
  );
  let submitted2xx = 0;
  const submit = await phase(
    `${prefix}submit (POST …/submit)`,
    base,
    n,
    (i) => ({
      method: "POST",
      path: `/api/attempts/${people[i]!.attemptId}/submit`,
      cookie: people[i]!.token,
      body: "{}",
    }),
    {
      cpu,
      onResponse: (_i, status) => {
        if (status >= 200 && status < 300) submitted2xx += 1;
      },
    },
  );
  return { start, save, submit, submitted2xx };
}

/** Copies of the group's attempts, in progress again with the same answers, in `cohortId` (made here); their ids in the group's order. */
async function copyAttempts(db: pg.Client, cohortId: string, group: Person[]): Promise<string[]> {
  await db.query(
    `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, 'Bench floor cohort', 'UTC', '2026-01-01', '2026-12-31', now()) ON CONFLICT DO NOTHING`,
    [cohortId],
  );
  const ids = group.map(() => randomUUID());
  await db.query(
    `INSERT INTO quiz_attempts (id, user_id, cohort_id, lecture_slug, version_id, number, status, layout, responses, started_at)
     SELECT f.id, a.user_id, $3, a.lecture_slug, a.version_id, 1, 'IN_PROGRESS', a.layout, a.responses, now()
     FROM unnest($1::text[], $2::text[]) AS f(id, old) JOIN quiz_attempts a ON a.id = f.old`,
    [ids, group.map((p) => p.attemptId), cohortId],
  );
  return ids;
}

async function main() {
  await buildIfStale();
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-quiz-"));
  chmodSync(work, 0o755);
  const port = await getFreePort();
  const cpu = serverCpuSeconds(port);
  const pgPort = await getFreePort();
  const dataDir = path.join(work, "pg");
  const child = startApp({ port, dataDir, pgPort, env: { DATABASE_URL: "" } });
  const databaseUrl = () => benchDatabaseUrl(dataDir, pgPort);
  const db = benchDatabaseClient(dataDir, pgPort);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/health`, child);
    await db.connect();
    // N participants with a session each, all enrolled in one cohort (unlimited attempts),
    // and a smaller group in a cohort of its own for the warm-up round.
    const cohortId = `bench-${randomBytes(4).toString("hex")}`;
    const people = await enrolParticipants(db, cohortId, N);
    const warmCohort = `${cohortId}-warm`;
    const warmPeople = await enrolParticipants(db, warmCohort, WARM_UP);
    console.log(
      `Quiz load: ${N} participants, ${connections} connections, quiz of lecture 1 (${questions.length} questions), production server on embedded PostgreSQL 17`,
    );

    // Warm-up: the same three steps for other participants first, so that the measured
    // round does not pay for the first requests' compilation and connections.
    await drive(base, cpu, warmCohort, warmPeople, "warm-up, not counted: ");
    const { start, save, submit, submitted2xx } = await drive(base, cpu, cohortId, people, "");
    const graded = Number(
      (
        await db.query(
          `SELECT count(*) FROM quiz_attempts WHERE cohort_id = $1 AND status = 'SUBMITTED' AND grade IS NOT NULL`,
          [cohortId],
        )
      ).rows[0].count,
    );
    console.log(
      `  check: ${submitted2xx} submits answered 2xx, ${graded} graded attempts in the database: ${graded === submitted2xx ? "one per submit" : "MISMATCH"}`,
    );

    // The floor: fresh attempts in progress (copies of the app's, with the same answers, in a cohort of their own), submitted through node:http + pg.
    // In a process of its own, as the app's server runs (bench/lib/floor-server.ts).
    const floorPort = await getFreePort();
    const floor = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "bench/lib/floor-server.ts"), String(floorPort)],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl() },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve, reject) => {
      floor.stdout!.on("data", (d: Buffer) => d.toString().includes("floor listening") && resolve());
      floor.on("exit", (code) => reject(new Error(`the floor server exited (${code})`)));
    });
    const floorCpu = processCpuSeconds(floor.pid!);
    const floorBase = `http://127.0.0.1:${floorPort}`;
    const floorSubmit = async (group: Person[], label: string) => {
      const ids = await copyAttempts(db, `${cohortId}-floor`, group);
      return phase(
        label,
        floorBase,
        group.length,
        (i) => ({ method: "POST", path: `/submit/${ids[i]}`, cookie: group[i]!.token, body: "{}" }),
        { cpu: floorCpu },
      );
    };
    await floorSubmit(warmPeople, "warm-up, not counted: floor submit");
    const floorLine = await floorSubmit(people, "floor: submit on node:http + pg");
    floor.kill("SIGTERM");

    const pct = (a: number, b: number) => ((a / Math.max(1, b)) * 100).toFixed(0);
    console.log(
      `\nSubmit: ${submit["req/s"]} req/s, p99 ${submit.p99} ms (${submit.p99AfterOpening} ms without the first ${connections} requests, sent at once as the connections open); the floor ${floorLine["req/s"]} req/s: ${pct(submit["req/s"], floorLine["req/s"])}% of it (aims: 500/s with p99 under 100 ms, at least 50% of the floor).`,
    );
    console.log(
      `Starts: ${N} in ${start.seconds.toFixed(1)} s, so 1,000 in about ${(1000 / Math.max(1, start["req/s"])).toFixed(1)} s; p99 ${start.p99} ms (aim: 1,000 within 10 s, p99 under 500 ms).`,
    );
    console.log(`Saves: ${save["req/s"]} req/s, p99 ${save.p99} ms.`);
    console.log(`Machine: ${machine()}; load generator on the same machine.`);
  } finally {
    await db.end().catch(() => {});
    await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
