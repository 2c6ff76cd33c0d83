// Running the job queue inside a test, as the worker would, on the test's own database.
import { runOnce } from "graphile-worker";
import type { Db } from "@/lib/db/client";
import { makeTaskList } from "@/lib/jobs/tasks";
import type { TestDatabase } from "./database";

/** Runs every job due now, then returns; the tasks use `taskDb()` (the test's database unless given another). */
export function runDueJobs(
  t: TestDatabase,
  opts: { env?: { SMTP_URL?: string }; concurrency?: number; taskDb?: () => Db } = {},
) {
  return runOnce({
    connectionString: t.url,
    taskList: makeTaskList(opts.taskDb ?? (() => t.db), opts.env ?? { SMTP_URL: "" }),
    concurrency: opts.concurrency ?? 1,
  });
}

/** Makes the queue's retries due now (graphile-worker waits exp(attempts) seconds between them). */
export function makeRetriesDue(t: TestDatabase) {
  return t.db.$executeRaw`SELECT graphile_worker.reschedule_jobs(
    ARRAY(SELECT id FROM graphile_worker.jobs WHERE attempts < max_attempts), run_at := now())`;
}

/** The test's database as a worker sees it until it dies: its transactions after the first `survives` throw. */
export function dyingAfter(db: Db, survives: number): Db {
  let transactions = 0;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "$transaction")
        return (...args: Parameters<Db["$transaction"]>) => {
          transactions += 1;
          if (transactions > survives) throw new Error("killed");
          return (target.$transaction as (...a: unknown[]) => unknown)(...args);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
