// The job queue: background work kept in PostgreSQL by graphile-worker (lib/jobs), so that
// it survives a restart or a crash and is retried with back-off until it succeeds or runs
// out of attempts. Jobs are added with graphile-worker's own SQL function, add_job, which
// runs on any connection or inside a transaction: work added in the transaction of the
// change that calls for it exists exactly when the change does. Admins see the jobs that
// failed for good (attempts used up) and can run them again. Callers check the admin role
// for the listing and the retry.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "./client";
import { checkedRows } from "./sql";

/** The tasks the worker knows (lib/jobs/tasks.ts), with what each job carries. */
export type JobPayloads = {
  /** Issue every certificate due in a cohort, writing progress on the run (certificate-runs.ts). */
  "bulk-issue-certificates": { runId: string };
  /** Issue certificates to those of `userIds` (every active participant when null) who are now eligible. */
  "issue-certificates": { cohortId: string; userIds: string[] | null };
  /** E-mail an announcement to each of its recipients (announcements.ts). */
  "send-announcement": { announcementId: string };
  /** Deliver a batch of queued e-mails of the outbox (queueMails writes them 250 at a time). */
  "send-emails": { emailIds: string[] };
  /** Deliver one queued e-mail of the outbox (outbound_emails). */
  "send-email": { emailId: string };
  /** E-mail a notice to the participant it is for (notices.ts). */
  "send-notice": { noticeId: string };
  /** Tell a cohort's participants which quizzes they still need, 24 hours before the quizzes close at `closesAt`. */
  "quiz-closing": { cohortId: string; closesAt: string };
  /** Remind a live session's participants, 24 hours or 1 hour before `startsAt` (the time the job was planned for). */
  "session-reminder": { sessionId: string; kind: "24h" | "1h"; startsAt: string };
};
export type JobName = keyof JobPayloads;
/** Every task, once: the compiler holds this list to JobPayloads. */
const EVERY_JOB = {
  "bulk-issue-certificates": true,
  "issue-certificates": true,
  "quiz-closing": true,
  "send-announcement": true,
  "send-email": true,
  "send-emails": true,
  "send-notice": true,
  "session-reminder": true,
} as const satisfies Record<JobName, true>;
export const JOB_NAMES = Object.keys(EVERY_JOB) as readonly JobName[];

export type JobOptions = {
  /**
   * A job of the same key not yet running is replaced (its payload and time updated) rather
   * than added twice: e.g. one cohort-wide issuing however many changes call for it.
   */
  key?: string;
  runAt?: Date;
  /** Attempts before the job counts as failed for good (graphile-worker's default: 25, over about 3 days). */
  maxAttempts?: number;
};

type Runner = Db | Prisma.TransactionClient;

/** Adds a job; in `tx`'s transaction when given one, so that it exists only if the transaction commits. */
export async function addJob<N extends JobName>(db: Runner, name: N, payload: JobPayloads[N], opts: JobOptions = {}) {
  await db.$executeRaw`
    SELECT graphile_worker.add_job(
      ${name}::text,
      payload := ${JSON.stringify(payload)}::json,
      run_at := ${opts.runAt ?? null}::timestamptz,
      max_attempts := ${opts.maxAttempts ?? null}::int,
      job_key := ${opts.key ?? null}::text
    )`;
}

/**
 * Queues automatic certificate issuing to `userIds` of the cohort (every active participant
 * when null, e.g. after a Zoom import or a gentler rule), in `db`'s transaction when it is
 * one: the job exists exactly when the change that calls for it does, so no change that
 * makes someone eligible is acknowledged without its certificate being due. One job for a
 * whole cohort however many changes call for it, and one per person; the job issues only
 * to those the rule finds eligible, under a rule that issues automatically.
 */
export async function queueIssuing(db: Runner, cohortId: string, userIds: readonly string[] | null) {
  const people = userIds && [...new Set(userIds)];
  if (people?.length === 0) return;
  await addJob(
    db,
    "issue-certificates",
    { cohortId, userIds: people },
    people === null
      ? { key: `issue:${cohortId}:all` }
      : people.length === 1
        ? { key: `issue:${cohortId}:${people[0]}` }
        : {},
  );
}

/** Removes the job of this key if it has not started (a cancelled session's reminder). */
export async function removeJob(db: Runner, key: string) {
  await db.$executeRaw`SELECT graphile_worker.remove_job(${key}::text)`;
}

/** Adds many jobs of one task in one statement (e.g. an e-mail to each person of a roster). */
export async function addJobs<N extends JobName>(
  db: Runner,
  name: N,
  jobs: readonly { payload: JobPayloads[N]; key?: string }[],
) {
  if (jobs.length === 0) return;
  await db.$executeRaw`
    SELECT graphile_worker.add_job(${name}::text, payload := j.payload, job_key := j.key)
      FROM unnest(${jobs.map((j) => JSON.stringify(j.payload))}::json[], ${jobs.map((j) => j.key ?? null)}::text[]) AS j(payload, key)`;
}

const ZJobRow = z.strictObject({
  id: z.string(),
  task: z.string(),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  last_error: z.string().nullable(),
  key: z.string().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
  run_at: z.date(),
});

export type FailedJob = {
  id: string;
  task: string;
  attempts: number;
  lastError: string | null;
  key: string | null;
  createdAt: Date;
  failedAt: Date;
};

/** Jobs that used up their attempts, newest first: graphile-worker keeps them, with their last error. */
export async function listFailedJobs(db: Db, take = 50): Promise<FailedJob[]> {
  const rows = checkedRows(
    ZJobRow,
    await db.$queryRaw`
      SELECT id::text, task_identifier AS task, attempts::int, max_attempts::int, last_error, key,
             created_at, updated_at, run_at
        FROM graphile_worker.jobs
       WHERE attempts >= max_attempts AND locked_at IS NULL
       ORDER BY updated_at DESC
       LIMIT ${take}`,
  );
  return rows.map((r) => ({
    id: r.id,
    task: r.task,
    attempts: r.attempts,
    lastError: r.last_error,
    key: r.key,
    createdAt: r.created_at,
    failedAt: r.updated_at,
  }));
}

/** How many jobs wait (due now or later, retries included) and how many failed for good. */
export async function jobCounts(db: Db): Promise<{ waiting: number; failed: number }> {
  const [row] = checkedRows(
    z.strictObject({ waiting: z.number().int(), failed: z.number().int() }),
    await db.$queryRaw`
      SELECT count(*) FILTER (WHERE attempts < max_attempts)::int AS waiting,
             count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed
        FROM graphile_worker.jobs`,
  );
  return row!;
}

/** Runs a job that failed for good again, now, with its attempts counted afresh. False when it is not (or no longer) failed. */
export async function retryFailedJob(db: Db, id: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  const rows = checkedRows(
    z.strictObject({ id: z.string() }),
    await db.$queryRaw`
      SELECT j.id::text FROM graphile_worker.reschedule_jobs(
        ARRAY(SELECT id FROM graphile_worker.jobs WHERE id = ${id}::bigint AND attempts >= max_attempts AND locked_at IS NULL),
        run_at := now(), attempts := 0) AS j`,
  );
  return rows.length === 1;
}
