import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/db/audit";
import { getOutboundEmail, listOutbox } from "@/lib/db/outbox";
import { consumeLimits, resetLimit, type Limit } from "@/lib/db/rate-limits";
import { deliverQueuedEmail, MAIL_FROM, messageIdOf, queueMail, sendMail } from "@/lib/mail/send";
import { composeSignInEmail } from "@/lib/mail/sign-in-email";
import { setUpTestDatabase } from "./support/database";
import { setUpSmtpServer } from "./support/smtp";

const t = setUpTestDatabase();
const smtp = setUpSmtpServer();

describe("sending mail inside the request (sendMail)", () => {
  it("keeps the message, marked sent, for the admin outbox", async () => {
    const before = Date.now();
    const { id } = await sendMail(
      t.db,
      { kind: "sign-in", to: "Someone@Example.org", subject: "Hello", text: "Body", html: "<p>Body</p>" },
      {},
    );
    const [row] = await listOutbox(t.db, { to: "someone@example.org" });
    expect(row).toMatchObject({
      id,
      to: "someone@example.org",
      subject: "Hello",
      text: "Body",
      transport: "sink",
      error: null,
    });
    expect(row!.sentAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("[MAIL]: a sign-in mail the SMTP server does not take for now is kept whole for the queue, which delivers it and then masks its copy", async () => {
    const down = { SMTP_URL: "smtp://127.0.0.1:1" }; // nothing listens on port 1
    const mail = await composeSignInEmail({
      url: "https://t.example/api/auth/callback/nodemailer?token=SECRETTOKEN&email=a",
      code: "123456",
      minutes: 10,
      siteName: "Site",
    });
    const sent = await sendMail(t.db, { kind: "sign-in", to: "smtp@example.org", ...mail }, down);
    expect(sent.queued).toBe(true);
    const [row] = await listOutbox(t.db, { to: "smtp@example.org" });
    expect(row).toMatchObject({ transport: "smtp", sentAt: null, failedAt: null, attempts: 1 });
    expect(row!.error).toMatch(/ECONNREFUSED|connect/i);
    expect(row!.text).toContain("SECRETTOKEN");
    const [job] = await t.db.$queryRaw<{ max_attempts: number }[]>`
      SELECT max_attempts FROM graphile_worker.jobs WHERE key = ${`email:${row!.id}`}`;
    expect(job?.max_attempts).toBe(7);

    // The server is back: the queue's attempt delivers it, and the stored copy loses its secrets.
    expect(await deliverQueuedEmail(t.db, row!.id, smtp.env)).toBe("sent");
    expect(smtp.received.filter((m) => m.to === "smtp@example.org")).toHaveLength(1);
    const after = await getOutboundEmail(t.db, row!.id);
    expect(after!.sentAt).not.toBeNull();
    expect(after!.text).not.toContain("SECRETTOKEN");
    expect(after!.text).not.toContain("123 456");
  });

  it("[MAIL]: a queued mail reaches the SMTP server as one whole message: envelope, headers, and its text and HTML parts", async () => {
    const { id } = await queueMail(
      t.db,
      {
        kind: "announcement",
        to: "Whole@Example.org",
        subject: "Séance de clôture — 15 décembre",
        text: "Merci à tous.\n.\nA line of one dot, which SMTP must escape.",
        html: "<p>Merci à tous.</p>",
        unsubscribeUrl: "https://t.example/api/unsubscribe?u=1",
      },
      smtp.env,
    );
    expect(await deliverQueuedEmail(t.db, id, smtp.env)).toBe("sent");
    const [mail] = smtp.received.filter((m) => m.to === "whole@example.org");
    expect(mail).toBeDefined();
    const { from, raw } = mail!;
    expect(from).toBe(/<([^>]+)>/.exec(MAIL_FROM())![1]);
    const headers = raw.slice(0, raw.indexOf("\r\n\r\n"));
    expect(headers).toMatch(/^From: .+$/m);
    expect(headers).toMatch(/^To: whole@example\.org$/m);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(headers).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} /m);
    expect(headers).toContain(`Message-ID: ${messageIdOf(id)}`);
    expect(headers).toContain("List-Unsubscribe: <https://t.example/api/unsubscribe?u=1>");
    expect(headers).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toContain("Content-Type: text/plain; charset=utf-8");
    expect(raw).toContain("Content-Type: text/html; charset=utf-8");
    // The lone dot arrives as it was written: the sender escaped it and the server took the escape off.
    expect(raw).toMatch(/\r\n\.\r\nA line of one dot/);
    expect((await getOutboundEmail(t.db, id))!.sentAt).not.toBeNull();
  });

  it("[MAIL]: a sign-in mail still not delivered when its link expires is given up, its copy masked; an address refused for good is reported at once", async () => {
    const mail = await composeSignInEmail({
      url: "https://t.example/api/auth/callback/nodemailer?token=OLDTOKEN&email=b",
      code: "654321",
      minutes: 10,
      siteName: "Site",
    });
    const { id } = await sendMail(
      t.db,
      { kind: "sign-in", to: "late@example.org", ...mail },
      { SMTP_URL: "smtp://127.0.0.1:1" },
    );
    await t.db.outboundEmail.update({ where: { id }, data: { createdAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await deliverQueuedEmail(t.db, id, smtp.env)).toBe("failed");
    const row = await getOutboundEmail(t.db, id);
    expect(row).toMatchObject({
      sentAt: null,
      failedAt: expect.any(Date),
      error: "Not sent before its link and code expired",
    });
    expect(row!.text).not.toContain("OLDTOKEN");
    expect(smtp.received.filter((m) => m.to === "late@example.org")).toEqual([]);

    smtp.state.answer = "unknown-user";
    try {
      await expect(sendMail(t.db, { kind: "sign-in", to: "nobody@example.org", ...mail }, smtp.env)).rejects.toThrow(
        /No such user/,
      );
    } finally {
      smtp.state.answer = "accept";
    }
  });
});

describe("rate limits in PostgreSQL", () => {
  const limit: Limit = { name: "test-limit", points: 3, durationSeconds: 600 };

  it("allows the limit, then refuses with the time to wait; keys are independent", async () => {
    for (let i = 0; i < 3; i++)
      expect(await consumeLimits(t.db, [{ limit, key: "a@example.org" }])).toEqual({ ok: true });
    const refused = await consumeLimits(t.db, [{ limit, key: "a@example.org" }]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(590);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    }
    expect(await consumeLimits(t.db, [{ limit, key: "b@example.org" }])).toEqual({ ok: true });
    await resetLimit(t.db, limit, "a@example.org");
    expect(await consumeLimits(t.db, [{ limit, key: "a@example.org" }])).toEqual({ ok: true });
  });

  it("counts concurrent requests: 10 at once against a limit of 3 let exactly 3 through", async () => {
    const burst: Limit = { name: "burst", points: 3, durationSeconds: 600 };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => consumeLimits(t.db, [{ limit: burst, key: "k" }])),
    );
    const allowed = results.filter((r) => r.status === "fulfilled" && r.value.ok).length;
    expect(allowed).toBeLessThanOrEqual(3);
    const row = await t.db.rateLimiterFlexible.findUnique({ where: { key: "burst:k" } });
    expect(row?.points).toBeGreaterThanOrEqual(3);
  });
});

describe("audit log", () => {
  it("keeps actions of the form area.verb and refuses anything else", async () => {
    await recordAudit(t.db, { action: "auth.sign_in_failed", subject: "X@Example.org", ip: "127.0.0.1" });
    expect(await t.db.auditEvent.findFirst({ where: { action: "auth.sign_in_failed" } })).toMatchObject({
      subject: "x@example.org",
      ip: "127.0.0.1",
    });
    await expect(recordAudit(t.db, { action: "Sign In" })).rejects.toThrow("audit_events_action_check");
  });
});
