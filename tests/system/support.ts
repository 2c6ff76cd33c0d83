// Running `npm start` as a person does (through npm itself, in a process group of its own,
// as a terminal runs it) and reading what it printed. Every run is marked with a variable
// of its own in its environment, which its children and PostgreSQL inherit, so that a test
// can tell whether anything it started is still running.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { onTestFinished } from "vitest";
import { ROOT } from "@/scripts/lib/paths";
import { embeddedDatabaseUrl } from "@/scripts/lib/postgres";
import { COMPILED_SERVER, COMPILED_WORKER } from "@/scripts/lib/server-build";

export { ROOT };
/** What the command line of the app's server processes names: `npm start` runs it compiled. */
export const SERVER = COMPILED_SERVER;
/** What the command line of the job worker `npm start` starts names: it runs compiled too. */
export const WORKER = COMPILED_WORKER;

export type Run = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** The processes it started that are still running ("pid: command line"). */
  leftovers: () => string[];
};

/** `npm start` with `env` over this process's environment (without its DATABASE_URL). */
export function start(env: Record<string, string>): Run {
  const mark = randomBytes(6).toString("hex");
  let output = "";
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      LMS_SYSTEM_TEST_RUN: mark,
      ...env,
    },
    detached: true, // its own process group, as a terminal gives it
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // A test that failed half-way stops what it started, as Ctrl-C would, or else kills it.
  onTestFinished(async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGINT");
    } catch {
      return; // the group is gone already: npm exits with it
    }
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  });
  return { child, output: () => output, exited, leftovers: () => processesWith(`LMS_SYSTEM_TEST_RUN=${mark}`) };
}

/** What the start script printed, without npm's "> npm start" banner. */
export const ownLines = (output: string) => output.split("\n").filter((l) => l.trim() && !l.startsWith(">"));

/** Waits for a line that matches, and returns its match; throws when the run ends first. */
export async function waitForLine(run: Run, pattern: RegExp, timeoutMs = 280_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(run.output());
    if (match) return match;
    if (run.child.exitCode !== null) throw new Error(`npm start exited before printing ${pattern}:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`npm start did not print ${pattern} in time:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for "Ready"; returns the app's port and, when it printed one, the embedded PostgreSQL's. */
export async function waitForReady(run: Run): Promise<{ port: number; pgPort?: number }> {
  const port = Number((await waitForLine(run, /Ready: http:\/\/localhost:(\d+)/))[1]);
  const pgPort = /PostgreSQL 17 \(embedded\) on port (\d+)/.exec(run.output())?.[1];
  return { port, pgPort: pgPort ? Number(pgPort) : undefined };
}

/** Processes (other than this one) whose environment holds `entry` ("NAME=value"). */
function processesWith(entry: string): string[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .flatMap((p) => {
      try {
        if (!readFileSync(`/proc/${p}/environ`, "utf8").split("\0").includes(entry)) return [];
        return [`${p}: ${readFileSync(`/proc/${p}/cmdline`, "utf8").replaceAll("\0", " ")}`];
      } catch {
        return []; // gone meanwhile
      }
    });
}

/**
 * A new empty folder for the test that calls it, removed when it ends. PostgreSQL's own user
 * can enter it (as root, PostgreSQL runs as the system user "postgres"; mkdtemp makes
 * folders of mode 700).
 */
export function freshFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "lms-system-"));
  chmodSync(folder, 0o755);
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

export async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The pids of the run's processes whose command line names `script` (e.g. SERVER). */
export function pidsOf(run: Run, script: string): number[] {
  return run
    .leftovers()
    .filter((l) => l.includes(script))
    .map((l) => Number(l.split(":")[0]));
}

/** The pid of the run's process whose command line names `script`; throws, listing them, when none does. */
export function pidOf(run: Run, script: string): number {
  const [pid] = pidsOf(run, script);
  if (pid === undefined) throw new Error(`no ${script} among ${run.leftovers().join("\n")}`);
  return pid;
}

/** The pid of the embedded PostgreSQL's postmaster on `dataDir`, from its postmaster.pid. */
export const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);

/** The app's database on the embedded PostgreSQL of `dataDir`, with the password kept there. */
export const lmsUrl = (dataDir: string, pgPort: number) => embeddedDatabaseUrl(dataDir, pgPort, "lms");

/** An npm script run to its end, with `env` over this process's environment (without its DATABASE_URL): its exit code and what it printed. */
export function npmRun(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    let output = "";
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}
