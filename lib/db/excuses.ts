// Requests to be excused from a live session. The participant asks (only for a
// session of a cohort where they hold an active place, only for themselves);
// an admin approves (the session's record becomes EXCUSED) or rejects; each
// step is audit-logged, and the participant sees the outcome.
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";
import { recordNotice } from "./notices";

export type AskResult = { ok: true } | { ok: false; error: "not-found" | "already-decided" | "invalid-reason" };

/** The acting user's request for one session (made or changed while pending). */
export async function askToBeExcused(
  db: Db,
  userId: string,
  cohortId: string,
  sessionId: string,
  reason: string,
): Promise<AskResult> {
  const text = reason.trim();
  if (text.length < 3 || text.length > 1000) return { ok: false, error: "invalid-reason" };
  return db.$transaction(async (tx) => {
    const session = await tx.liveSession.findFirst({
      where: { id: sessionId, cohortId, cohort: { enrolments: { some: { userId, status: "ACTIVE" } } } },
      select: { id: true },
    });
    if (!session) return { ok: false, error: "not-found" } as const;
    const before = await tx.excuseRequest.findUnique({ where: { sessionId_userId: { sessionId, userId } } });
    if (before && before.status !== "PENDING") return { ok: false, error: "already-decided" } as const;
    const after = await tx.excuseRequest.upsert({
      where: { sessionId_userId: { sessionId, userId } },
      create: { sessionId, userId, reason: text },
      update: { reason: text },
    });
    await recordAudit(tx, {
      action: "excuse.request",
      actorId: userId,
      entity: "excuse_request",
      entityId: after.id,
      before: before ? { reason: before.reason } : undefined,
      after: { reason: text, sessionId },
    });
    return { ok: true } as const;
  });
}

/** The acting user's own request for a session of their cohort, or null. */
export function getOwnExcuse(db: Db, userId: string, sessionId: string) {
  return db.excuseRequest.findUnique({
    where: { sessionId_userId: { sessionId, userId } },
    select: { reason: true, status: true, decidedAt: true, decisionNote: true },
  });
}

/** Admin: a session's requests, pending first. */
export function listSessionExcuses(db: Db, cohortId: string, sessionId: string) {
  return db.excuseRequest.findMany({
    where: { sessionId, session: { cohortId } },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      reason: true,
      status: true,
      createdAt: true,
      decidedAt: true,
      user: { select: { id: true, email: true, name: true, certificateName: true } },
      decidedBy: { select: { email: true } },
    },
  });
}

export type DecideResult = { ok: true } | { ok: false; error: "not-found" | "already-decided" };

/** Admin: approve (the attendance record becomes EXCUSED, with the reason as its note) or reject. */
export async function decideExcuse(
  db: Db,
  actorId: string,
  cohortId: string,
  requestId: string,
  approve: boolean,
): Promise<DecideResult> {
  return db.$transaction((tx) => decideExcuseIn(tx, actorId, { cohortId, requestId, approve }));
}

/**
 * decideExcuse inside the caller's transaction (a bulk decision commits its requests
 * together), with the organiser's optional message to the participant.
 */
export async function decideExcuseIn(
  tx: Prisma.TransactionClient,
  actorId: string,
  input: { cohortId: string; requestId: string; approve: boolean; note?: string | null },
): Promise<DecideResult> {
  const { cohortId, requestId, approve } = input;
  const note = input.note?.trim() || null;
  const request = await tx.excuseRequest.findFirst({ where: { id: requestId, session: { cohortId } } });
  if (!request) return { ok: false, error: "not-found" } as const;
  if (request.status !== "PENDING") return { ok: false, error: "already-decided" } as const;
  const status = approve ? "APPROVED" : "REJECTED";
  await tx.excuseRequest.update({
    where: { id: requestId },
    data: { status, decidedById: actorId, decidedAt: new Date(), decisionNote: note },
  });
  await recordAudit(tx, {
    action: `excuse.${approve ? "approve" : "reject"}`,
    actorId,
    entity: "excuse_request",
    entityId: requestId,
    cohortId,
    before: { status: "PENDING" },
    after: note ? { status, note } : { status },
  });
  const session = await tx.liveSession.findUniqueOrThrow({
    where: { id: request.sessionId },
    select: { lectureSlug: true, startsAt: true },
  });
  await recordNotice(tx, {
    userId: request.userId,
    cohortId,
    kind: approve ? "excuse.accepted" : "excuse.refused",
    data: { lectureSlug: session.lectureSlug, startsAt: session.startsAt.toISOString(), note },
  });
  if (approve) {
    const key = { sessionId_userId: { sessionId: request.sessionId, userId: request.userId } };
    const old = await tx.attendanceRecord.findUnique({ where: key });
    await tx.attendanceRecord.upsert({
      where: key,
      create: {
        sessionId: request.sessionId,
        userId: request.userId,
        status: "EXCUSED",
        source: "MANUAL",
        note: request.reason,
        updatedById: actorId,
      },
      update: { status: "EXCUSED", source: "MANUAL", note: request.reason, updatedById: actorId },
    });
    await recordAudit(tx, {
      action: "attendance.mark",
      actorId,
      entity: "attendance",
      entityId: `${request.sessionId}:${request.userId}`,
      cohortId,
      before: old ? { status: old.status, source: old.source, note: old.note } : undefined,
      after: { status: "EXCUSED", source: "MANUAL", note: request.reason, excuse: requestId },
    });
    // An excused session can complete the participant's attendance.
    await queueIssuing(tx, cohortId, [request.userId]);
  }
  return { ok: true } as const;
}
