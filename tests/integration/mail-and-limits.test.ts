import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/db/audit";
import { listOutbox } from "@/lib/db/outbox";
import { consumeLimits, resetLimit, type Limit } from "@/lib/db/rate-limits";
import { sendMail } from "@/lib/mail/send";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();

describe("sendMail without SMTP (the mail sink)", () => {
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

  it("records an SMTP failure on the message and reports it", async () => {
    const env = { SMTP_URL: "smtp://127.0.0.1:1" }; // nothing listens on port 1
    await expect(
      sendMail(t.db, { kind: "sign-in", to: "smtp@example.org", subject: "Via SMTP", text: "x", html: "x" }, env),
    ).rejects.toThrow();
    const [row] = await listOutbox(t.db, { to: "smtp@example.org" });
    expect(row).toMatchObject({ transport: "smtp", sentAt: null });
    expect(row!.error).toMatch(/ECONNREFUSED|connect/i);
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
