// `npm run bench:cohort`: the top of a live session. A whole cohort arrives at once and takes
// lecture 1's quiz through the real pages and the quiz's JSON API, against the production
// server (`npm start`) on a fresh embedded PostgreSQL. Each participant, with a session
// cookie and a keep-alive connection of their own (as a browser has), arrives at a random
// moment within BENCH_ARRIVAL seconds and in order: opens /dashboard, the quiz page, starts
// the attempt, opens the attempt page, saves each answer (each after a think time),
// submits and opens the result page. Each page is fetched as a browser fetches it: the
// dashboard as an HTML document (the first page of a visit), the others as the client-side
// router's RSC requests (following the dashboard's link; the quiz page moving on by itself
// after the start and the submit), replayed from one visit recorded in Chromium before the
// run (bench/lib/navigations.ts). Every answer is checked: pages must be a 200 of the right
// kind carrying their content's marker (a redirect, to sign-in or to another `_rsc`, is an
// error), API answers a 2xx with the expected JSON.
// Prints per step the count, errors (one example), p50/p95/p99; the server's CPU per request
// over the whole run, and per step from a quiet pass after it (each step alone, for fresh
// participants, at low concurrency: in the simulation the steps overlap). Then checks in the
// database that every acknowledged submit left exactly one graded attempt, no participant
// has two attempts and no unacknowledged submit left a graded one. Asserts nothing.
//   BENCH_PARTICIPANTS (default 1000)  BENCH_ARRIVAL (s, default 60)
//   BENCH_THINK (s before each save, uniform random, default "5-20")
//   BENCH_QUIET (requests per step in the quiet pass, default 200)
//   BENCH_WARM_UP (participants taking every step once, unhurried, before the run; default 10)
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import pg from "pg";
import { loadLectures } from "../lib/content/load.ts";
import type { TQuestion } from "../lib/schemas/content.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { BROWSER_ENCODINGS } from "./lib/load.ts";
import { flight, html } from "./lib/markers.ts";
import { type Ids, type Navigations, recordNavigations, replay } from "./lib/navigations.ts";
import { answerFor, seedLiveCohort } from "./lib/seed.ts";
import {
  benchDatabaseClient,
  buildIfStale,
  machine,
  serverCpuSeconds,
  startApp,
  stop,
  waitFor,
  writeResults,
} from "./lib/app.ts";

const N = Number(process.env.BENCH_PARTICIPANTS ?? 1000);
const ARRIVAL_S = Number(process.env.BENCH_ARRIVAL ?? 60);
const THINK_S = (process.env.BENCH_THINK ?? "5-20").split("-").map(Number) as [number, number];
const QUIET = Number(process.env.BENCH_QUIET ?? 200);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 10);
const QUIET_CONCURRENCY = 4;
const TIMEOUT_MS = 60_000;
const COOKIE = "authjs.session-token";
const lectures = loadLectures(path.join(ROOT, "content"));
const lecture = lectures[0]!;
const questions = lecture.quiz.questions;
const SERVER_LOG = path.join(ROOT, "bench/results/cohort-server.log");
const PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

const STEPS = ["dashboard", "quiz page", "start", "attempt page", "save", "submit", "result page"] as const;
type Step = (typeof STEPS)[number];
const PAGES: Step[] = ["dashboard", "quiz page", "attempt page", "result page"];
/** A step's requests sent, latencies of the answers received, errors and the first error. */
type Tally = { sent: number; ms: number[]; errors: number; example: string };
type Tallies = Record<Step, Tally>;
type Participant = {
  index: number;
  userId: string;
  token: string;
  agent: http.Agent;
  attemptId?: string;
  acked?: boolean;
};
/** What a participant's requests need: where, which cohort, the recorded navigations, where the figures go, how long to think. */
type Ctx = {
  port: number;
  cohortId: string;
  cohortName: string;
  recorded: { navigations: Navigations; ids: Ids };
  tallies: Tallies;
  thinkMs: () => number;
};
type Answer = { status: number; body: string; location?: string; type?: string };

/** What each page must carry: the quiz's and the attempt's pages the lecture's title; only a submitted attempt's page has the result section (its heading's id). */
const MARKERS = {
  "quiz page": flight(lecture.meta.title),
  "attempt page": flight(lecture.meta.title),
  "result page": '"id":"result-title"',
} as const;

const newTallies = () =>
  Object.fromEntries(STEPS.map((s): [Step, Tally] => [s, { sent: 0, ms: [], errors: 0, example: "" }])) as Tallies;

/** One request on the participant's own keep-alive connection, asking for the encodings Chromium asks for; a Brotli or gzip body is unpacked. A GET is a document's unless `router` gives the client-side router's headers. */
function send(
  ctx: Ctx,
  p: Participant,
  method: string,
  url: string,
  body?: string,
  router?: Record<string, string>,
): Promise<Answer> {
  const headers: Record<string, string> = { cookie: `${COOKIE}=${p.token}`, ...BROWSER_ENCODINGS };
  if (method === "GET") Object.assign(headers, router ? { accept: "*/*", ...router } : { accept: PAGE_ACCEPT });
  else {
    headers["content-type"] = "application/json";
    headers.origin = `http://localhost:${ctx.port}`;
    headers["content-length"] = String(Buffer.byteLength(body ?? ""));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: ctx.port, method, path: url, headers, agent: p.agent, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          try {
            const raw = Buffer.concat(chunks);
            const encoding = res.headers["content-encoding"];
            const plain = encoding === "br" ? brotliDecompressSync(raw) : encoding === "gzip" ? gunzipSync(raw) : raw;
            const text = plain.toString("utf8");
            resolve({
              status: res.statusCode ?? 0,
              body: text,
              location: res.headers.location,
              type: res.headers["content-type"],
            });
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Sends, times (every answer received counts in the latencies) and checks: `problem` says
 * what is wrong with an answer, or null. Returns the answer when it is right.
 */
async function record(tally: Tally, run: () => Promise<Answer>, problem: (a: Answer) => string | null) {
  tally.sent += 1;
  const started = performance.now();
  let wrong: string;
  try {
    const answer = await run();
    tally.ms.push(performance.now() - started);
    const found = problem(answer);
    if (found === null) return answer;
    wrong = found;
  } catch (e) {
    wrong = e instanceof Error ? e.message : String(e);
  }
  tally.errors += 1;
  tally.example ||= wrong;
  return undefined;
}

/** What is wrong with a page's answer: not a 200 (a redirect says where to), not of `type`, or without `marker`; null when right. */
const pageProblem = (step: Step, a: Answer, type: string, marker: string) =>
  a.status !== 200
    ? `${step} answered ${a.status}${a.location ? ` → ${a.location}` : ""}`
    : !a.type?.startsWith(type)
      ? `${step} answered ${a.type ?? "no content type"}, not ${type}`
      : a.body.includes(marker)
        ? null
        : `${step} answered 200 without ${marker}`;

/** The first page of a visit, the dashboard, as a document: a 200 with the cohort's name in it. */
async function openDashboard(ctx: Ctx, p: Participant) {
  await record(
    ctx.tallies.dashboard,
    () => send(ctx, p, "GET", "/dashboard"),
    (a) => pageProblem("dashboard", a, "text/html", html(ctx.cohortName)),
  );
}

/** A client-side navigation: the recorded RSC request, with this participant's cohort and attempt; a 200 RSC payload with the page's marker. */
async function navigate(ctx: Ctx, p: Participant, step: keyof Navigations) {
  const { navigations, ids } = ctx.recorded;
  const { path: url, headers } = replay(navigations[step], ids, {
    cohortId: ctx.cohortId,
    attemptId: p.attemptId ?? ids.attemptId,
  });
  await record(
    ctx.tallies[step],
    () => send(ctx, p, "GET", url, undefined, headers),
    (a) => pageProblem(step, a, "text/x-component", MARKERS[step]),
  );
}

/** A JSON API call: right when a 2xx whose JSON `expect` accepts. Returns the status (if any answer came) and the JSON when right. */
async function call(
  ctx: Ctx,
  p: Participant,
  step: Step,
  request: { method: string; url: string; body: string },
  expect: (json: Record<string, unknown>) => boolean,
) {
  let json: Record<string, unknown> = {};
  let status: number | undefined;
  const answer = await record(
    ctx.tallies[step],
    () => send(ctx, p, request.method, request.url, request.body),
    (a) => {
      status = a.status;
      const said = `${step} answered ${a.status} ${a.body.slice(0, 100)}`;
      if (a.status < 200 || a.status >= 300) return said;
      try {
        json = JSON.parse(a.body) as Record<string, unknown>;
      } catch {
        return `${step} answered ${a.status} with no JSON`;
      }
      return expect(json) ? null : said;
    },
  );
  return { status, json: answer ? json : undefined };
}

async function start(ctx: Ctx, p: Participant) {
  const url = `/api/cohorts/${ctx.cohortId}/quizzes/${lecture.slug}/attempts`;
  const { json } = await call(
    ctx,
    p,
    "start",
    { method: "POST", url, body: "" },
    (j) => typeof j.attemptId === "string",
  );
  p.attemptId = json?.attemptId as string | undefined;
  return p.attemptId !== undefined;
}

async function save(ctx: Ctx, p: Participant, q: TQuestion) {
  const body = JSON.stringify({ questionId: q.id, response: answerFor(q, p.index) });
  const url = `/api/attempts/${p.attemptId}/answers`;
  await call(ctx, p, "save", { method: "PUT", url, body }, (j) => j.saved === true);
}

/** Acknowledged means a 2xx, whatever its JSON said: the exactly-once check counts those. */
async function submit(ctx: Ctx, p: Participant) {
  const url = `/api/attempts/${p.attemptId}/submit`;
  const { status, json } = await call(
    ctx,
    p,
    "submit",
    { method: "POST", url, body: "{}" },
    (j) => typeof j.percent === "number" && j.alreadySubmitted === false,
  );
  p.acked = status !== undefined && status >= 200 && status < 300;
  return json !== undefined;
}

/** One participant's visit, from arrival to the result page. A failed start ends it; a failed submit skips the result page. */
async function participate(ctx: Ctx, p: Participant) {
  await openDashboard(ctx, p);
  await navigate(ctx, p, "quiz page");
  if (!(await start(ctx, p))) return;
  await navigate(ctx, p, "attempt page");
  for (const q of questions) {
    await sleep(ctx.thinkMs());
    await save(ctx, p, q);
  }
  if (await submit(ctx, p)) await navigate(ctx, p, "result page");
}

/**
 * A cohort named `name` whose first live session (lecture 1) starts now, quiz rules with
 * unlimited attempts, and `count` participants with complete profiles, a session each and
 * an ACTIVE enrolment.
 */
async function seed(db: pg.Client, name: string, count: number) {
  const { cohortId, ids, tokens } = await seedLiveCohort(db, {
    name,
    count,
    lectureSlugs: lectures.map((l) => l.slug),
  });
  // One connection each, kept alive, as one browser opens to the site.
  const people = ids.map((userId, index): Participant => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    return { index, userId, token: tokens[index]!, agent };
  });
  return { cohortId, name, people };
}

const uniform = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

/** Every participant arrives at a random moment within ARRIVAL_S and takes every step; progress every 15 s. */
async function simulate(ctx: Ctx, people: Participant[]) {
  let arrived = 0;
  let finished = 0;
  const began = performance.now();
  const progress = setInterval(() => {
    const t = Object.values(ctx.tallies);
    const requests = t.reduce((n, x) => n + x.sent, 0);
    const errors = t.reduce((n, x) => n + x.errors, 0);
    const s = Math.round((performance.now() - began) / 1000);
    console.log(`  ${s} s: ${arrived} arrived, ${finished} finished, ${requests} requests, ${errors} errors`);
  }, 15_000);
  await Promise.all(
    people.map(async (p) => {
      await sleep(uniform(0, ARRIVAL_S * 1000));
      arrived += 1;
      await participate(ctx, p);
      finished += 1;
      p.agent.destroy();
    }),
  );
  clearInterval(progress);
  return (performance.now() - began) / 1000;
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/**
 * Each step alone, for fresh participants of a cohort of their own, QUIET_CONCURRENCY at a
 * time: the server's CPU delta over the step's requests. Saves are one answer each.
 */
async function quietPass(ctx: Ctx, people: Participant[], cpu: () => number | undefined) {
  const perStep: Partial<Record<Step, number>> = {};
  const each = async (step: Step, fn: (p: Participant) => Promise<unknown>) => {
    const cpu0 = cpu();
    await pool(people, QUIET_CONCURRENCY, fn);
    const cpu1 = cpu();
    if (cpu0 !== undefined && cpu1 !== undefined) perStep[step] = ((cpu1 - cpu0) * 1000) / people.length;
  };
  await each("dashboard", (p) => openDashboard(ctx, p));
  await each("quiz page", (p) => navigate(ctx, p, "quiz page"));
  await each("start", (p) => start(ctx, p));
  await each("attempt page", (p) => navigate(ctx, p, "attempt page"));
  await each("save", (p) => save(ctx, p, questions[p.index % questions.length]!));
  await each("submit", (p) => submit(ctx, p));
  await each("result page", (p) => navigate(ctx, p, "result page"));
  for (const p of people) p.agent.destroy();
  return perStep;
}

/**
 * Exactly once, from the database: each acknowledged submit has exactly one SUBMITTED graded
 * attempt of the lecture, nobody has two attempts of it, and nobody whose submit went
 * unacknowledged has a graded one.
 */
async function checkOnce(db: pg.Client, cohortId: string, people: Participant[]) {
  const { rows } = await db.query<{ user_id: string; attempts: number; graded: number }>(
    `SELECT user_id, count(*)::int AS attempts,
            (count(*) FILTER (WHERE status = 'SUBMITTED' AND grade IS NOT NULL))::int AS graded
     FROM quiz_attempts WHERE cohort_id = $1 AND lecture_slug = $2 GROUP BY user_id`,
    [cohortId, lecture.slug],
  );
  const byUser = new Map(rows.map((r) => [r.user_id, r]));
  const acked = people.filter((p) => p.acked);
  const check = {
    acknowledged: acked.length,
    graded: rows.reduce((n, r) => n + r.graded, 0),
    acknowledgedWithoutOneGraded: acked.filter((p) => byUser.get(p.userId)?.graded !== 1).length,
    participantsWithSeveralAttempts: rows.filter((r) => r.attempts > 1).length,
    gradedWithoutAcknowledgement: people.filter((p) => !p.acked && (byUser.get(p.userId)?.graded ?? 0) > 0).length,
  };
  const ok =
    check.acknowledgedWithoutOneGraded === 0 &&
    check.participantsWithSeveralAttempts === 0 &&
    check.gradedWithoutAcknowledgement === 0;
  console.log(
    `\nExactly once: ${check.acknowledged} submits acknowledged (2xx), ${check.graded} graded attempts in the database; ` +
      `acknowledged without exactly one graded attempt ${check.acknowledgedWithoutOneGraded}, ` +
      `participants with more than one attempt ${check.participantsWithSeveralAttempts}, ` +
      `graded attempts whose submit went unacknowledged ${check.gradedWithoutAcknowledgement}: ` +
      (ok ? "one graded attempt per acknowledged submit" : "*** MISMATCH ***"),
  );
  return { ...check, ok };
}

const percentile = (sorted: number[], q: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!) : null;

const sortedMs = (t: Tally) => [...t.ms].sort((a, b) => a - b);
const p95 = (t: Tally) => percentile(sortedMs(t), 0.95);

/** The table: per step count, errors, p50/p95/p99 in the simulation, and the quiet pass's CPU per request. */
function report(tallies: Tallies, quietCpu: Partial<Record<Step, number>>) {
  const cols = ["count", "errors", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req*"];
  console.log(`\n${"step".padEnd(14)}${cols.map((c) => c.padStart(12)).join("")}   example error`);
  const steps: Record<string, Record<string, number | string | null>> = {};
  for (const step of STEPS) {
    const t = tallies[step];
    const sorted = sortedMs(t);
    const row = {
      count: t.sent,
      errors: t.errors,
      "p50 ms": percentile(sorted, 0.5),
      "p95 ms": percentile(sorted, 0.95),
      "p99 ms": percentile(sorted, 0.99),
      "server CPU ms/req (quiet pass)": quietCpu[step] === undefined ? null : Number(quietCpu[step].toFixed(2)),
    };
    steps[step] = { ...row, example: t.example };
    const cells = Object.values(row).map((v) => String(v ?? "-").padStart(12));
    console.log(`${step.padEnd(14)}${cells.join("")}   ${t.example.slice(0, 140)}`);
  }
  console.log(
    "  count: requests sent; p50/p95/p99 over every answer received, right or wrong (a request with no answer is an error only).",
  );
  console.log(
    `  * CPU ms/req: the server's CPU per request of that step alone, in the quiet pass after the simulation (${QUIET} fresh participants, ${QUIET_CONCURRENCY} at a time).`,
  );
  return steps;
}

/** The aim: BENCH_PARTICIPANTS ≥ 1,000, no errors, every page's p95 under 500 ms. */
function aim(tallies: Tallies) {
  const errors = STEPS.reduce((n, s) => n + tallies[s].errors, 0);
  const slow = PAGES.filter((s) => (p95(tallies[s]) ?? Infinity) >= 500);
  const missed = [
    ...(N < 1000 ? [`${N} participants, not 1,000`] : []),
    ...(errors ? [`${errors} errors`] : []),
    ...slow.map((s) => `${s} p95 not under 500 ms`),
  ];
  console.log(
    `\nAim: 1,000 participants, 0 errors, every page's p95 under 500 ms: ${missed.length ? `NOT MET (${missed.join("; ")})` : "met"}.`,
  );
  return missed.length === 0;
}

/** A few participants of the quiet cohort take every step, unhurried, so that the run does not pay for a fresh server's first requests. */
async function warmUp(ctx: Ctx, people: Participant[]) {
  for (const p of people) await participate({ ...ctx, tallies: newTallies(), thinkMs: () => 0 }, p);
  for (const p of people) p.agent.destroy();
}

async function run(port: number, db: pg.Client) {
  const cpu = serverCpuSeconds(port);
  const main = await seed(db, "Bench cohort", N);
  // The quiet cohort's last participant is the one whose visit in Chromium is recorded.
  const quiet = await seed(db, "Bench quiet cohort", QUIET + WARM_UP + 1);
  const recorder = quiet.people.at(-1)!;
  recorder.agent.destroy();
  const { navigations, attemptId } = await recordNavigations({
    base: `http://localhost:${port}`,
    cookie: COOKIE,
    token: recorder.token,
    quizPath: `/course/${quiet.cohortId}/quiz/${lecture.slug}`,
  });
  const [lo, hi] = THINK_S;
  const ctx: Ctx = {
    port,
    cohortId: main.cohortId,
    cohortName: main.name,
    recorded: { navigations, ids: { cohortId: quiet.cohortId, attemptId } },
    tallies: newTallies(),
    thinkMs: () => uniform(lo, hi) * 1000,
  };
  const quietCtx: Ctx = { ...ctx, cohortId: quiet.cohortId, cohortName: quiet.name, tallies: newTallies() };
  await warmUp(quietCtx, quiet.people.slice(0, WARM_UP));
  console.log(
    `Cohort: ${N} participants arriving within ${ARRIVAL_S} s, ${questions.length} saves each after ${lo}-${hi} s of thought, one keep-alive connection each; production server on embedded PostgreSQL 17 (warmed up by ${WARM_UP} participants first)`,
  );
  const cpu0 = cpu();
  const seconds = await simulate(ctx, main.people);
  const cpu1 = cpu();
  const steps = report(ctx.tallies, await quietPass(quietCtx, quiet.people.slice(WARM_UP, WARM_UP + QUIET), cpu));
  const requests = STEPS.reduce((n, s) => n + ctx.tallies[s].sent, 0);
  const errors = STEPS.reduce((n, s) => n + ctx.tallies[s].errors, 0);
  const cpuMs = cpu0 !== undefined && cpu1 !== undefined ? ((cpu1 - cpu0) * 1000) / requests : undefined;
  const cpuText = cpuMs === undefined ? "not measured (no /proc)" : `${cpuMs.toFixed(2)} ms/req`;
  console.log(
    `\nSimulation: ${seconds.toFixed(1)} s, ${requests} requests, ${errors} errors; server CPU over the whole simulation / its requests: ${cpuText} (all steps together)`,
  );
  const check = await checkOnce(db, main.cohortId, main.people);
  const met = aim(ctx.tallies);
  console.log(`Machine: ${machine()}; load generator on the same machine.`);
  return {
    seconds,
    requests,
    errors,
    "server CPU ms/req (whole simulation)": cpuMs ?? null,
    steps,
    check,
    aimMet: met,
  };
}

/** The server's most frequent error lines (digits folded), from its output in SERVER_LOG. */
function serverErrors() {
  const counts = new Map<string, number>();
  for (const line of readFileSync(SERVER_LOG, "utf8").split("\n")) {
    if (!/error|timeout|exceeded/i.test(line)) continue;
    const key = line.replace(/\d+/g, "N").slice(0, 160);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(`Server output: ${path.relative(ROOT, SERVER_LOG)}; its most frequent error lines:`);
  for (const [line, n] of top) console.log(`  ${String(n).padStart(6)} × ${line}`);
  if (!top.length) console.log("  none");
}

async function main() {
  if (!(N > 0 && ARRIVAL_S >= 0 && THINK_S.length === 2 && THINK_S.every((t) => t >= 0) && THINK_S[0] <= THINK_S[1]))
    throw new Error('BENCH_PARTICIPANTS must be positive, BENCH_ARRIVAL ≥ 0, BENCH_THINK like "5-20"');
  await buildIfStale();
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-cohort-"));
  chmodSync(work, 0o755);
  const port = await getFreePort();
  const pgPort = await getFreePort();
  mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
  const dataDir = path.join(work, "pg");
  const child = startApp({ port, dataDir, pgPort, env: { DATABASE_URL: "" }, log: SERVER_LOG });
  const db = benchDatabaseClient(dataDir, pgPort);
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, child);
    await db.connect();
    const results = await run(port, db);
    serverErrors();
    writeResults("cohort", {
      machine: machine(),
      participants: N,
      arrival: ARRIVAL_S,
      think: THINK_S,
      quiet: QUIET,
      ...results,
    });
  } finally {
    await db.end().catch(() => {});
    await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
