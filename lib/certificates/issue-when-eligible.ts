// Automatic issuing: after a change that may have made people eligible, and after
// the response, so the participant or admin who made the change does not wait for it.
import "server-only";
import { after } from "next/server";
import { getDb } from "@/lib/db";
import { autoIssueCertificates, type IssueContext } from "@/lib/db/certificate-issue";
import { issueContext } from "./context";

type CohortOf = string | (() => Promise<string | null>);

/**
 * Issues to those of `userIds` (every active participant when null) who are now eligible,
 * in a task that `later` runs once the response is sent: Next's after() in the App Router,
 * the response's "close" event in the quiz API (lib/quiz-api).
 */
export function issueLater(
  context: IssueContext,
  cohortId: CohortOf,
  userIds: readonly string[] | null,
  later: (task: () => Promise<void>) => void,
) {
  later(async () => {
    try {
      const db = getDb();
      const id = typeof cohortId === "string" ? cohortId : await cohortId();
      if (!id) return;
      const ids =
        userIds ??
        (await db.enrolment.findMany({ where: { cohortId: id, status: "ACTIVE" }, select: { userId: true } })).map(
          (e) => e.userId,
        );
      await autoIssueCertificates(db, id, ids, context);
    } catch (err) {
      // The change itself stands; an admin can still issue in bulk.
      console.error("Automatic certificate issuing failed", err);
    }
  });
}

/** `userIds` of the cohort, or every active participant when null (e.g. after a Zoom import). */
export async function issueWhenEligible(cohortId: CohortOf, userIds: readonly string[] | null) {
  const context = await issueContext();
  issueLater(context, cohortId, userIds, after);
}
