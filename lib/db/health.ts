// Readiness of the database: reachable, and every migration of this build applied.
import { readdirSync } from "node:fs";
import { z } from "zod";
import type { Db } from "./client";
import { checkedRows } from "./sql";

export type Health = {
  status: "ok" | "error";
  database: "up" | "down";
  migrations: { expected: number; applied: number; pending: string[] } | null;
};

const ZMigrationRow = z.strictObject({ migration_name: z.string() });

export function listMigrationNames(migrationsDir: string): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d+_/.test(d.name))
    .map((d) => d.name)
    .sort();
}

export async function getHealth(db: Db, migrationsDir: string): Promise<Health> {
  const expected = listMigrationNames(migrationsDir);
  let applied: string[];
  try {
    const rows = checkedRows(
      ZMigrationRow,
      await db.$queryRaw`
        SELECT migration_name FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = rows.map((r) => r.migration_name);
  } catch (err) {
    // A reachable server without our migrations table is up but not migrated.
    const reachable = await db.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    if (!reachable) return { status: "error", database: "down", migrations: null };
    console.error("health: cannot read _prisma_migrations", err);
    applied = [];
  }
  const done = new Set(applied);
  const pending = expected.filter((m) => !done.has(m));
  return {
    status: pending.length === 0 ? "ok" : "error",
    database: "up",
    migrations: { expected: expected.length, applied: expected.length - pending.length, pending },
  };
}
