// The states of an outgoing e-mail, as the outbox shows them. Pure.

export const OUTBOX_STATUSES = ["queued", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Sent; failed (delivery given up: the server refused the address for good); else queued (retried while it fails). */
export function outboxStatus(mail: { sentAt: Date | null; failedAt: Date | null }): OutboxStatus {
  return mail.sentAt ? "sent" : mail.failedAt ? "failed" : "queued";
}

/** What an e-mail is: the outbox filters by it. "other" for mail written before kinds were kept. */
export const MAIL_KINDS = ["sign-in", "invitation", "notice", "reminder", "announcement", "other"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
