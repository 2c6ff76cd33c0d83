// Which workers of the job queue are alive, so that the jobs of one that died (killed,
// crashed, its machine gone) run again at once rather than after graphile-worker's own
// four-hour lock timeout. Each worker holds a PostgreSQL advisory lock named by its id on a
// connection of its process for as long as it lives; the lock goes when the process does.
// A job locked by a worker whose advisory lock is free is a dead worker's job: it is
// unlocked for any live worker to take. Jobs locked in the last few seconds are left alone,
// since a starting worker takes its lock just after it starts taking jobs.
import pg from "pg";

const lockName = (workerId: string) => `graphile-worker:${workerId}`;
/** Jobs locked more recently than this are not looked at: the worker may not hold its lock yet. */
const GRACE = "15 seconds";

export type WorkerLiveness = {
  /** Holds the advisory lock of a worker of this process, for as long as the process lives. */
  hold(workerId: string): Promise<void>;
  /** Unlocks the jobs of workers that are gone; the ids of those workers. */
  releaseDeadWorkersJobs(): Promise<string[]>;
  close(): Promise<void>;
};

/**
 * `onLost`: the connection broke (the database restarted, or the network failed), so the
 * locks are gone and another worker may take this process's jobs: its workers must stop.
 */
export async function workerLiveness(
  connectionString: string,
  onLost: (reason: string) => void = () => {},
): Promise<WorkerLiveness> {
  const client = new pg.Client({ connectionString, application_name: "lms-job-liveness" });
  await client.connect();
  let closing = false;
  client.on("error", (err) => onLost(`the workers' liveness connection failed: ${err.message}`));
  client.on("end", () => {
    if (!closing) onLost("the workers' liveness connection closed");
  });
  const own = new Set<string>();
  return {
    async hold(workerId) {
      own.add(workerId);
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [lockName(workerId)]);
    },
    async releaseDeadWorkersJobs() {
      const { rows } = await client.query<{ locked_by: string }>(
        `SELECT DISTINCT locked_by FROM graphile_worker.jobs
          WHERE locked_by IS NOT NULL AND locked_at < now() - interval '${GRACE}'`,
      );
      const dead: string[] = [];
      for (const { locked_by: workerId } of rows) {
        if (own.has(workerId)) continue;
        const { rows: got } = await client.query<{ free: boolean }>(
          "SELECT pg_try_advisory_lock(hashtext($1)) AS free",
          [lockName(workerId)],
        );
        if (!got[0]?.free) continue;
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lockName(workerId)]);
        dead.push(workerId);
      }
      if (dead.length > 0) await client.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [dead]);
      return dead;
    },
    async close() {
      closing = true;
      await client.end();
    },
  };
}
