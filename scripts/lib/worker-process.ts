// The job queue's worker as a child process of the app's server (`npm start`): the jobs
// (thousands of reminders composed and sent, certificates signed) run on a core of their
// own instead of pausing the server's requests, and nothing more is started by hand. A
// worker that exits unexpectedly is started again after a pause that grows (1 s, 2 s, ...
// 30 s); stopping the server stops it, letting the jobs under way finish.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ROOT } from "./paths.ts";
import { keepRunningPauses } from "./restarts.ts";

export type WorkerProcess = { stop(): Promise<void> };

export function superviseWorker(env: NodeJS.ProcessEnv): WorkerProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  const pauses = keepRunningPauses();
  let restart: NodeJS.Timeout | undefined;
  const start = () => {
    const started = Date.now();
    child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
      cwd: ROOT,
      env: { ...env, LMS_WORKER_OF_SERVER: "1" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("exit", (code, signal) => {
      if (stopping) return;
      const wait = pauses.next(Date.now() - started);
      console.error(
        `  The job worker stopped (${signal ?? `exit code ${code}`}); starting it again in ${Math.round(wait / 1000)} s.`,
      );
      restart = setTimeout(start, wait);
      restart.unref();
    });
  };
  start();
  return {
    stop() {
      stopping = true;
      clearTimeout(restart);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGTERM");
      });
    },
  };
}
