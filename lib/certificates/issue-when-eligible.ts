// Automatic issuing: after a change that may have made people eligible, and after
// the response, so the participant or admin who made the change does not wait for it.
import "server-only";
import { after } from "next/server";
import { getDb } from "@/lib/db";
import { autoIssueCertificates } from "@/lib/db/certificate-issue";
import { issueContext } from "./context";

/** `userIds` of the cohort, or every active participant when null (e.g. after a Zoom import). */
export async function issueWhenEligible(cohortId: string | (() => Promise<string | null>), userIds: readonly string[] | null) {
  const context = await issueContext(); // reads the request's headers, so before the response ends
  after(async () => {
    try {
      const db = getDb();
      const id = typeof cohortId === "string" ? cohortId : await cohortId();
      if (!id) return;
      const ids = userIds ?? (await db.enrolment.findMany({ where: { cohortId: id, status: "ACTIVE" }, select: { userId: true } })).map((e) => e.userId);
      await autoIssueCertificates(db, id, ids, context);
    } catch (err) {
      // The change itself stands; an admin can still issue in bulk.
      console.error("Automatic certificate issuing failed", err);
    }
  });
}
