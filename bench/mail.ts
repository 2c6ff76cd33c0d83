// `npm run bench:mail`: one live session's reminder to a cohort of 10,000 active participants,
// queued and delivered by the job queue's worker inside `npm start` (a fresh embedded
// PostgreSQL) to an SMTP server on this machine, and the quiz API's p99 while the mail goes
// out against its p99 alone, and in each phase what PostgreSQL did (WAL written, commits,
// checkpoints, vacuums). Prints what it measured; asserts nothing.
//
// The reminder is triggered the way it comes due in production: the `session-reminder` job
// (lib/db/jobs.ts addJob, the key lib/db/session-reminders.ts gives it) is added to the
// queue, and the worker records one e-mail per participant in the outbox (outbound_emails),
// with the jobs that deliver them through nodemailer to SMTP_URL. The SMTP server (smtp-server)
// runs in a child process of this bench, so that receiving 10,000 messages does not share
// a thread with the load generator; it reports the moments the first, each thousandth and
// the last message arrive.
// The quiz load is the request of `bench:quiz`'s save step (PUT /api/attempts/<id>/answers),
// the one a participant repeats, sent at a steady rate (pacedLoad says why not autocannon's
// rate), so that alone and during the send the server gets the same requests at the same
// times; or, with BENCH_RATE=0, autocannon as fast as the server answers.
//   BENCH_MAIL_COUNT (participants, so e-mails; default 10000)
//   BENCH_RATE (quiz saves per second; default 200; 0: as fast as the server answers)
//   BENCH_CONNECTIONS (sockets at most; default 20)  BENCH_DURATION (seconds of quiz load alone; default 20)
//   BENCH_MAIL_TIMEOUT (seconds to wait for the last e-mail; default 600)
//   BENCH_SMTP_QUERY (added to SMTP_URL, e.g. "pool=false" to send each mail on a connection of its own)
//   BENCH_SMTP_NICE (the SMTP server's niceness, 0-19; unset: the bench's own, as a relay on this
//     machine would run; 19 puts it behind the app, as a relay on another machine would be)
//   JOB_CONCURRENCY is passed on to the app's worker (its default: 2).
import autocannon from "autocannon";
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { loadLectures } from "../lib/content/load.ts";
import { createPrismaClient } from "../lib/db/client.ts";
import { addJob } from "../lib/db/jobs.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { nicenessFrom } from "../scripts/lib/worker-process.ts";
import { answerFor, seedLiveCohort } from "./lib/seed.ts";
import {
  benchDatabaseClient,
  benchDatabaseUrl,
  buildIfStale,
  machine,
  serverCpuSeconds,
  startApp,
  stop,
  waitFor,
  writeResults,
} from "./lib/app.ts";

const COUNT = Number(process.env.BENCH_MAIL_COUNT ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const TIMEOUT = Number(process.env.BENCH_MAIL_TIMEOUT ?? 600);
const SMTP_QUERY = process.env.BENCH_SMTP_QUERY ?? "";
const SMTP_NICE = nicenessFrom("BENCH_SMTP_NICE", process.env.BENCH_SMTP_NICE, 0);
const QUIZ_PEOPLE = 200;
const LECTURE = loadLectures(path.join(ROOT, "content"))[0]!;
const QUESTIONS = LECTURE.quiz.questions;
const COOKIE = "authjs.session-token";
const RECEIVER_FLAG = "--smtp-receiver";

/** What the receiver reports: messages and distinct recipients so far, SMTP connections opened, and when (epoch ms). */
type Received = { received: number; distinct: number; connections: number; at: number; why: "asked" | "progress" };

/**
 * The SMTP server, in the child process: accepts every message, counts them, and tells the
 * parent at each count it asked to watch, and when asked.
 */
function runReceiver() {
  let received = 0;
  let connections = 0;
  const recipients = new Set<string>();
  const watched = new Set<number>();
  const report = (why: Received["why"]) =>
    process.send!({ received, distinct: recipients.size, connections, at: Date.now(), why } satisfies Received);
  process.on("message", (m: { watch?: number; report?: true }) => {
    if (m.watch !== undefined) watched.add(m.watch);
    if (m.report) report("asked");
    else if (m.watch !== undefined && m.watch <= received) report("progress");
  });
  const server = new SMTPServer({
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received += 1;
        for (const r of session.envelope.rcptTo) recipients.add(r.address);
        if (watched.has(received)) report("progress");
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1", () => process.send!({ listening: (server.server.address() as AddressInfo).port }));
  process.on("disconnect", () => server.close(() => process.exit(0)));
}

/** Starts the receiver; resolves with its port, a way to wait for a count and one to read the counts. */
async function startReceiver() {
  // BENCH_SMTP_NICE: the receiver under `nice -n <value>`, every thread of it (see scripts/lib/worker-process.ts).
  const child = fork(fileURLToPath(import.meta.url), [RECEIVER_FLAG], {
    ...(SMTP_NICE > 0 ? { execPath: "nice" } : {}),
    execArgv: SMTP_NICE > 0 ? ["-n", String(SMTP_NICE), process.execPath, "--import", "tsx"] : ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let latest: Received | undefined;
  const waiters: { count: number; resolve: (r: Received) => void }[] = [];
  const asked: ((r: Received) => void)[] = [];
  const receiver = {
    child,
    /** Resolves with the report of the `count`-th message. */
    watch(count: number): Promise<Received> {
      if (latest && latest.received >= count) return Promise.resolve(latest);
      return new Promise((resolve) => {
        waiters.push({ count, resolve });
        child.send({ watch: count });
      });
    },
    /** The receiver's counts now. */
    now(): Promise<Received> {
      return new Promise((resolve) => {
        asked.push(resolve);
        child.send({ report: true });
      });
    },
  };
  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (m: Received | { listening: number }) => {
      if ("listening" in m) return resolve(m.listening);
      latest = m;
      for (const w of waiters.filter((w) => m.received >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
      if (m.why === "asked") asked.shift()?.(m);
    });
    child.once("exit", (code) => reject(new Error(`the SMTP receiver exited (${code})`)));
  });
  return Object.assign(receiver, { port });
}

/** `promise`'s value, or undefined once `ms` have passed. */
const within = <T>(promise: Promise<T>, ms: number) =>
  new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });

type QuizPerson = { token: string; attemptId: string };

/** Starts lecture 1's quiz for each participant through the API, as the quiz page does. */
async function startAttempts(base: string, cohortId: string, slug: string, tokens: string[]): Promise<QuizPerson[]> {
  const people: QuizPerson[] = [];
  for (const token of tokens) {
    const res = await fetch(`${base}/api/cohorts/${cohortId}/quizzes/${slug}/attempts`, {
      method: "POST",
      headers: { cookie: `${COOKIE}=${token}`, origin: `http://localhost:${new URL(base).port}` },
    });
    if (!res.ok) throw new Error(`starting a quiz answered ${res.status}: ${await res.text()}`);
    people.push({ token, attemptId: ((await res.json()) as { attemptId: string }).attemptId });
  }
  return people;
}

/** What a load run measured: each answer's latency (ms) and when it was due (epoch ms), and failures. */
type LoadRun = { latencies: number[]; dueAt: number[]; non2xx: number; errors: number; seconds: number };

/** The `i`-th save: the participants and their questions in turn. */
function saveRequest(base: string, people: QuizPerson[], i: number) {
  const p = people[i % people.length]!;
  const q = QUESTIONS[Math.floor(i / people.length) % QUESTIONS.length]!;
  return {
    path: `/api/attempts/${p.attemptId}/answers`,
    body: JSON.stringify({ questionId: q.id, response: answerFor(q, i) }),
    headers: {
      cookie: `${COOKIE}=${p.token}`,
      "content-type": "application/json",
      origin: `http://localhost:${new URL(base).port}`,
    },
  };
}

/**
 * The quiz's save at a steady RATE per second, over at most CONNECTIONS keep-alive sockets,
 * for `seconds` or until stopped. Each latency runs from the moment the request was due, so
 * a request that had to wait for a socket, or that the server held up, counts its whole
 * wait, as a participant would see it (an open loop; autocannon's fixed rate sends each
 * connection's share of a second back to back as the second begins, and corrects for
 * coordinated omission as if requests were 1 ms apart).
 */
function pacedLoad(base: string, people: QuizPerson[], seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const run: LoadRun = { latencies: [], dueAt: [], non2xx: 0, errors: 0, seconds: 0 };
  const interval = 1000 / RATE;
  const total = Math.floor(RATE * seconds);
  const start = performance.now();
  const epoch = Date.now() - start;
  let sent = 0;
  let open = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let finish: () => void = () => {};
  const done = new Promise<LoadRun>((resolve) => {
    finish = () => {
      if (!(stopped || sent >= total) || open > 0) return;
      clearTimeout(timer);
      run.seconds = (performance.now() - start) / 1000;
      agent.destroy();
      resolve(run);
    };
  });
  const send = (i: number, due: number) => {
    const r = saveRequest(base, people, i);
    open += 1;
    let settled = false;
    const settle = (ok: boolean, status?: number) => {
      if (settled) return;
      settled = true;
      open -= 1;
      if (!ok) run.errors += 1;
      else if (status! >= 300) run.non2xx += 1;
      else {
        run.latencies.push(performance.now() - due);
        run.dueAt.push(epoch + due);
      }
      finish();
    };
    const req = http.request(
      `${base}${r.path}`,
      { method: "PUT", agent, headers: r.headers, timeout: 60_000 },
      (res) => {
        res.resume();
        res.on("end", () => settle(true, res.statusCode));
        res.on("error", () => settle(false));
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 60 s")));
    req.on("error", () => settle(false));
    req.end(r.body);
  };
  const pump = () => {
    const now = performance.now();
    while (!stopped && sent < total && start + sent * interval <= now) {
      send(sent, start + sent * interval);
      sent += 1;
    }
    if (stopped || sent >= total) return finish();
    timer = setTimeout(pump, Math.max(0, start + sent * interval - performance.now()));
  };
  pump();
  return {
    done,
    stop: () => {
      stopped = true;
      finish();
    },
  };
}

/**
 * With BENCH_RATE=0: autocannon on the quiz's save over CONNECTIONS connections, each
 * sending its next request as soon as the last is answered (as bench:quiz does), for
 * `seconds` or until stopped.
 */
function closedLoad(base: string, people: QuizPerson[], seconds: number) {
  const run: LoadRun = { latencies: [], dueAt: [], non2xx: 0, errors: 0, seconds: 0 };
  const epoch = Date.now() - performance.now();
  let turn = 0;
  const options: autocannon.Options = {
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 60,
    requests: [
      {
        setupRequest: (req, context) => {
          (context as { sentAt?: number }).sentAt = performance.now();
          const r = saveRequest(base, people, turn++);
          return { ...req, method: "PUT", path: r.path, body: r.body, headers: { ...req.headers, ...r.headers } };
        },
        onResponse: (status, _body, context) => {
          if (status >= 300) run.non2xx += 1;
          else {
            const { sentAt } = context as { sentAt: number };
            run.latencies.push(performance.now() - sentAt);
            run.dueAt.push(epoch + sentAt);
          }
        },
      },
    ],
  };
  // With a callback autocannon returns the instance, which can be stopped.
  let instance: autocannon.Instance | undefined;
  const done = new Promise<LoadRun>((resolve, reject) => {
    instance = autocannon(options, (err, result) => {
      if (err) return reject(err);
      run.errors = result.errors;
      run.seconds = result.duration;
      resolve(run);
    });
  });
  return { done, stop: () => instance?.stop() };
}

const quizLoad = (base: string, people: QuizPerson[], seconds: number) =>
  RATE > 0 ? pacedLoad(base, people, seconds) : closedLoad(base, people, seconds);

type LoadLine = {
  label: string;
  requests: number;
  "req/s": number;
  "p50 ms": number;
  "p90 ms": number;
  "p99 ms": number;
  "max ms": number;
  "non-2xx/errors": number;
  seconds: number;
  "server CPU % of a core": number | undefined;
};

/** The part of `r` due from `from` to `to` (epoch ms): its answers only, failures not told apart. */
function slice(r: LoadRun, from: number, to: number): LoadRun {
  const keep = r.dueAt.map((at) => at >= from && at < to);
  return {
    latencies: r.latencies.filter((_, i) => keep[i]),
    dueAt: r.dueAt.filter((_, i) => keep[i]),
    non2xx: 0,
    errors: 0,
    seconds: (to - from) / 1000,
  };
}

function loadLine(label: string, r: LoadRun, cpuSeconds: number | undefined): LoadLine {
  const sorted = [...r.latencies].sort((x, y) => x - y);
  const at = (q: number) => Math.round(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN);
  const requests = sorted.length + r.non2xx + r.errors;
  return {
    label,
    requests,
    "req/s": Math.round(requests / r.seconds),
    "p50 ms": at(0.5),
    "p90 ms": at(0.9),
    "p99 ms": at(0.99),
    "max ms": at(1),
    "non-2xx/errors": r.non2xx + r.errors,
    seconds: Number(r.seconds.toFixed(1)),
    "server CPU % of a core": cpuSeconds === undefined ? undefined : Math.round((cpuSeconds / r.seconds) * 100),
  };
}

/** Runs `fn` and returns its result with the server's CPU seconds meanwhile. */
async function withCpu<T>(cpu: () => number | undefined, fn: () => Promise<T>): Promise<[T, number | undefined]> {
  const before = cpu();
  const result = await fn();
  const after = cpu();
  return [result, before === undefined || after === undefined ? undefined : after - before];
}

/**
 * A cohort of `count` active participants whose live session of `slug` starts in 50 minutes,
 * so that its 1-hour reminder is due and still useful (lib/domain/reminders.ts).
 */
async function seedReminderCohort(db: pg.Client, name: string, count: number, slug: string) {
  const { cohortId } = await seedLiveCohort(db, { name, count, lectureSlugs: [slug] });
  const { rows } = await db.query<{ id: string; starts_at: Date }>(
    `UPDATE live_sessions SET starts_at = now() + interval '50 minutes', ends_at = now() + interval '140 minutes'
     WHERE cohort_id = $1 RETURNING id, starts_at`,
    [cohortId],
  );
  return { cohortId, sessionId: rows[0]!.id, startsAt: rows[0]!.starts_at };
}

/** An error's first line that says something (Prisma's begin with "Invalid `…` invocation:"). */
const firstLine = (error: string | null) =>
  error
    ?.split("\n")
    .map((l) => l.trim())
    .find((l) => l && !l.endsWith("invocation:")) ?? null;

/** What the outbox holds of the session's reminders, times relative to `t0` (epoch ms). */
async function outboxOf(db: pg.Client, sessionId: string, t0: number) {
  const { rows } = await db.query<Record<string, string | null>>(
    `SELECT count(*)::int AS rows, count(sent_at)::int AS sent, count(failed_at)::int AS failed,
            sum(attempts)::int AS attempts, max(attempts)::int AS max_attempts,
            (extract(epoch FROM max(created_at)) * 1000)::float8 AS queued_at,
            (extract(epoch FROM max(sent_at)) * 1000)::float8 AS last_sent_at
       FROM outbound_emails WHERE key LIKE $1`,
    [`reminder:${sessionId}:%`],
  );
  const r = rows[0]!;
  const since = (v: string | null | undefined) => (v == null ? null : Number(((Number(v) - t0) / 1000).toFixed(2)));
  const left = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs`);
  // The reminder job itself, while it is still in the queue (it leaves it when it succeeds).
  const job = await db.query<{ attempts: number; last_error: string | null }>(
    `SELECT attempts, last_error FROM graphile_worker.jobs WHERE key = $1`,
    [`reminder:${sessionId}:1h`],
  );
  return {
    rows: Number(r.rows),
    sent: Number(r.sent),
    failed: Number(r.failed),
    attempts: Number(r.attempts ?? 0),
    maxAttempts: Number(r.max_attempts ?? 0),
    queuedS: since(r.queued_at),
    lastSentS: since(r.last_sent_at),
    jobsLeft: left.rows[0]!.n,
    reminderJob: job.rows[0] ? { attempts: job.rows[0].attempts, lastError: firstLine(job.rows[0].last_error) } : null,
  };
}

/**
 * What PostgreSQL has done so far that a quiz save's commit may wait behind: WAL written,
 * checkpoints, vacuums; and the connections opened to the app's database, each a new
 * PostgreSQL process whose first statements are slow.
 */
type DatabaseActivity = {
  walBytes: number;
  commits: number;
  connections: number;
  checkpoints: number;
  autovacuums: number;
  updates: number;
  hotUpdates: number;
};
async function databaseActivity(db: pg.Client): Promise<DatabaseActivity> {
  const { rows } = await db.query<Record<keyof DatabaseActivity, string>>(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS "walBytes",
            app.xact_commit::float8 AS commits, app.sessions::float8 AS connections,
            (SELECT num_timed + num_requested FROM pg_stat_checkpointer)::int AS checkpoints,
            (SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0) FROM pg_stat_user_tables)::int AS autovacuums,
            outbox.n_tup_upd::float8 AS updates, outbox.n_tup_hot_upd::float8 AS "hotUpdates"
       FROM pg_stat_user_tables outbox, pg_stat_database app
      WHERE outbox.relname = 'outbound_emails' AND app.datname = current_database()`,
  );
  const r = rows[0]!;
  return {
    walBytes: Number(r.walBytes),
    commits: Number(r.commits),
    connections: Number(r.connections),
    checkpoints: Number(r.checkpoints),
    autovacuums: Number(r.autovacuums),
    updates: Number(r.updates),
    hotUpdates: Number(r.hotUpdates),
  };
}

/** The change in PostgreSQL's activity over a phase, in words. */
function activityLine(label: string, from: DatabaseActivity, to: DatabaseActivity) {
  const d = (k: keyof DatabaseActivity) => to[k] - from[k];
  return `  ${label.padEnd(28)} WAL ${(d("walBytes") / 1024 / 1024).toFixed(1).padStart(6)} MB, commits ${d("commits")}, connections opened ${d("connections")}, checkpoints ${d("checkpoints")}, autovacuums and autoanalyzes ${d("autovacuums")}, outbox rows updated ${d("updates")} (${d("hotUpdates")} in place)`;
}

/** Adds the session's 1-hour reminder job, as lib/db/session-reminders.ts plans it, due now. */
async function triggerReminder(db: ReturnType<typeof createPrismaClient>, s: { sessionId: string; startsAt: Date }) {
  await addJob(
    db,
    "session-reminder",
    { sessionId: s.sessionId, kind: "1h", startsAt: s.startsAt.toISOString() },
    { key: `reminder:${s.sessionId}:1h` },
  );
}

function printTable(rows: LoadLine[]) {
  const cols = ["req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "non-2xx/errors", "server CPU % of a core"] as const;
  const width = Math.max(...rows.map((r) => r.label.length));
  console.log(`  ${"quiz save (PUT …/answers)".padEnd(width)}  ${cols.map((c) => c.padStart(8)).join("  ")}`);
  for (const r of rows)
    console.log(`  ${r.label.padEnd(width)}  ${cols.map((c) => String(r[c] ?? "–").padStart(8)).join("  ")}`);
}

async function main() {
  await buildIfStale();
  const receiver = await startReceiver();
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-mail-"));
  chmodSync(work, 0o755);
  const port = await getFreePort();
  const cpu = serverCpuSeconds(port);
  const pgPort = await getFreePort();
  const dataDir = path.join(work, "pg");
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  const smtpUrl = `smtp://127.0.0.1:${receiver.port}${SMTP_QUERY ? `?${SMTP_QUERY}` : ""}`;
  const child: ChildProcess = startApp({
    port,
    dataDir,
    pgPort,
    env: { DATABASE_URL: "", SMTP_URL: smtpUrl },
    log: path.join(ROOT, "bench/results/mail-server.log"),
  });
  const databaseUrl = () => benchDatabaseUrl(dataDir, pgPort);
  const db = benchDatabaseClient(dataDir, pgPort);
  let prisma: ReturnType<typeof createPrismaClient> | undefined;
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/health`, child);
    await db.connect();
    prisma = createPrismaClient(databaseUrl(), { max: 2 });
    const slug = LECTURE.slug;
    const seeded = performance.now();
    const target = await seedReminderCohort(db, "Bench reminder cohort", COUNT, slug);
    const warm = await seedReminderCohort(db, "Bench warm-up cohort", 20, slug);
    const quiz = await seedLiveCohort(db, { name: "Bench quiz cohort", count: QUIZ_PEOPLE, lectureSlugs: [slug] });
    const people = await startAttempts(base, quiz.cohortId, slug, quiz.tokens);
    console.log(
      `Reminder mail: ${COUNT.toLocaleString("en")} active participants, a session starting in 50 minutes (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s); worker concurrency ${process.env.JOB_CONCURRENCY ?? "2 (default)"}, niceness ${process.env.WORKER_NICE ?? "19 (default)"}; SMTP_URL ${smtpUrl} (smtp-server${SMTP_NICE > 0 ? `, niceness ${SMTP_NICE}` : ""})`,
    );
    console.log(
      `Quiz load: saves of ${QUIZ_PEOPLE} attempts in progress, ${RATE > 0 ? `${RATE} req/s` : "as fast as answered"} over ${CONNECTIONS} connections; production server on embedded PostgreSQL 17`,
    );

    // Warm-up, not counted: the quiz API, and one small reminder through the whole path
    // (the tasks' code, the worker's connections, the SMTP transport).
    await quizLoad(base, people, 5).done;
    const warmed = receiver.watch((await receiver.now()).received + 20);
    await triggerReminder(prisma, warm);
    if (!(await within(warmed, 60_000))) throw new Error("the warm-up reminder did not arrive within 60 s");
    console.log("  warm-up done (5 s of quiz saves, a reminder to 20 participants)");

    const activity0 = await databaseActivity(db);
    const [aloneResult, aloneCpu] = await withCpu(cpu, () => quizLoad(base, people, DURATION).done);
    const activity1 = await databaseActivity(db);
    const alone = loadLine("alone, before", aloneResult, aloneCpu);
    console.log(`  alone: p99 ${alone["p99 ms"]} ms over ${alone.requests} requests`);

    // The send: quiz load from the trigger until the last message arrives.
    // The receiver is told which counts to report before the trigger, so that none is missed.
    const start = (await receiver.now()).received;
    const first = receiver.watch(start + 1);
    const lastWatch = receiver.watch(start + COUNT);
    let t0 = 0;
    for (let n = 1000; n < COUNT; n += 1000)
      void receiver
        .watch(start + n)
        .then((m) =>
          console.log(
            `  ${n.toLocaleString("en").padStart(6)} received ${((m.at - t0) / 1000).toFixed(1)} s after the trigger`,
          ),
        );
    await receiver.now(); // the watches have reached the receiver
    const cpu0 = cpu();
    const load = quizLoad(base, people, TIMEOUT);
    t0 = Date.now();
    await triggerReminder(prisma, target);
    const last = await within(lastWatch, TIMEOUT * 1000);
    load.stop();
    const duringResult = await load.done;
    const cpu1 = cpu();
    const activity2 = await databaseActivity(db);
    const during = loadLine(
      "while the reminders go out",
      duringResult,
      cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0,
    );
    const counts = await receiver.now();
    const firstS = (((await within(first, 0)) ?? { at: NaN }).at - t0) / 1000;

    const [afterResult, afterCpu] = await withCpu(cpu, () => quizLoad(base, people, DURATION).done);
    const after = loadLine("alone, after", afterResult, afterCpu);
    const activity3 = await databaseActivity(db);
    const outbox = await outboxOf(db, target.sessionId, t0);

    const lastS = last ? (last.at - t0) / 1000 : undefined;
    const received = counts.received - start;
    console.log("");
    console.log(`Mail (${new Date(t0).toISOString()}):`);
    console.log(
      `  ${COUNT.toLocaleString("en")} reminders, trigger to the last one received: ${lastS === undefined ? `not reached within ${TIMEOUT} s (${received.toLocaleString("en")} received)` : `${lastS.toFixed(1)} s`} (aim: under 60 s)`,
    );
    console.log(`  the first received ${firstS.toFixed(1)} s after the trigger`);
    console.log(
      `  ${outbox.rows.toLocaleString("en")} recorded in the outbox, the last ${outbox.queuedS ?? "–"} s after the trigger; the last marked sent at ${outbox.lastSentS ?? "–"} s; ${outbox.sent.toLocaleString("en")} sent, ${outbox.failed} failed, ${outbox.attempts.toLocaleString("en")} delivery attempts (at most ${outbox.maxAttempts} for one); jobs left in the queue: ${outbox.jobsLeft}`,
    );
    if (outbox.reminderJob)
      console.log(
        `  the reminder job is still queued after ${outbox.reminderJob.attempts} attempts; its last error: ${outbox.reminderJob.lastError ?? "none"} (the server's output: bench/results/mail-server.log)`,
      );
    if (lastS !== undefined)
      console.log(
        `  ${Math.round(COUNT / lastS)} e-mails/s overall; SMTP messages received in all ${counts.received.toLocaleString("en")} (${counts.distinct.toLocaleString("en")} distinct recipients), over ${counts.connections.toLocaleString("en")} SMTP connections (the warm-up's included)`,
      );
    console.log("");
    // The send in its two parts: the reminder job queueing the mails (until the first
    // arrives), then their delivery.
    const firstAt = t0 + firstS * 1000;
    const parts = Number.isNaN(firstS)
      ? []
      : [
          loadLine("  trigger to the first received", slice(duringResult, t0, firstAt), undefined),
          loadLine(
            "  first to last received",
            slice(duringResult, firstAt, last?.at ?? t0 + duringResult.seconds * 1000),
            undefined,
          ),
        ];
    printTable([alone, during, ...parts, after]);
    console.log(
      "\nPostgreSQL meanwhile (the quiz's commits wait for their WAL to be flushed, after what was written before them):",
    );
    console.log(activityLine("alone, before", activity0, activity1));
    console.log(activityLine("while the reminders go out", activity1, activity2));
    console.log(activityLine("alone, after", activity2, activity3));
    const ratio = during["p99 ms"] / Math.max(1, alone["p99 ms"]);
    console.log(
      `\nQuiz p99 while sending / alone before: ${ratio.toFixed(2)}x (${during["p99 ms"]} ms against ${alone["p99 ms"]} ms; aim: no more than 1.5x)`,
    );
    console.log(`Machine: ${machine()}; load generator and SMTP server on the same machine.`);
    writeResults("mail", {
      count: COUNT,
      rate: RATE,
      connections: CONNECTIONS,
      jobConcurrency: process.env.JOB_CONCURRENCY ?? null,
      smtpUrl,
      firstReceivedSeconds: firstS,
      lastReceivedSeconds: lastS ?? null,
      received,
      smtpConnections: counts.connections,
      distinctRecipients: counts.distinct,
      outbox,
      quiz: { alone, during, parts, after, p99Ratio: ratio },
      database: { before: activity0, aloneEnd: activity1, sendEnd: activity2, afterEnd: activity3 },
      machine: machine(),
    });
  } finally {
    await prisma?.$disconnect().catch(() => {});
    await db.end().catch(() => {});
    await stop(child);
    receiver.child.disconnect();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv.includes(RECEIVER_FLAG)) runReceiver();
else await main();
