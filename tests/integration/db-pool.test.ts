import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createPrismaClient, databaseTimeouts, poolOf, type Db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const ZPid = z.strictObject({ pid: z.number() });

/** Three statements at once, each on a connection of its own: the pids of their PostgreSQL processes. */
async function rush(db: Db): Promise<Set<number>> {
  const rows = await Promise.all(
    [1, 2, 3].map(() => sql(db).rows(ZPid)`SELECT pg_backend_pid() AS pid FROM pg_sleep(0.05)`),
  );
  return new Set(rows.flat().map((r) => r.pid));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("a pool's idle connections", () => {
  it("are kept five minutes unless DB_IDLE_CONNECTION_MS says otherwise, not pg's 10 s", () => {
    vi.stubEnv("DB_IDLE_CONNECTION_MS", "");
    expect(databaseTimeouts().idleConnectionMs).toBe(300_000);
    vi.stubEnv("DB_IDLE_CONNECTION_MS", "2500");
    expect(databaseTimeouts().idleConnectionMs).toBe(2_500);
    vi.stubEnv("DB_IDLE_CONNECTION_MS", "soon");
    expect(databaseTimeouts().idleConnectionMs).toBe(300_000);
  });

  it("serve the next rush with the processes of the last one while kept", async () => {
    vi.stubEnv("DB_IDLE_CONNECTION_MS", "60000");
    const db = createPrismaClient(t.url, { max: 3 });
    try {
      const first = await rush(db);
      expect(first.size).toBe(3);
      await sleep(600);
      expect(poolOf(db).idleCount).toBe(3);
      expect(await rush(db)).toEqual(first);
    } finally {
      await db.$disconnect();
    }
  });

  it("are closed once idle for longer than that", async () => {
    vi.stubEnv("DB_IDLE_CONNECTION_MS", "200");
    const db = createPrismaClient(t.url, { max: 3 });
    try {
      const first = await rush(db);
      await vi.waitFor(() => expect(poolOf(db).totalCount).toBe(0), { timeout: 5_000, interval: 50 });
      const second = await rush(db);
      expect([...second].filter((pid) => first.has(pid))).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });
});
