// The worker that runs the queue's jobs (lib/db/jobs.ts): graphile-worker, on the app's
// PostgreSQL. It runs inside `npm start` by default (scripts/server.ts), or on its own with
// `npm run worker` (scripts/worker.ts) for deployments with several app servers. New jobs
// reach it at once through LISTEN/NOTIFY; a failed job is tried again after exp(attempts)
// seconds (about 3 s, 7 s, 20 s, ... up to 6 hours apart). A job planned for later (a
// session's reminder) waits in the table until its time.
import { Logger, run, type Runner } from "graphile-worker";
import { getDb } from "@/lib/db";
import { scheduleUpcomingQuizClosings } from "@/lib/db/quiz-closing";
import { scheduleUpcomingReminders } from "@/lib/db/session-reminders";
import { makeTaskList } from "./tasks";

/** Starts the worker; `stop()` lets the jobs under way finish, then releases its connections. */
export async function startWorker(connectionString: string, opts: { concurrency?: number } = {}): Promise<Runner> {
  const concurrency = opts.concurrency ?? Number(process.env.JOB_CONCURRENCY ?? 2);
  const runner = await run({
    connectionString,
    concurrency,
    maxPoolSize: concurrency + 2,
    // The process that starts the worker decides when it stops (SIGTERM, Ctrl-C).
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList: makeTaskList(getDb),
    logger: quietLogger(),
  });
  // Sessions saved before their reminders were planned (or restored from a backup) get them.
  await scheduleUpcomingReminders(getDb()).catch((err: unknown) =>
    console.error(`[jobs] planning the reminders of upcoming sessions failed: ${String(err)}`),
  );
  await scheduleUpcomingQuizClosings(getDb()).catch((err: unknown) =>
    console.error(`[jobs] planning the notices of closing quizzes failed: ${String(err)}`),
  );
  return runner;
}

/** graphile-worker's log, without its debug and info lines: a failed job's error is what matters. */
function quietLogger() {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") console.error(`[jobs] ${message}`);
  });
}
