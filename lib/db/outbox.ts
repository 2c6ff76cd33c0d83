// The record of every e-mail the app sends (the local mail sink when there is no SMTP).
import type { Prisma } from "@/generated/prisma/client";
import type { MailKind, OutboxStatus } from "@/lib/domain/outbox";
import type { Db } from "./client";
import { sql } from "./sql";

export type OutboundEmailInput = {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Optional mail's one-click unsubscribe address, sent as its List-Unsubscribe header. */
  unsubscribeUrl?: string;
  /** For mail that must go once only: a second mail of the same key is not written (outbound_emails.key). */
  key?: string;
};

export function recordEmail(db: Db | Prisma.TransactionClient, mail: OutboundEmailInput, transport: "sink" | "smtp") {
  return db.outboundEmail.create({ data: { ...mail, transport }, select: { id: true } });
}

export function markEmailSent(db: Db, id: string, error?: string) {
  return db.outboundEmail.update({ where: { id }, data: error ? { error } : { sentAt: new Date() } });
}

/**
 * A mail sent inside the request that the SMTP server did not take for now: its full copy
 * (a sign-in mail's link and code included, which the stored copy otherwise leaves out) is
 * kept for the queue's retries, and masked again once it is delivered or given up.
 */
export function keepForRetry(db: Db, id: string, mail: { subject: string; text: string; html: string }, error: string) {
  return db.outboundEmail.update({
    where: { id },
    data: { subject: mail.subject, text: mail.text, html: mail.html, error, attempts: { increment: 1 } },
  });
}

/** Replaces the stored copy's parts (a delivered sign-in mail's, with its secrets masked). */
export function replaceStoredCopy(db: Db, id: string, mail: { subject: string; text: string; html: string }) {
  return db.outboundEmail.update({ where: { id }, data: { subject: mail.subject, text: mail.text, html: mail.html } });
}

/** Records many mails at once, leaving out any whose key is recorded already; the ids of those written. */
export async function recordEmails(
  db: Db | Prisma.TransactionClient,
  mails: readonly OutboundEmailInput[],
  transport: "sink" | "smtp",
): Promise<string[]> {
  const rows = await db.outboundEmail.createManyAndReturn({
    data: mails.map((m) => ({ ...m, transport })),
    select: { id: true },
    skipDuplicates: true,
  });
  return rows.map((r) => r.id);
}

/**
 * One delivery attempt of a queued mail: sent, or its error (and, when `giveUp`, delivery
 * abandoned). Through lib/db/sql.ts, since a bulk send records one per mail: Prisma's update
 * cost the worker about a quarter of its CPU in bench:mail's delivery.
 */
export async function recordDeliveryAttempt(
  db: Db,
  id: string,
  outcome: { sent: true } | { sent: false; error: string; giveUp: boolean },
): Promise<void> {
  const now = new Date();
  const error = outcome.sent ? null : outcome.error;
  const giveUp = !outcome.sent && outcome.giveUp;
  await sql(db).execute`
    UPDATE outbound_emails SET attempts = attempts + 1,
      sent_at = CASE WHEN ${outcome.sent}::boolean THEN ${now}::timestamptz ELSE sent_at END,
      error = COALESCE(${error}::text, error),
      failed_at = CASE WHEN ${giveUp}::boolean THEN ${now}::timestamptz ELSE failed_at END
    WHERE id = ${id}`;
}

/** For the admin outbox, newest first, by recipient (any part of the address) and state; callers check the admin role first. */
export function listOutbox(db: Db, opts: { take?: number; to?: string; status?: OutboxStatus; kind?: MailKind } = {}) {
  const to = opts.to?.trim().toLowerCase();
  return db.outboundEmail.findMany({
    where: {
      ...(to && { to: { contains: to } }),
      ...(opts.kind && { kind: opts.kind }),
      ...(opts.status === "sent" && { sentAt: { not: null } }),
      ...(opts.status === "failed" && { sentAt: null, failedAt: { not: null } }),
      ...(opts.status === "queued" && { sentAt: null, failedAt: null }),
    },
    orderBy: { createdAt: "desc" },
    take: opts.take ?? 50,
  });
}

/** The stored mails of these ids (a send-emails job's batch). */
export function listOutboundEmails(db: Db, ids: readonly string[]) {
  return db.outboundEmail.findMany({ where: { id: { in: [...ids] } } });
}

export function getOutboundEmail(db: Db, id: string) {
  return db.outboundEmail.findUnique({ where: { id } });
}
