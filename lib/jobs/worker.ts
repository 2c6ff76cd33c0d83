// The worker that runs the queue's jobs (lib/db/jobs.ts): graphile-worker, on the app's
// PostgreSQL. It runs inside `npm start` by default (scripts/server.ts), or on its own with
// `npm run worker` (scripts/worker.ts) for deployments with several app servers. New jobs
// reach it at once through LISTEN/NOTIFY; a failed job is tried again after exp(attempts)
// seconds (about 3 s, 7 s, 20 s, ... up to 6 hours apart). A job planned for later (a
// session's reminder) waits in the table until its time.
import { EventEmitter } from "node:events";
import { Logger, run, type Runner, type WorkerEvents } from "graphile-worker";
import { workerLiveness } from "@/lib/db/job-liveness";
import { createPrismaClient } from "@/lib/db/client";
import { scheduleUpcomingQuizClosings } from "@/lib/db/quiz-closing";
import { scheduleUpcomingReminders } from "@/lib/db/session-reminders";
import { makeTaskList } from "./tasks";

/** How often a worker looks for the jobs of workers that died. */
const SWEEP_MS = 15_000;

/**
 * Starts the worker; `stop()` lets the jobs under way finish, then releases its connections.
 * `onFatal` is told when the worker can no longer be trusted to run jobs: its connection to
 * the database broke (PostgreSQL restarted: its locks are gone) or graphile-worker gave up
 * on a job it could not release. The process then stops, to be started again with fresh
 * connections (scripts/worker.ts); the jobs it held are run again once it is seen gone.
 */
export async function startWorker(
  connectionString: string,
  opts: { concurrency?: number; onFatal?: (reason: string) => void } = {},
): Promise<Runner> {
  const concurrency = opts.concurrency ?? Number(process.env.JOB_CONCURRENCY ?? 2);
  const onFatal = opts.onFatal ?? ((reason: string) => console.error(`[jobs] ${reason}`));
  const liveness = await workerLiveness(connectionString, onFatal);
  // The jobs' own connections, apart from the web requests' pool: ten thousand reminders
  // going out never make a participant's page wait for a connection.
  const db = createPrismaClient(connectionString, { max: concurrency + 1, connectTimeoutMs: 30_000 });
  const events: WorkerEvents = new EventEmitter();
  events.on("worker:fatalError", ({ error }) => onFatal(`a worker stopped: ${String(error)}`));
  events.on("worker:create", ({ worker }) => {
    liveness
      .hold(worker.workerId)
      .catch((err: unknown) => console.error(`[jobs] could not mark worker ${worker.workerId} alive: ${String(err)}`));
  });
  const runner = await run({
    events,
    connectionString,
    concurrency,
    maxPoolSize: concurrency + 2,
    // The process that starts the worker decides when it stops (SIGTERM, Ctrl-C).
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList: makeTaskList(() => db),
    logger: quietLogger(),
  });
  // Sessions saved before their reminders were planned (or restored from a backup) get them.
  await scheduleUpcomingReminders(db).catch((err: unknown) =>
    console.error(`[jobs] planning the reminders of upcoming sessions failed: ${String(err)}`),
  );
  await scheduleUpcomingQuizClosings(db).catch((err: unknown) =>
    console.error(`[jobs] planning the notices of closing quizzes failed: ${String(err)}`),
  );
  // The jobs a killed worker held run again once it is seen gone, now and then every little while.
  const sweep = () =>
    liveness
      .releaseDeadWorkersJobs()
      .then((dead) => {
        if (dead.length > 0)
          console.error(`[jobs] ran again the jobs of ${dead.length} worker(s) that stopped without finishing them`);
      })
      .catch((err: unknown) => console.error(`[jobs] looking for the jobs of stopped workers failed: ${String(err)}`));
  const timer = setInterval(() => void sweep(), SWEEP_MS);
  timer.unref();
  void sweep();
  void runner.promise.finally(() => {
    clearInterval(timer);
    void liveness.close();
    void db.$disconnect();
  });
  return runner;
}

/** graphile-worker's log, without its debug and info lines: a failed job's error is what matters. */
function quietLogger() {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") console.error(`[jobs] ${message}`);
  });
}
