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

export const HIDDEN = "[hidden]";

/**
 * A text of an e-mail without its sign-in secrets: the token of any sign-in link, and, in a
 * sign-in e-mail, the 6-digit code. The outbox, the stored copy after delivery and a
 * person's data export all show mail through it.
 */
export function maskSignInText(text: string, signIn: boolean): string {
  const linkless = text.replace(/([?&](?:amp;)?token=)[^&\s"'<>]+/g, `$1${HIDDEN}`);
  return signIn ? linkless.replace(/\b\d{3} ?\d{3}\b/g, HIDDEN) : linkless;
}
