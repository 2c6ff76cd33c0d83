// What the server benches share: a fresh build, `npm start` on its own embedded
// PostgreSQL, waiting for it, stopping it, and where the figures are written.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import pg from "pg";
import { buildIsStale, recordBuildSettings } from "../../scripts/lib/build.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { embeddedDatabaseUrl } from "../../scripts/lib/postgres.ts";
import { procStatFields, run } from "../../scripts/lib/process.ts";
import { COMPILED_SERVER } from "../../scripts/lib/server-build.ts";

/** The app's database on the embedded PostgreSQL of `dataDir`, with the password kept there. */
export const benchDatabaseUrl = (dataDir: string, pgPort: number) => embeddedDatabaseUrl(dataDir, pgPort, "lms");

/**
 * A client of the app's database on the embedded PostgreSQL the bench starts, made before
 * that start: the password, which the first start makes, is read when it connects (named
 * apart from a connection string, which pg would let override it).
 */
export function benchDatabaseClient(dataDir: string, pgPort: number): pg.Client {
  return new pg.Client({
    host: "127.0.0.1",
    port: pgPort,
    user: "postgres",
    database: "lms",
    password: () => new URL(benchDatabaseUrl(dataDir, pgPort)).password,
  });
}

/** Builds first when the build is missing or older than the sources; exits on a failed build. */
export async function buildIfStale() {
  if (!buildIsStale()) return;
  console.log("Building first (the build is missing or stale)...");
  if ((await run(path.join(ROOT, "node_modules/.bin/next"), ["build"])) !== 0) process.exit(1);
  recordBuildSettings();
}

/**
 * `npm start` on `port`, with its embedded PostgreSQL in `dataDir` on `pgPort`; `env` adds to
 * or overrides the environment. Its output goes to the file `log` when given, else nowhere.
 */
export function startApp(o: {
  port: number;
  dataDir: string;
  pgPort: number;
  env?: Record<string, string>;
  log?: string;
}): ChildProcess {
  const out = o.log === undefined ? "ignore" : openSync(o.log, "w");
  return spawn("npm", ["start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(o.port),
      EMBEDDED_PG_DATA_DIR: o.dataDir,
      EMBEDDED_PG_PORT: String(o.pgPort),
      NEXT_TELEMETRY_DISABLED: "1",
      ...o.env,
    },
    stdio: ["ignore", out, out],
  });
}

/** Resolves once `url` answers 200; throws if the server (`child`) exits first. */
export async function waitFor(url: string, child: ChildProcess, everyMs = 100): Promise<void> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${child.spawnargs.join(" ")} exited (${child.exitCode}) before answering`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

/** Keeps a run's figures in bench/results/<name>.json. */
export function writeResults(name: string, data: Record<string, unknown>) {
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(
    path.join(ROOT, `bench/results/${name}.json`),
    JSON.stringify({ at: new Date().toISOString(), ...data }, null, 2),
  );
}

/**
 * A 2 s warm-up, then `duration` s of load at `connections`; prints a line and returns its
 * figures, with the server's CPU per request when `cpu` (from serverCpuSeconds) is given.
 */
export async function throughput(
  label: string,
  target: autocannon.Options,
  o: { connections: number; duration: number; width: number; cpu?: () => number | undefined },
) {
  await autocannon({ ...target, connections: o.connections, duration: 2 });
  const cpu0 = o.cpu?.();
  const r = await autocannon({ ...target, connections: o.connections, duration: o.duration });
  const cpu1 = o.cpu?.();
  const cpuMs =
    cpu0 !== undefined && cpu1 !== undefined
      ? Number((((cpu1 - cpu0) * 1000) / r.requests.total).toFixed(2))
      : undefined;
  const line = {
    "req/s": Math.round(r.requests.average),
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
    errors: r.errors + r.non2xx,
    "server CPU ms/req": cpuMs,
  };
  console.log(
    `${label.padEnd(o.width)} ${String(line["req/s"]).padStart(6)} req/s   p50 ${line["p50 ms"]} ms   p99 ${line["p99 ms"]} ms   non-2xx/errors ${line.errors}${cpuMs === undefined ? "" : `   server CPU ${cpuMs} ms/req`}`,
  );
  return line;
}

/**
 * CPU seconds (user + system) the app's server processes (the compiled server on `port`: the
 * first and the web processes it starts, which share its command line) have used so far,
 * from /proc: a per-request figure that the load generator and other jobs on this shared
 * machine disturb far less than a rate. Undefined off Linux.
 */
export function serverCpuSeconds(port: number): () => number | undefined {
  const find = () => {
    const pids: number[] = [];
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
        if (cmd.includes(COMPILED_SERVER) && cmd[cmd.indexOf("--port") + 1] === String(port)) pids.push(Number(entry));
      } catch {
        /* gone meanwhile */
      }
    }
    return pids;
  };
  return () => {
    const used = find().map((pid) => processCpuSeconds(pid)());
    if (used.length === 0 || used.some((s) => s === undefined)) return undefined;
    return (used as number[]).reduce((a, b) => a + b, 0);
  };
}

/** CPU seconds (user + system) process `pid` has used so far, from /proc; undefined off Linux. */
export function processCpuSeconds(pid: number): () => number | undefined {
  return () => {
    try {
      // Fields 14 and 15 (utime, stime), in clock ticks.
      const fields = procStatFields(`/proc/${pid}/stat`);
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return undefined;
    }
  };
}
