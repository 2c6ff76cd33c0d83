// The record of every e-mail the app sends (the local mail sink when there is no SMTP).
import type { Db } from "./client";

export type OutboundEmailInput = { to: string; subject: string; text: string; html: string };

export function recordEmail(db: Db, mail: OutboundEmailInput, transport: "sink" | "smtp") {
  return db.outboundEmail.create({ data: { ...mail, transport }, select: { id: true } });
}

export function markEmailSent(db: Db, id: string, error?: string) {
  return db.outboundEmail.update({ where: { id }, data: error ? { error } : { sentAt: new Date() } });
}

/** For the admin outbox; callers check the admin role first. */
export function listOutbox(db: Db, opts: { take?: number; to?: string } = {}) {
  return db.outboundEmail.findMany({
    where: opts.to ? { to: opts.to.toLowerCase() } : undefined,
    orderBy: { createdAt: "desc" },
    take: opts.take ?? 50,
  });
}

export function getOutboundEmail(db: Db, id: string) {
  return db.outboundEmail.findUnique({ where: { id } });
}
