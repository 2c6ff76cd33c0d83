import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { getHealth, listMigrationNames } from "@/lib/db/health";
import { setUpTestDatabase } from "./support/database";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const DEAD_URL = "postgresql://postgres:postgres@127.0.0.1:1/nothing";
const t = setUpTestDatabase();

describe("getHealth", () => {
  it("is ok when the database is up and every migration is applied", async () => {
    const expected = listMigrationNames(MIGRATIONS);
    expect(expected.length).toBeGreaterThan(0);
    expect(await getHealth(t.db, MIGRATIONS)).toEqual({
      status: "ok",
      database: "up",
      migrations: { expected: expected.length, applied: expected.length, pending: [] },
    });
  });

  it("reports a migration of the build that the database lacks", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    for (const name of [...listMigrationNames(MIGRATIONS), "29991231000000_future"]) mkdirSync(path.join(dir, name));
    try {
      const health = await getHealth(t.db, dir);
      expect(health.status).toBe("error");
      expect(health.database).toBe("up");
      expect(health.migrations?.pending).toEqual(["29991231000000_future"]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("reports the database down when it cannot connect", async () => {
    const dead = createPrismaClient(DEAD_URL, { max: 1 });
    expect(await getHealth(dead, MIGRATIONS)).toEqual({ status: "error", database: "down", migrations: null });
    await dead.$disconnect();
  });
});

describe("GET /api/health", () => {
  async function callRoute(databaseUrl: string) {
    vi.resetModules();
    (globalThis as { __db?: unknown }).__db = undefined;
    vi.stubEnv("DATABASE_URL", databaseUrl);
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    vi.unstubAllEnvs();
    return { status: response.status, body: await response.json(), cache: response.headers.get("cache-control") };
  }

  it("answers 200 with the status, the database and the migrations", async () => {
    const r = await callRoute(t.url);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "ok", database: "up", migrations: { pending: [] } });
    expect(r.cache).toBe("no-store");
  });

  it("answers 503 when the database is down", async () => {
    const r = await callRoute(DEAD_URL);
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ status: "error", database: "down", migrations: null });
  });
});
