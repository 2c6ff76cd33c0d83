// The job queue's worker as a child process of the app's server (`npm start`): the jobs
// (thousands of reminders composed and sent, certificates signed) run on a core of their
// own instead of pausing the server's requests, and nothing more is started by hand. A
// worker that exits unexpectedly is started again after a pause that grows (1 s, 2 s, ...
// 30 s); stopping the server stops it, letting the jobs under way finish.
//
// It runs at a lower CPU priority than the server (WORKER_NICE, a niceness; 19, the
// lowest, unless set): when both want a core, a participant's request goes first, and the
// worker still has every moment the server leaves idle. It is started through the POSIX
// `nice` command, so that all of its threads have that priority (V8's garbage collector and
// libuv's pool among them): os.setPriority after the start reaches only a process's main
// thread on Linux.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { StartupError } from "./errors.ts";
import { COMPILED_WORKER, ROOT } from "./paths.ts";
import { keepRunningPauses } from "./restarts.ts";

export type WorkerProcess = { stop(): Promise<void> };

/** A niceness set by the environment variable `name`: a whole number from 0 to 19, or `unset` when it is empty. */
export function nicenessFrom(name: string, value: string | undefined, unset: number): number {
  const wanted = value?.trim() ?? "";
  if (wanted === "") return unset;
  const n = Number(wanted);
  if (!/^\d+$/.test(wanted) || n > 19)
    throw new StartupError(`${name} must be a whole number from 0 to 19: it is "${value}"`);
  return n;
}

/** WORKER_NICE: the worker's niceness, a whole number from 0 (the server's own priority) to 19 (the lowest, the default). */
export const workerNiceness = (value: string | undefined): number => nicenessFrom("WORKER_NICE", value, 19);

/**
 * The command that starts the worker: node, under `nice -n <niceness>` unless it is 0, on
 * the compiled worker (production: the server compiled it with itself) or on its source
 * under tsx (development).
 */
export function workerCommand(
  niceness: number,
  nodeArgs: readonly string[],
  opts: { compiled: boolean },
): [string, string[]] {
  const entry = opts.compiled ? [COMPILED_WORKER] : ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")];
  const node: [string, string[]] = [process.execPath, [...nodeArgs, ...entry]];
  return niceness === 0 ? node : ["nice", ["-n", String(niceness), node[0], ...node[1]]];
}

export function superviseWorker(env: NodeJS.ProcessEnv, opts: { compiled: boolean }): WorkerProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  const pauses = keepRunningPauses();
  let restart: NodeJS.Timeout | undefined;
  let niceness = workerNiceness(env.WORKER_NICE);
  // A server started with --cpu-prof (SERVER_CPU_PROF) profiles its worker too, into the same folder.
  const profiling = process.execArgv.filter((arg) => arg.startsWith("--cpu-prof"));
  const start = () => {
    const started = Date.now();
    const [command, args] = workerCommand(niceness, profiling, opts);
    const spawned = spawn(command, args, {
      cwd: ROOT,
      // The server's pid: the worker stops once it is no longer its parent (scripts/lib/worker-main.ts).
      env: { ...env, LMS_WORKER_OF_SERVER: String(process.pid) },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child = spawned;
    const startAgain = (why: string) => {
      if (stopping) return;
      const wait = pauses.next(Date.now() - started);
      console.error(`  The job worker stopped (${why}); starting it again in ${Math.round(wait / 1000)} s.`);
      restart = setTimeout(start, wait);
      restart.unref();
    };
    // Not started at all (no "exit" follows then).
    spawned.once("error", (err: NodeJS.ErrnoException) => {
      if (spawned.pid !== undefined) return;
      if (err.code === "ENOENT" && command === "nice") {
        console.error("  `nice` was not found: the job worker runs at the server's CPU priority.");
        niceness = 0;
        if (!stopping) start();
        return;
      }
      startAgain(err.message);
    });
    spawned.once("exit", (code, signal) => startAgain(signal ?? `exit code ${code}`));
  };
  start();
  return {
    stop() {
      stopping = true;
      clearTimeout(restart);
      const running = child;
      if (!running || running.pid === undefined || running.exitCode !== null || running.signalCode !== null)
        return Promise.resolve();
      return new Promise((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGTERM");
      });
    },
  };
}
