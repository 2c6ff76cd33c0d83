// What each job of the queue does (lib/db/jobs.ts names them and their payloads). A task
// that throws is retried with back-off; each is safe to run twice: issuing skips whoever
// holds a certificate, and an e-mail already sent is not sent again.
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { issueContext } from "@/lib/certificates/context";
import { activeParticipantIds, autoIssueCertificates } from "@/lib/db/certificate-issue";
import type { Db } from "@/lib/db/client";
import type { JobName } from "@/lib/db/jobs";
import { deliverQueuedEmail } from "@/lib/mail/send";

const ZIssue = z.strictObject({ cohortId: z.string().min(1), userIds: z.array(z.string().min(1)).nullable() });
const ZSend = z.strictObject({ emailId: z.string().min(1) });

/**
 * The tasks, on the database `db()` gives and the mail server `env` names (the app's client
 * and process.env; a test's own database and SMTP server in tests).
 */
export function makeTaskList(
  db: () => Db,
  env: { SMTP_URL?: string } = { SMTP_URL: process.env.SMTP_URL },
): TaskList & Record<JobName, Task> {
  return {
    "issue-certificates": async (payload) => {
      const { cohortId, userIds } = ZIssue.parse(payload);
      const ids = userIds ?? (await activeParticipantIds(db(), cohortId));
      await autoIssueCertificates(db(), cohortId, ids, await issueContext());
    },
    "send-email": async (payload) => {
      await deliverQueuedEmail(db(), ZSend.parse(payload).emailId, env);
    },
  };
}
