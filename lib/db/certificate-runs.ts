// Bulk issuing of a cohort's due certificates as a job of the queue (lib/jobs/tasks.ts):
// the admin's request records a run and its job in one transaction, the worker issues and
// writes its progress on the run, and the admin's page reads it. A run that dies half-way
// is retried by the queue and issues only to those still without a certificate (issuing
// is idempotent). One run is open per cohort at a time: a second request joins it.
// Callers check the admin role first.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { issueCohortCertificates, SKIP_REASONS, type IssueContext } from "./certificate-issue";
import type { Db } from "./client";
import { isUniqueViolation } from "./errors";
import { addJob } from "./jobs";

export const ZRunResult = z.object({
  eligible: z.number().int(),
  participants: z.number().int(),
  issued: z.number().int(),
  noName: z.number().int(),
  alreadyHeld: z.number().int(),
  skipped: z.array(z.object({ userId: z.string(), email: z.string(), reason: z.enum(SKIP_REASONS) })),
});
export type RunResult = z.infer<typeof ZRunResult>;

export type CertificateRunView = {
  id: string;
  status: "queued" | "running" | "done";
  total: number;
  done: number;
  issued: number;
  result: RunResult | null;
  createdAt: Date;
  updatedAt: Date;
};

const RUN = {
  id: true,
  status: true,
  total: true,
  done: true,
  issued: true,
  result: true,
  createdAt: true,
  updatedAt: true,
} as const;
type RunRow = Prisma.CertificateRunGetPayload<{ select: typeof RUN }>;

const view = (row: RunRow): CertificateRunView => ({
  ...row,
  status: row.status as CertificateRunView["status"],
  result: row.result === null ? null : ZRunResult.parse(row.result),
});

/** Starts bulk issuing in the cohort, or joins the run already under way; the run to follow. */
export async function startCertificateRun(db: Db, actorId: string, cohortId: string): Promise<CertificateRunView> {
  const open = () => db.certificateRun.findFirst({ where: { cohortId, status: { not: "done" } }, select: RUN });
  const existing = await open();
  if (existing) return view(existing);
  try {
    return await db.$transaction(async (tx) => {
      const run = await tx.certificateRun.create({ data: { cohortId, actorId }, select: RUN });
      await addJob(
        tx,
        "bulk-issue-certificates",
        { runId: run.id },
        { key: `certificate-run:${run.id}`, maxAttempts: 5 },
      );
      return view(run);
    });
  } catch (err) {
    // Another admin started one at the same moment: follow theirs.
    if (!isUniqueViolation(err)) throw err;
    const theirs = await open();
    if (!theirs) throw err;
    return view(theirs);
  }
}

export async function getCertificateRun(db: Db, cohortId: string, runId: string): Promise<CertificateRunView | null> {
  const row = await db.certificateRun.findFirst({ where: { id: runId, cohortId }, select: RUN });
  return row && view(row);
}

/** The cohort's run under way, if any. */
export async function openCertificateRun(db: Db, cohortId: string): Promise<CertificateRunView | null> {
  const row = await db.certificateRun.findFirst({ where: { cohortId, status: { not: "done" } }, select: RUN });
  return row && view(row);
}

/** How often a run writes its progress: often enough for a progress bar, not a write per certificate. */
const PROGRESS_EVERY_MS = 400;

/**
 * The job: issues the run's cohort's due certificates, writing progress as it goes, then
 * the result. A run already done does nothing (its job ran twice).
 */
export async function performCertificateRun(db: Db, runId: string, context: IssueContext): Promise<void> {
  const run = await db.certificateRun.findUnique({
    where: { id: runId },
    select: { cohortId: true, actorId: true, status: true },
  });
  if (!run || run.status === "done") return;
  await db.certificateRun.update({ where: { id: runId }, data: { status: "running", done: 0, issued: 0 } });
  let written = 0;
  const result = await issueCohortCertificates(db, run.actorId, run.cohortId, context, async (p) => {
    const now = Date.now();
    if (now - written < PROGRESS_EVERY_MS && p.done !== 0 && p.done !== p.total) return;
    written = now;
    await db.certificateRun.update({ where: { id: runId }, data: { total: p.total, done: p.done, issued: p.issued } });
  });
  await db.certificateRun.update({
    where: { id: runId },
    data: {
      status: "done",
      issued: result.issued,
      result,
      finishedAt: new Date(),
    },
  });
}
