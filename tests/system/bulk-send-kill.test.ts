// The worker killed (SIGKILL) half-way through an announcement to a whole cohort, then a new
// one started, as after a crash and a restart: every recipient has exactly one e-mail in
// the outbox, every one is delivered, and a mail the SMTP server had accepted just before
// the kill, but the outbox had not yet recorded, comes again with the same Message-ID, for
// mail systems to recognise.
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { saveAnnouncementDraft, sendAnnouncement } from "@/lib/db/announcements";
import { createTestDatabase } from "../integration/support/database";
import { smtpServer } from "../integration/support/smtp";
import { ROOT } from "./support";

const RECIPIENTS = 1_200;
const CONCURRENCY = 4;

function startWorker(env: Record<string, string>) {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, JOB_CONCURRENCY: String(CONCURRENCY), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it(
  "[JOBS][CRASH]: an announcement to 1,200 people, its worker killed half-way: after a new worker starts, each person has one e-mail, delivered, under one Message-ID",
  { timeout: 400_000 },
  async () => {
    const t = await createTestDatabase();
    const smtp = smtpServer({ delayMs: 3 });
    await new Promise<void>((resolve) => smtp.server.listen(0, "127.0.0.1", resolve));
    const workers: ChildProcess[] = [];
    try {
      const cohort = await t.db.cohort.create({
        data: { slug: "crash", name: "Crash cohort", timeZone: "UTC", startsOn: new Date(), endsOn: new Date() },
      });
      const admin = await t.db.user.create({ data: { email: "crash-admin@example.org", role: "ADMIN" } });
      const users = await t.db.user.createManyAndReturn({
        data: Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `p${i}@example.org`, certificateName: `P ${i}` })),
        select: { id: true },
      });
      await t.db.enrolment.createMany({
        data: users.map((u) => ({ userId: u.id, cohortId: cohort.id, status: "ACTIVE" })),
      });
      const id = await saveAnnouncementDraft(t.db, {
        actorId: admin.id,
        cohortId: cohort.id,
        audience: "all",
        subject: "Closing session",
        body: "Thank you all for taking part in the programme.",
      });
      const env = {
        DATABASE_URL: t.url,
        AUTH_SECRET: "system-test-secret-0123456789abcdef",
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.server.address() as AddressInfo).port}`,
        SITE_URL: "https://training.example.org",
      };
      const first = startWorker(env);
      workers.push(first.child);
      expect(await sendAnnouncement(t.db, { actorId: admin.id, cohortId: cohort.id, id: id!, lectures: [] })).toEqual({
        ok: true,
        recipients: RECIPIENTS,
      });
      await until(() => smtp.received.length >= 300, `the first worker has sent 300 (output: ${first.output()})`);
      first.child.kill("SIGKILL");
      await first.exited;
      const atKill = smtp.received.length;
      expect(atKill).toBeLessThan(RECIPIENTS);

      const second = startWorker(env);
      workers.push(second.child);
      const sent = () =>
        t.db.outboundEmail.count({ where: { key: { startsWith: `announcement:${id}:` }, sentAt: { not: null } } });
      await until(async () => (await sent()) === RECIPIENTS, `every e-mail is sent (output: ${second.output()})`);

      // One e-mail per person in the outbox, none left waiting or failed.
      const rows = await t.db.outboundEmail.findMany({
        where: { key: { startsWith: `announcement:${id}:` } },
        select: { id: true, to: true, sentAt: true, failedAt: true },
      });
      expect(rows).toHaveLength(RECIPIENTS);
      expect(new Set(rows.map((r) => r.to)).size).toBe(RECIPIENTS);
      expect(rows.filter((r) => r.sentAt === null || r.failedAt !== null)).toEqual([]);
      // Every person received it; a repeat is only a mail that was in flight at the kill, with its first Message-ID.
      const messageIds = smtp.received.map((m) => /^Message-ID: (<[^>]+>)/im.exec(m.raw)?.[1]);
      expect(messageIds.every(Boolean)).toBe(true);
      expect(new Set(messageIds).size).toBe(RECIPIENTS);
      expect(new Set(messageIds)).toEqual(new Set(rows.map((r) => `<${r.id}@training.example.org>`)));
      expect(smtp.received.length - RECIPIENTS).toBeLessThanOrEqual(CONCURRENCY);
      expect(new Set(smtp.received.map((m) => m.to)).size).toBe(RECIPIENTS);
    } finally {
      for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
      await new Promise<void>((resolve) => smtp.server.close(resolve));
      await t.drop();
    }
  },
);
