// `npm start` as a person runs it: a fresh data folder, migrations, seed, the production
// server; a clean stop on SIGTERM and on Ctrl-C; data kept across restarts; DATABASE_URL
// honoured. Each test has its own data folder, and PORT=0 and EMBEDDED_PG_PORT=0 (any
// free port), so that tests and runs side by side cannot collide.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { procStatFields } from "@/scripts/lib/process";
import {
  freshFolder,
  lmsUrl,
  ownLines,
  pidOf,
  pidsOf,
  query,
  SERVER,
  start,
  type Run,
  waitForLine,
  waitForReady,
  WORKER,
} from "./support";

const ANY_PORT = { PORT: "0", EMBEDDED_PG_PORT: "0" };

/** The run's job worker process (WORKER, compiled), or 0 while it has not started. */
const workerPid = (run: Run) => pidsOf(run, WORKER)[0] ?? 0;

/** The distinct nice values of a process's threads (the 19th field of /proc/<pid>/task/<tid>/stat). */
const threadNiceness = (pid: number) => [
  ...new Set(
    readdirSync(`/proc/${pid}/task`).map((tid) => Number(procStatFields(`/proc/${pid}/task/${tid}/stat`)[16])),
  ),
];
// A start on a fresh data folder takes 20-80 s on a busy 2-core machine; a slower one must not fail.
const ONE_START_MS = 300_000;

describe("npm start on the embedded PostgreSQL", { timeout: ONE_START_MS }, () => {
  it("starts on an empty data folder, serves the seeded programme, runs its job worker at the lowest CPU priority (again after it is killed), and stops cleanly on SIGTERM", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
    const { port, pgPort } = await waitForReady(run);
    expect(run.output()).toContain(`PostgreSQL 17 (embedded) on port ${pgPort}, data in ${dataDir}\n`);

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("4th Training Program, December 2021");
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    // The participant's JSON API (lib/participant-api/router.ts) answers its own paths, in JSON, signed out.
    const submit = await fetch(`http://127.0.0.1:${port}/api/attempts/a1/submit`, {
      method: "POST",
      headers: { origin: `http://localhost:${port}`, "content-type": "application/json" },
      body: "{}",
    });
    expect([submit.status, await submit.json()]).toEqual([401, { error: "sign-in-required" }]);
    expect(await query(lmsUrl(dataDir, pgPort!), "SELECT email FROM users")).toEqual([{ email: "admin@example.org" }]);

    // The one-time admin sign-in link it prints signs in once.
    const link = /(http:\/\/localhost:\d+\/api\/auth\/callback\/nodemailer\S+)/.exec(run.output())?.[1];
    expect(link, run.output()).toMatch(new RegExp(`^http://localhost:${port}/`));
    const signedIn = await fetch(link!, { redirect: "manual" });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe("/account");
    expect(signedIn.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(true);
    expect((await fetch(link!, { redirect: "manual" })).headers.get("location")).toMatch(/error=Verification/);

    // The job worker runs beside the server at the lowest CPU priority, every thread of it.
    await expect.poll(() => workerPid(run), { timeout: 60_000 }).toBeGreaterThan(0);
    const worker = workerPid(run);
    expect(threadNiceness(worker)).toEqual([19]);
    expect(threadNiceness(pidOf(run, SERVER))).toEqual([0]);
    // Killed, it is started again, at the same priority.
    process.kill(worker, "SIGKILL");
    await waitForLine(run, /The job worker stopped \(SIGKILL\); starting it again in 1 s\./);
    await expect.poll(() => workerPid(run), { timeout: 60_000 }).not.toBe(worker);
    await expect.poll(() => workerPid(run), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(threadNiceness(workerPid(run))).toEqual([19]);

    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("Stopping the app and PostgreSQL...\n");
    expect(run.leftovers()).toEqual([]);
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it(
    "keeps its data across restarts, seeds nothing twice, and stops on Ctrl-C",
    async () => {
      const dataDir = path.join(freshFolder(), "pg");
      const first = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
      const { pgPort: firstPg } = await waitForReady(first);
      await query(
        lmsUrl(dataDir, firstPg!),
        "INSERT INTO users (id, email, updated_at) VALUES ('kept', 'kept@example.org', now())",
      );
      process.kill(first.child.pid!, "SIGTERM");
      expect(await first.exited).toBe(0);

      const second = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
      const { pgPort } = await waitForReady(second);
      expect(second.output()).toContain("No pending migrations");
      expect(await query(lmsUrl(dataDir, pgPort!), "SELECT email FROM users ORDER BY email")).toEqual([
        { email: "admin@example.org" },
        { email: "kept@example.org" },
      ]);
      expect(await query(lmsUrl(dataDir, pgPort!), "SELECT count(*)::int AS n FROM cohorts")).toEqual([{ n: 1 }]);

      process.kill(-second.child.pid!, "SIGINT"); // what Ctrl-C sends: the whole foreground group
      expect(await second.exited).toBe(0);
      expect(second.leftovers()).toEqual([]);
      expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
    },
    2 * ONE_START_MS,
  );
});

describe("npm start with DATABASE_URL", { timeout: ONE_START_MS }, () => {
  it("uses that server, starts no PostgreSQL of its own, and migrates and seeds it", async () => {
    const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
    if (!adminUrl) throw new Error("TEST_DATABASE_ADMIN_URL is not set: run with `npm test -- system`");
    const name = `lms_start_${randomBytes(4).toString("hex")}`;
    await query(adminUrl, `CREATE DATABASE ${name}`);
    const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const unused = path.join(freshFolder(), "unused-data");
    try {
      const run = start({ ...ANY_PORT, DATABASE_URL: url, EMBEDDED_PG_DATA_DIR: unused });
      await waitForReady(run);
      expect(run.output()).toContain("Using the PostgreSQL server in DATABASE_URL");
      expect(existsSync(unused)).toBe(false);
      expect(await query(url, "SELECT name FROM cohorts")).toEqual([{ name: "4th Training Program, December 2021" }]);
      process.kill(run.child.pid!, "SIGTERM");
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain("Stopping the app...\n");
      expect(run.leftovers()).toEqual([]);
    } finally {
      await query(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

describe("npm start with several web processes", { timeout: ONE_START_MS }, () => {
  /** The run's server processes: the first, and those whose parent it is. */
  const serverProcesses = (run: Run) => {
    const pids = pidsOf(run, SERVER);
    const parentOf = (pid: number) => Number(procStatFields(`/proc/${pid}/stat`)[1]);
    const first = pids.filter((pid) => !pids.includes(parentOf(pid)));
    return { first, web: pids.filter((pid) => first.includes(parentOf(pid))) };
  };

  it("serves from WEB_PROCESSES processes on one port, replaces one that dies, and stops them all on SIGTERM", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir, WEB_PROCESSES: "3" });
    const { port } = await waitForReady(run);
    expect(run.output()).toContain(`Production server (Next.js, 3 processes) listening on http://localhost:${port}\n`);
    const { first, web } = serverProcesses(run);
    expect([first.length, web.length]).toEqual([1, 3]);
    // Each connection goes to the next process: all of them serve.
    for (let i = 0; i < 6; i++) {
      const home = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: "close" } });
      expect([home.status, (await home.text()).includes("4th Training Program, December 2021")]).toEqual([200, true]);
    }

    process.kill(web[0]!, "SIGKILL");
    await waitForLine(run, /A web process stopped \(SIGKILL\); starting another in 1 s\./);
    await expect
      .poll(() => serverProcesses(run).web.filter((pid) => !web.includes(pid)).length, { timeout: 120_000 })
      .toBe(1);
    for (let i = 0; i < 6; i++)
      expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: "close" } })).status).toBe(200);

    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.leftovers()).toEqual([]);
  });

  it("refuses a WORKER_NICE that is not a niceness, in one line, before PostgreSQL starts", async () => {
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: path.join(freshFolder(), "pg"), WORKER_NICE: "-5" });
    expect(await run.exited).toBe(1);
    expect(ownLines(run.output())).toEqual(['WORKER_NICE must be a whole number from 0 to 19: it is "-5"']);
    expect(run.leftovers()).toEqual([]);
  });

  it("refuses a WEB_PROCESSES that is not a count, in one line, before PostgreSQL starts", async () => {
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: path.join(freshFolder(), "pg"), WEB_PROCESSES: "many" });
    expect(await run.exited).toBe(1);
    expect(ownLines(run.output())).toEqual([
      'WEB_PROCESSES must be a whole number from 1 to 64, or auto: it is "many"',
    ]);
    expect(run.leftovers()).toEqual([]);
  });
});
