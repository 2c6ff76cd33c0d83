// Sends mail through SMTP when SMTP_URL is set; otherwise the local sink keeps
// it (in the database, readable at /admin/outbox) and prints it to the log. With SMTP
// the database keeps a copy without sign-in secrets (storedCopy).
//
// Two ways: sendMail sends inside the request (sign-in mail, which the person waits for);
// queueMail records the mail and leaves its delivery to the job queue (lib/db/jobs.ts),
// which retries it while the SMTP server is down or refusing for now, and gives up only
// when the server refuses the address for good.
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
// The file, not its folder: the compiled server runs on Node.js's own loader, which imports no folder.
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { addJob } from "@/lib/db/jobs";
import { SIGN_IN_MINUTES } from "@/lib/auth/codes";
import {
  getOutboundEmail,
  keepForRetry,
  listOutboundEmails,
  markEmailSent,
  recordDeliveryAttempt,
  recordEmail,
  recordEmails,
  replaceStoredCopy,
  type OutboundEmailInput,
} from "@/lib/db/outbox";
import { siteUrl } from "@/lib/http/site-url";
import { maskSignInSecrets } from "./sign-in-email";

/**
 * One SMTP transport per server address (the app has one; tests use several). Pooled: it
 * keeps a few connections open and sends message after message on them, where a transport
 * per message would connect, greet and say goodbye each time (a queue of thousands of
 * reminders or an announcement to a whole cohort would spend most of its time on that).
 * SMTP_URL's own query (e.g. ?pool=false&maxConnections=2) overrides these settings.
 */
const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    const pooled = new URL(url);
    for (const [key, value] of Object.entries({ pool: "true", maxConnections: "4", maxMessages: "500" }))
      if (!pooled.searchParams.has(key)) pooled.searchParams.set(key, value);
    transport = nodemailer.createTransport(pooled.toString());
    Object.assign(transport, { getSocket: connectWithoutDelay });
    transports.set(url, transport);
  }
  return transport;
}

/**
 * The SMTP connections, opened with TCP_NODELAY (nodemailer's documented getSocket hook):
 * nodemailer writes a message and its closing dot as two writes, and without it each
 * message waited about 40 ms for the server's delayed acknowledgement, which capped a
 * connection at some 25 messages a second. TLS (smtps, STARTTLS) is set up over this
 * socket by nodemailer as usual.
 */
function connectWithoutDelay(
  options: { host?: string; port?: number; secure?: boolean },
  callback: (err: Error | null, socket?: { connection: net.Socket }) => void,
) {
  const socket = net.connect({
    host: options.host ?? "localhost",
    port: options.port ?? (options.secure ? 465 : 587),
    noDelay: true,
  });
  const fail = (err: Error) => {
    socket.destroy();
    callback(err);
  };
  socket.setTimeout(CONNECT_TIMEOUT_MS, () => fail(new Error("Timed out connecting to the SMTP server")));
  socket.once("error", fail);
  socket.once("connect", () => {
    socket.setTimeout(0);
    socket.removeListener("error", fail);
    callback(null, { connection: socket });
  });
}
const CONNECT_TIMEOUT_MS = 30_000;

/** Closes the pooled SMTP connections (a stopping worker, a test's end): the server is told goodbye at once. */
export function closeMailTransports() {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/** What the outbox keeps of a mail: all of it in the local sink (the only copy), else no sign-in secret. */
export function storedCopy(mail: OutboundEmailInput, transport: "sink" | "smtp"): OutboundEmailInput {
  return transport === "sink" ? mail : maskSignInSecrets(mail);
}

/** The local mail sink's copy in the server log, for a developer without an SMTP server. */
function printToSink(mail: { to: string; subject: string; text: string }) {
  console.log(
    `\n[mail sink] To: ${mail.to}\n[mail sink] Subject: ${mail.subject}\n${mail.text.replace(/^/gm, "[mail sink] ")}\n`,
  );
}

/**
 * A mail's Message-ID, from its row in the outbox: the same at every delivery attempt. A
 * worker killed after the SMTP server accepted a mail but before the outbox recorded it
 * sends it again on restart; mail systems recognise the repeat by this id.
 */
export function messageIdOf(emailId: string): string {
  return `<${emailId}@${new URL(siteUrl()).hostname}>`;
}

export const MAIL_FROM = () => process.env.MAIL_FROM ?? "BTBU-ECOSF Training <no-reply@localhost>";

/**
 * Hands the outbox's mail `id` to the SMTP server, with its Message-ID and, for optional
 * mail, its unsubscribe headers. The message is composed whole first (nodemailer's
 * MailComposer, as sendMail would compose it) and handed over as one piece: streamed, each
 * mail went to the socket in some 14 writes, a system call each here and a read each on the
 * server's side; whole, in 5 (its 3 commands, the message, the closing dot).
 */
async function sendOverSmtp(
  url: string,
  id: string,
  mail: { to: string; subject: string; text: string; html: string; unsubscribeUrl?: string | null },
) {
  const message = new MailComposer({
    from: MAIL_FROM(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: listUnsubscribeHeaders(mail.unsubscribeUrl),
    messageId: messageIdOf(id),
  }).compile();
  return transportFor(url).sendMail({ envelope: message.getEnvelope(), raw: await message.build() });
}

export async function sendMail(
  db: Db,
  mail: OutboundEmailInput,
  env: { SMTP_URL?: string } = { SMTP_URL: process.env.SMTP_URL },
): Promise<{ id: string; queued?: true }> {
  const to = mail.to.toLowerCase();
  if (!env.SMTP_URL) {
    const { id } = await recordEmail(db, { ...mail, to }, "sink");
    await markEmailSent(db, id);
    printToSink({ ...mail, to });
    return { id };
  }
  const { id } = await recordEmail(db, storedCopy({ ...mail, to }, "smtp"), "smtp");
  try {
    await sendOverSmtp(env.SMTP_URL, id, { ...mail, to });
    await markEmailSent(db, id);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Refused for good (the address does not exist): the person is told at once.
    if (isPermanentSmtpError(err)) {
      await markEmailSent(db, id, message);
      throw err;
    }
    // Not taken for now (server down or busy): the queue tries again within the minute,
    // and the person goes on to wait for it as usual.
    await keepForRetry(db, id, mail, message);
    await addJob(db, "send-email", { emailId: id }, { key: `email:${id}`, maxAttempts: INLINE_RETRIES });
    return { id, queued: true };
  }
  return { id };
}

/**
 * Attempts the queue makes at a mail first tried inside a request: about 3 s, 7 s, 20 s,
 * 1 min, 2.5 min and 7 min apart; the last comes after a sign-in mail's link and code have
 * expired (SIGN_IN_MINUTES), and gives the mail up, its copy masked.
 */
const INLINE_RETRIES = 7;

/**
 * Records the mail as queued and adds the job that delivers it, in `db`'s transaction when
 * it is one (the mail then exists exactly when the change that sends it does).
 */
export async function queueMail(
  db: Db | Prisma.TransactionClient,
  mail: OutboundEmailInput,
  env: { SMTP_URL?: string } = { SMTP_URL: process.env.SMTP_URL },
): Promise<{ id: string }> {
  const transport = env.SMTP_URL ? "smtp" : "sink";
  const { id } = await recordEmail(db, { ...mail, to: mail.to.toLowerCase() }, transport);
  await addJob(db, "send-email", { emailId: id }, { key: `email:${id}` });
  return { id };
}

/** Mails queued per transaction by queueMails: a short transaction each, whatever the total. */
export const QUEUE_BATCH = 250;

/**
 * queueMail for many mails: a transaction of two statements per batch of QUEUE_BATCH, so that
 * ten thousand reminders neither hold one long transaction nor a pool connection for long.
 * A mail whose key was queued before is left out: run again after a failure half-way, it
 * queues only what is missing.
 */
export async function queueMails(
  db: Db,
  mails: readonly OutboundEmailInput[],
  env: { SMTP_URL?: string } = { SMTP_URL: process.env.SMTP_URL },
): Promise<string[]> {
  const transport = env.SMTP_URL ? "smtp" : "sink";
  const queued: string[] = [];
  for (let start = 0; start < mails.length; start += QUEUE_BATCH) {
    const batch = mails.slice(start, start + QUEUE_BATCH);
    const ids = await db.$transaction(async (tx) => {
      const written = await recordEmails(
        tx,
        batch.map((m) => ({ ...m, to: m.to.toLowerCase() })),
        transport,
      );
      // One job delivers the batch: the queue's own cost is paid once per batch, not per mail.
      if (written.length > 0) await addJob(tx, "send-emails", { emailIds: written });
      return written;
    });
    queued.push(...ids);
  }
  return queued;
}

/**
 * RFC 8058's headers for optional mail: a mail client shows an "Unsubscribe" button that
 * POSTs "List-Unsubscribe=One-Click" to the address (app/api/unsubscribe/route.ts).
 */
export function listUnsubscribeHeaders(url: string | null | undefined): Record<string, string> | undefined {
  return url ? { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined;
}

/** Whether an SMTP error is the server's final word on this message (a 5xx answer): retrying cannot help. */
export function isPermanentSmtpError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/** Delivers one queued mail (the send-email job), as `deliver` below does. */
export async function deliverQueuedEmail(
  db: Db,
  id: string,
  env: { SMTP_URL?: string } = { SMTP_URL: process.env.SMTP_URL },
): Promise<Delivery> {
  const mail = await getOutboundEmail(db, id);
  if (!mail) return "missing";
  return deliver(db, mail, env);
}

type Delivery = "sent" | "already-sent" | "failed" | "missing";
type StoredMail = NonNullable<Awaited<ReturnType<typeof getOutboundEmail>>>;

/** Mails of one send-emails job on their way to the SMTP server at once (its pool keeps as many connections). */
const IN_FLIGHT = 4;

/**
 * Delivers a batch of queued mails (the send-emails job), a few at a time. Each is delivered
 * as deliverQueuedEmail delivers one. When any was not taken for now, the job fails after
 * the batch and is retried: the mails sent meanwhile are skipped then.
 */
export async function deliverQueuedEmails(
  db: Db,
  ids: readonly string[],
  env: { SMTP_URL?: string } = { SMTP_URL: process.env.SMTP_URL },
): Promise<Record<Delivery, number>> {
  const mails = await listOutboundEmails(db, ids);
  const counts: Record<Delivery, number> = {
    sent: 0,
    "already-sent": 0,
    failed: 0,
    missing: ids.length - mails.length,
  };
  const errors: unknown[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < mails.length; i = next++) {
      try {
        counts[await deliver(db, mails[i]!, env)] += 1;
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, mails.length) }, lane));
  if (errors.length > 0) {
    const first = errors[0] instanceof Error ? errors[0].message : String(errors[0]);
    throw new Error(`${errors.length} of ${mails.length} e-mails not sent yet, to be tried again: ${first}`);
  }
  return counts;
}

/**
 * Delivers a stored mail. Sent already: nothing to do, so a job that runs twice sends once.
 * Refused for good (5xx): recorded as failed and not retried. Any other error (server down,
 * 4xx): recorded and thrown, for the queue to retry.
 */
async function deliver(db: Db, mail: StoredMail, env: { SMTP_URL?: string }): Promise<Delivery> {
  const { id } = mail;
  if (mail.sentAt || mail.failedAt) return "already-sent";
  // A sign-in mail kept whole for its retries: once sent or given up, the copy loses its secrets.
  const secretsKept = mail.kind === "sign-in" && mail.transport === "smtp";
  const forget = () => (secretsKept ? replaceStoredCopy(db, id, maskSignInSecrets(mail)) : undefined);
  if (secretsKept && Date.now() - mail.createdAt.getTime() > SIGN_IN_MINUTES * 60_000) {
    await recordDeliveryAttempt(db, id, {
      sent: false,
      error: "Not sent before its link and code expired",
      giveUp: true,
    });
    await forget();
    return "failed";
  }
  if (mail.transport === "sink" || !env.SMTP_URL) {
    await recordDeliveryAttempt(db, id, { sent: true });
    printToSink(mail);
    return "sent";
  }
  try {
    await sendOverSmtp(env.SMTP_URL, id, mail);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const permanent = isPermanentSmtpError(err);
    await recordDeliveryAttempt(db, id, { sent: false, error: message, giveUp: permanent });
    if (permanent) {
      await forget();
      return "failed";
    }
    throw err;
  }
  await recordDeliveryAttempt(db, id, { sent: true });
  await forget();
  return "sent";
}
