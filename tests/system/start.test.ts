// `npm start` as a person runs it (through npm itself): a fresh data folder, migrations, seed,
// the production server; a clean stop on SIGTERM and on Ctrl-C; data kept
// across restarts; one clear line when a port is taken; DATABASE_URL honoured.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getFreePort as freePort } from "@/scripts/lib/ports";

const ROOT = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "lms-start-"));
chmodSync(work, 0o755); // PostgreSQL runs as its own user when we are root
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What the start script printed, without npm's "> npm start" banner. */
const ownLines = (output: string) => output.split("\n").filter((l) => l.trim() && !l.startsWith(">"));

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function start(env: Record<string, string>): Run {
  let output = "";
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", ...env },
    detached: true, // its own process group, as a terminal gives it
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForReady(run: Run, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes("Ready: http://localhost:")) {
    if (run.child.exitCode !== null) throw new Error(`start exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`not ready in time:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Processes whose command line mentions the text (e.g. a data folder). */
function processesMentioning(text: string): string[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .flatMap((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8").replaceAll("\0", " ");
        return cmd.includes(text) ? [`${p}: ${cmd}`] : [];
      } catch {
        return [];
      }
    });
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

describe("npm start on the embedded PostgreSQL", () => {
  const dataDir = path.join(work, "pg");

  it("starts on an empty data folder, serves the seeded programme, and stops cleanly on SIGTERM", async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const run = start({ PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_PG_DATA_DIR: dataDir });
    await waitForReady(run);

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("4th Training Program, December 2021");
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    // The JSON API is served past Next's router (lib/http/direct-api.ts), all three routes.
    expect(run.output()).toContain(
      "Past Next's router: /api/attempts/[id]/answers, /api/attempts/[id]/submit, /api/cohorts/[id]/quizzes/[slug]/attempts\n",
    );
    const url = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/lms`;
    await query(url, "INSERT INTO users (id, email, updated_at) VALUES ('kept', 'kept@example.org', now())");

    // The one-time admin sign-in link it prints signs in once.
    const link = /(http:\/\/localhost:\d+\/api\/auth\/callback\/nodemailer\S+)/.exec(run.output())?.[1];
    expect(link, run.output()).toBeDefined();
    const signedIn = await fetch(link!, { redirect: "manual" });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe("/account");
    expect(signedIn.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(true);
    expect((await fetch(link!, { redirect: "manual" })).headers.get("location")).toMatch(/error=Verification/);

    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it("keeps its data across restarts, seeds nothing twice, and stops on Ctrl-C", async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const run = start({ PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_PG_DATA_DIR: dataDir });
    await waitForReady(run);
    expect(run.output()).toContain("No pending migrations");
    const url = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/lms`;
    expect(await query(url, "SELECT email FROM users ORDER BY email")).toEqual([
      { email: "admin@example.org" },
      { email: "kept@example.org" },
    ]);
    expect(await query(url, "SELECT count(*)::int AS n FROM cohorts")).toEqual([{ n: 1 }]);

    process.kill(-run.child.pid!, "SIGINT"); // what Ctrl-C sends: the whole foreground group
    expect(await run.exited).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
  });

  it("says in one line that the app's port is taken, and exits non-zero without starting PostgreSQL", async () => {
    const blocker = net.createServer().listen(0);
    await new Promise((r) => blocker.once("listening", r));
    const port = (blocker.address() as net.AddressInfo).port;
    const otherData = path.join(work, "never-created");
    const run = start({
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      EMBEDDED_PG_DATA_DIR: otherData,
    });
    const code = await run.exited;
    blocker.close();
    expect(code).not.toBe(0);
    expect(ownLines(run.output())).toEqual([
      `Port ${port} (the app) is already in use: stop what uses it or set PORT to another port`,
    ]);
    expect(existsSync(otherData)).toBe(false);
  });

  it("says in one line when PostgreSQL cannot start", async () => {
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const pgPort = (blocker.address() as net.AddressInfo).port;
    const run = start({
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_PG_DATA_DIR: dataDir,
    });
    const code = await run.exited;
    blocker.close();
    expect(code).not.toBe(0);
    const lines = ownLines(run.output());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Port ${pgPort} (the embedded PostgreSQL) is already in use`);
  });
});

describe("npm start with DATABASE_URL", () => {
  it("uses that server, starts no PostgreSQL of its own, and migrates and seeds it", async () => {
    const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
    if (!adminUrl) throw new Error("TEST_DATABASE_ADMIN_URL is not set: run with `npm test -- system`");
    const name = `lms_start_${randomBytes(4).toString("hex")}`;
    await query(adminUrl, `CREATE DATABASE ${name}`);
    const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const unused = path.join(work, "unused-data");
    try {
      const port = await freePort();
      const run = start({ PORT: String(port), DATABASE_URL: url, EMBEDDED_PG_DATA_DIR: unused });
      await waitForReady(run);
      expect(run.output()).toContain("Using the PostgreSQL server in DATABASE_URL");
      expect(existsSync(unused)).toBe(false);
      expect(await query(url, "SELECT name FROM cohorts")).toEqual([{ name: "4th Training Program, December 2021" }]);
      process.kill(run.child.pid!, "SIGTERM");
      expect(await run.exited).toBe(0);
    } finally {
      await query(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
