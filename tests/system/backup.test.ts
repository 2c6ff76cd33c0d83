// `npm run db:backup` while the app runs and rows keep coming in, then `npm run db:restore`
// into a fresh data folder, and `npm start` on the copy: every row of the backup's instant is
// there, and the app serves it.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Manifest } from "@/scripts/lib/backup";
import { startEmbeddedPostgres } from "@/scripts/lib/postgres";
import { freshFolder, lmsUrl, npmRun, query, start, waitForReady } from "./support";

describe("backups", { timeout: 600_000 }, () => {
  it("[BACKUP]: a backup taken under load restores into a fresh folder, and the app starts on it with every row", async () => {
    const work = freshFolder();
    const dataDir = path.join(work, "pg");
    const run = start({ PORT: "0", EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
    const { pgPort } = await waitForReady(run);

    // Load: people signing up one after another, each in a transaction of its own, for as long as the backup runs.
    const writer = new pg.Client({ connectionString: lmsUrl(dataDir, pgPort!) });
    await writer.connect();
    let committed = 0;
    let loading = true;
    const load = (async () => {
      while (loading) {
        await writer.query(
          "INSERT INTO users (id, email, certificate_name, updated_at) VALUES ($1, $2, 'Load Person', now())",
          [`load-${committed}`, `load-${committed}@example.org`],
        );
        committed += 1;
      }
    })();
    while (committed < 200) await new Promise((r) => setTimeout(r, 20));
    const before = committed;
    const folder = path.join(work, "backup");
    const backup = await npmRun("db:backup", [folder], { EMBEDDED_PG_DATA_DIR: dataDir });
    const after = committed;
    loading = false;
    await load;
    await writer.end();
    expect(backup, backup.output).toMatchObject({ code: 0 });
    expect(backup.output).toMatch(new RegExp(`Backed up \\d+ rows of \\d+ tables into ${folder}`));

    const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")) as Manifest;
    const users = manifest.tables.find((t) => t.schema === "public" && t.name === "users")!;
    // The instant of the backup: every row committed before it began, none after it ended.
    const loaded = users.rows - 1; // the seeded admin
    expect(loaded).toBeGreaterThanOrEqual(before);
    expect(loaded).toBeLessThanOrEqual(after);
    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);

    // Restored into a fresh folder: every table holds what the manifest says.
    const restoredDir = path.join(work, "restored");
    const restore = await npmRun("db:restore", [folder], { EMBEDDED_PG_DATA_DIR: restoredDir, EMBEDDED_PG_PORT: "0" });
    expect(restore, restore.output).toMatchObject({ code: 0 });
    expect(restore.output).toContain(`from the backup of ${manifest.createdAt}`);
    const again = await npmRun("db:restore", [folder], { EMBEDDED_PG_DATA_DIR: restoredDir, EMBEDDED_PG_PORT: "0" });
    expect(again.code).toBe(1);
    expect(again.output.trim()).toBe(
      `${restoredDir} holds a database already: set EMBEDDED_PG_DATA_DIR to a new folder (or move that one away) and restore again`,
    );
    const server = await startEmbeddedPostgres({ dataDir: restoredDir, port: 0 });
    try {
      for (const t of manifest.tables) {
        const rows = await query<{ n: number }>(
          server.url("lms"),
          `SELECT count(*)::int AS n FROM "${t.schema}"."${t.name}"`,
        );
        expect([t.schema, t.name, rows[0]!.n]).toEqual([t.schema, t.name, t.rows]);
      }
      const ids = await query<{ id: string }>(server.url("lms"), "SELECT id FROM users WHERE id LIKE 'load-%'");
      expect(new Set(ids.map((r) => r.id))).toEqual(new Set(Array.from({ length: loaded }, (_, i) => `load-${i}`)));
    } finally {
      await server.stop();
    }

    // The app starts on the copy and serves it.
    const copy = start({ PORT: "0", EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: restoredDir });
    const { port } = await waitForReady(copy);
    expect(copy.output()).toContain("No pending migrations");
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    process.kill(copy.child.pid!, "SIGTERM");
    expect(await copy.exited).toBe(0);
  });
});
