// Automatic issuing: after a change that may have made people eligible, a job of the queue
// (lib/db/jobs.ts) issues to whoever now is. The job is added before the change is
// acknowledged and survives a restart or a crash; issuing itself runs in the worker, so the
// participant or admin who made the change does not wait for it.
import "server-only";
import { getDb } from "@/lib/db";
import { addJob } from "@/lib/db/jobs";

type CohortOf = string | (() => Promise<string | null>);

/** Queues issuing to `userIds` of the cohort (every active participant when null, e.g. after a Zoom import). */
export async function issueWhenEligible(cohortOf: CohortOf, userIds: readonly string[] | null) {
  const cohortId = typeof cohortOf === "string" ? cohortOf : await cohortOf();
  if (!cohortId || userIds?.length === 0) return;
  await addJob(
    getDb(),
    "issue-certificates",
    { cohortId, userIds: userIds ? [...userIds] : null },
    // One job for the whole cohort however many changes call for it, and one per person.
    userIds === null
      ? { key: `issue:${cohortId}:all` }
      : userIds.length === 1
        ? { key: `issue:${cohortId}:${userIds[0]}` }
        : {},
  );
}
