// `npm run bench:pages` (and `npm run bench`): how fast `npm start` comes up, then how many
// requests a second the production server answers for the pages people load, each beside
// the server's own floor: a static file from /_next/static, measured first in the same run.
// Prints each page's rate, p50/p99, the server's CPU per request, the bytes of an answer, the
// bytes a second and its share of the floor's rate; asserts nothing. A larger static file
// (the largest script `/` links) is measured after the floor, to show what an answer's size
// alone costs. Requests carry a browser's Accept-Encoding, so that what is
// compressed is compressed as for a browser. Every page is first fetched once per
// participant and checked for its page's marker text; under load, every answer must be a
// 200 (a redirect to sign-in or an error page counts as an error). The load is
// bench/lib/load.ts's closed loop (it says why not autocannon's).
//   BENCH_DURATION (s, default 6)  BENCH_CONNECTIONS (default 10)
//   BENCH_PARTICIPANTS (signed-in participants the personal pages rotate through, default 50)
//   BENCH_ONLY (a regular expression: only the pages whose label matches, and the floor)
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadLectures } from "../lib/content/load.ts";
import { certificateCode } from "../lib/domain/certificates.ts";
import type { QuizResponse } from "../lib/domain/quiz.ts";
import type { TQuestion } from "../lib/schemas/content.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { BROWSER_ENCODINGS, closedLoop } from "./lib/load.ts";
import { html } from "./lib/markers.ts";
import { seedLiveCohort } from "./lib/seed.ts";
import { buildIfStale, machine, serverCpuSeconds, startApp, stop, waitFor, writeResults } from "./lib/app.ts";
import { embeddedDatabaseUrl } from "../scripts/lib/postgres.ts";

const duration = Number(process.env.BENCH_DURATION ?? 6);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const participants = Number(process.env.BENCH_PARTICIPANTS ?? 50);
const COOKIE = "authjs.session-token";
const lectures = loadLectures(path.join(ROOT, "content"));
const [first, second] = lectures as [(typeof lectures)[0], (typeof lectures)[0]];

type Person = { token: string; resultId: string; attemptId: string };
type Target = {
  label: string;
  /** "reference": another static file, larger than the floor, to show what size alone costs. */
  kind: "floor" | "reference" | "public" | "personal";
  /** The path, or one per participant in turn. */
  path: string | ((p: Person) => string);
  /** Text every answer must contain. */
  marker: string;
};

function answerFor(q: TQuestion): QuizResponse {
  switch (q.type) {
    case "single":
      return { type: "single", optionId: q.options[0]!.id };
    case "multiple":
      return { type: "multiple", optionIds: [q.options[0]!.id] };
    case "true-false":
      return { type: "true-false", value: true };
    case "numeric":
      return { type: "numeric", value: q.answer };
  }
}

/** A cohort whose live session is on now, `count` participants with a session each, and one certificate. */
async function seed(db: pg.Client, count: number) {
  const { cohortId, ids, tokens } = await seedLiveCohort(db, {
    name: "Bench cohort",
    count,
    lectureSlugs: lectures.map((l) => l.slug),
  });
  const code = certificateCode(2026, randomBytes(5));
  await db.query(
    `INSERT INTO certificates (id, code, user_id, cohort_id, name, status_index, credential) VALUES ($1, $2, $3, $4, 'Bench Participant', 9000, 'x')`,
    [randomUUID(), code, ids[0], cohortId],
  );
  return { cohortId, tokens, code };
}

/** Through the JSON API, as the quiz page does: a submitted attempt of lecture 1 and one in progress of lecture 2. */
async function attempts(base: string, cohortId: string, token: string): Promise<Person> {
  const headers = {
    cookie: `${COOKIE}=${token}`,
    "content-type": "application/json",
    origin: `http://localhost:${new URL(base).port}`,
  };
  const start = async (slug: string) => {
    const res = await fetch(`${base}/api/cohorts/${cohortId}/quizzes/${slug}/attempts`, { method: "POST", headers });
    if (!res.ok) throw new Error(`starting a quiz answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { attemptId: string }).attemptId;
  };
  const resultId = await start(first.slug);
  for (const q of first.quiz.questions) {
    const body = JSON.stringify({ questionId: q.id, response: answerFor(q) });
    const res = await fetch(`${base}/api/attempts/${resultId}/answers`, { method: "PUT", headers, body });
    if (!res.ok) throw new Error(`saving an answer answered ${res.status}`);
  }
  const submitted = await fetch(`${base}/api/attempts/${resultId}/submit`, { method: "POST", headers, body: "{}" });
  if (!submitted.ok) throw new Error(`submitting answered ${submitted.status}`);
  return { token, resultId, attemptId: await start(second.slug) };
}

/** Of the scripts `/` links, the largest (uncompressed: the largest compressed too, near enough). */
async function largestScript(base: string, home: string): Promise<string> {
  const paths = [...new Set([...home.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!))];
  let largest = { path: "", bytes: 0 };
  for (const p of paths) {
    const bytes = (await (await fetch(base + p)).arrayBuffer()).byteLength;
    if (bytes > largest.bytes) largest = { path: p, bytes };
  }
  if (!largest.path) throw new Error("no script linked on /");
  return largest.path;
}

/** A target's load: its requests in turn through the participants, and its answers' checks. */
function loadOf(base: string, target: Target, people: Person[]) {
  let turn = 0;
  const wrong = { count: 0, example: "" };
  const request = () => {
    const p = people[turn++ % people.length]!;
    const url = typeof target.path === "string" ? target.path : target.path(p);
    const headers =
      target.kind === "personal" ? { ...BROWSER_ENCODINGS, cookie: `${COOKIE}=${p.token}` } : BROWSER_ENCODINGS;
    return { path: url, headers };
  };
  // The body is compressed (checked once, decoded, before the load): a 200 is right.
  const onResponse = (status: number, start: Buffer) => {
    if (status === 200) return;
    wrong.count += 1;
    wrong.example ||= `${status} ${start.toString("latin1").slice(0, 120).replace(/\s+/g, " ")}`;
  };
  return { load: { base, connections, request, onResponse }, wrong };
}

/** Each participant's page once, decoded, for its status and marker; then 2 s of load, not counted. */
async function warm(base: string, target: Target, people: Person[]) {
  for (const p of target.kind === "personal" ? people : people.slice(0, 1)) {
    const url = base + (typeof target.path === "string" ? target.path : target.path(p));
    const res = await fetch(url, {
      headers: target.kind === "personal" ? { cookie: `${COOKIE}=${p.token}` } : {},
      redirect: "manual",
    });
    const text = await res.text();
    if (res.status !== 200 || !text.includes(target.marker))
      throw new Error(`${url} answered ${res.status} without "${target.marker}"`);
  }
  await closedLoop({ ...loadOf(base, target, people).load, duration: 2 });
}

async function measure(base: string, target: Target, people: Person[], cpu: () => number | undefined) {
  await warm(base, target, people);
  const { load, wrong } = loadOf(base, target, people);
  const cpu0 = cpu();
  const r = await closedLoop({ ...load, duration });
  const cpu1 = cpu();
  const cpuMs = cpu0 !== undefined && cpu1 !== undefined ? Number((((cpu1 - cpu0) * 1000) / r.total).toFixed(2)) : null;
  return {
    "req/s": Math.round(r.total / r.seconds),
    "p50 ms": r.p50,
    "p99 ms": r.p99,
    // Bytes on the wire per answer, headers included.
    "KB/req": Number((r.bytes / Math.max(1, r.total) / 1024).toFixed(1)),
    "MB/s": Number((r.bytes / r.seconds / 1024 / 1024).toFixed(1)),
    errors: r.errors + wrong.count,
    example: wrong.example,
    "server CPU ms/req": cpuMs,
  };
}

async function main() {
  await buildIfStale();
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-pages-"));
  chmodSync(work, 0o755);
  const dataDir = path.join(work, "pg");
  const port = await getFreePort();
  const pgPort = await getFreePort();
  const base = `http://127.0.0.1:${port}`;
  const results: Record<string, unknown> = {};
  // The load comes from one address: the look-ups of /verify/<code> that each web process
  // counts before its shared cache holds the page are kept well under the per-client limit.
  const env = { DATABASE_URL: "", VERIFY_LOOKUPS_PER_MINUTE: "100000000" };
  try {
    // Start-up, build present: first on an empty data folder (initdb, migrations, seed), then on that data.
    for (const kind of ["empty data folder", "existing data"] as const) {
      const started = performance.now();
      const child = startApp({ port, dataDir, pgPort, env });
      await waitFor(`${base}/`, child, 25);
      const seconds = (performance.now() - started) / 1000;
      results[`npm start to first 200 (${kind})`] = `${seconds.toFixed(2)} s`;
      console.log(`npm start → first 200 on /, ${kind}: ${seconds.toFixed(2)} s`);
      if (kind === "existing data") await load(base, embeddedDatabaseUrl(dataDir, pgPort, "lms"), port, results);
      await stop(child);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\nMachine: ${machine()}; ${connections} connections, ${duration} s per page, load generator on the same machine`,
  );
  writeResults("pages", { machine: machine(), connections, duration, results });
}

async function load(base: string, databaseUrl: string, port: number, results: Record<string, unknown>) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let people: Person[];
  let cohortId: string;
  let code: string;
  try {
    const seeded = await seed(db, participants);
    ({ cohortId, code } = seeded);
    people = [];
    for (const token of seeded.tokens) people.push(await attempts(base, cohortId, token));
  } finally {
    await db.end();
  }
  const home = await (await fetch(`${base}/`)).text();
  const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(home)?.[1];
  if (!css) throw new Error("no stylesheet link on /");
  const script = await largestScript(base, home);
  const quiz = (slug: string) => `/course/${cohortId}/quiz/${slug}`;
  const targets: Target[] = [
    { label: "static file (the floor)", kind: "floor", path: css, marker: "" },
    { label: "larger static file (a script)", kind: "reference", path: script, marker: "" },
    { label: "/", kind: "public", path: "/", marker: "programme-title" },
    { label: "/lectures", kind: "public", path: "/lectures", marker: html(first.meta.title) },
    {
      label: `/lectures/${first.slug}`,
      kind: "public",
      path: `/lectures/${first.slug}`,
      marker: html(first.meta.title),
    },
    { label: "/verify/<code>", kind: "public", path: `/verify/${code}`, marker: "Bench Participant" },
    { label: "/dashboard", kind: "personal", path: "/dashboard", marker: "Bench cohort" },
    { label: "quiz page", kind: "personal", path: quiz(first.slug), marker: html(first.meta.title) },
    {
      label: "attempt page (in progress)",
      kind: "personal",
      path: (p) => `${quiz(second.slug)}/attempt/${p.attemptId}`,
      marker: html(second.meta.title),
    },
    {
      label: "result page (submitted)",
      kind: "personal",
      path: (p) => `${quiz(first.slug)}/attempt/${p.resultId}`,
      marker: html(first.meta.title),
    },
  ];
  const cpu = serverCpuSeconds(port);
  console.log(
    `\n${"page".padEnd(32)} ${"req/s".padStart(6)} ${"p50".padStart(5)} ${"p99".padStart(5)} ${"CPU/req".padStart(8)} ${"KB/req".padStart(7)} ${"MB/s".padStart(5)} ${"share".padStart(6)}  errors   (aim)`,
  );
  let floor = 0;
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
  const chosen = targets.filter((t) => t.kind === "floor" || t.kind === "reference" || !only || only.test(t.label));
  // The server has just started: one warm-up round of every target first, so that the
  // floor, measured first, does not also measure the server's first seconds of compiled code.
  for (const target of chosen) await warm(base, target, people);
  for (const target of chosen) {
    const line = await measure(base, target, people, cpu);
    if (target.kind === "floor") floor = line["req/s"];
    const share = Number((line["req/s"] / Math.max(1, floor)).toFixed(2));
    const aim =
      target.kind === "public" ? "≥ 0.8, p99 < 50 ms" : target.kind === "personal" ? "≥ 0.2, p99 < 250 ms" : "";
    results[target.label] = { ...line, share };
    console.log(
      `${target.label.padEnd(32)} ${String(line["req/s"]).padStart(6)} ${String(line["p50 ms"]).padStart(5)} ${String(line["p99 ms"]).padStart(5)} ${String(line["server CPU ms/req"] ?? "-").padStart(8)} ${String(line["KB/req"]).padStart(7)} ${String(line["MB/s"]).padStart(5)} ${share.toFixed(2).padStart(6)}  ${String(line.errors).padStart(6)}   ${aim}${line.errors ? `  e.g. ${line.example}` : ""}`,
    );
  }
}

await main();
