// `npm run bench -- roster`: a 10,000-row roster import on the embedded
// PostgreSQL (durable settings, as `npm start` runs it), or on DATABASE_URL's
// server in a throwaway database. Prints the times; asserts nothing.
//   BENCH_ROWS (default 10000)
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient } from "../lib/db/client.ts";
import { commitRosterImport, previewRosterImport, stageRosterImport } from "../lib/db/roster.ts";
import { parseRoster } from "../lib/domain/roster.ts";
import { migrate } from "../scripts/lib/database.ts";
import { adminUrlOf, databaseUrlOf, dropDatabase, ensureDatabase } from "../scripts/lib/pg-admin.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { startEmbeddedPostgres } from "../scripts/lib/postgres.ts";
import { generateRoster } from "../tests/support/roster-fixture.ts";

const rows = Number(process.env.BENCH_ROWS ?? 10_000);

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await fn();
  console.log(`  ${label.padEnd(44)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
  return result;
}

async function main() {
  let stopServer = async () => {};
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = adminUrlOf(process.env.DATABASE_URL);
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "lms-bench-roster-"));
    chmodSync(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await getFreePort() });
    adminUrl = server.url("postgres");
    stopServer = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `lms_bench_roster_${process.pid}`;
  await ensureDatabase(adminUrl, name);
  const url = databaseUrlOf(adminUrl, name);
  const db = createPrismaClient(url);
  try {
    await migrate(url, { quiet: true });
    const cohort = await db.cohort.create({
      data: {
        slug: "bench",
        name: "Bench cohort",
        timeZone: "UTC",
        startsOn: new Date("2026-07-01"),
        endsOn: new Date("2026-07-31"),
      },
    });
    const admin = await db.user.create({ data: { email: "bench-admin@example.org", role: "ADMIN" } });
    const content = generateRoster(rows);
    console.log(
      `Roster import of ${rows.toLocaleString("en")} rows (${(Buffer.byteLength(content) / 1024).toFixed(0)} KB), ${cpus().length} CPUs, ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL 17"}`,
    );
    await timed("parse only (pure)", () => parseRoster(content));
    console.log("First import (all new):");
    const first = await timed("upload: stage the file", () =>
      stageRosterImport(db, admin.id, cohort.id, { fileName: "bench.csv", content }),
    );
    const preview = await timed("dry run: parse + look up people + plan", () =>
      previewRosterImport(db, cohort.id, first.id),
    );
    const commit = await timed("confirm: plan again + write in one transaction", () =>
      commitRosterImport(db, admin.id, cohort.id, first.id, { invite: false }),
    );
    console.log("Same file again (nothing to change):");
    const second = await stageRosterImport(db, admin.id, cohort.id, { fileName: "bench.csv", content });
    const preview2 = await timed("dry run", () => previewRosterImport(db, cohort.id, second.id));
    await timed("confirm", () => commitRosterImport(db, admin.id, cohort.id, second.id, { invite: false }));
    console.log(
      `Plans: first ${JSON.stringify(preview?.plan?.counts)}, second ${JSON.stringify(preview2?.plan?.counts)}; first commit ${JSON.stringify(commit.ok && commit.result)}`,
    );
    console.log(
      `Database: ${await db.enrolment.count({ where: { cohortId: cohort.id, status: "ACTIVE" } })} active enrolments, ${await db.auditEvent.count({ where: { action: "enrolment.import" } })} audit entries.`,
    );
  } finally {
    await db.$disconnect();
    await dropDatabase(adminUrl, name);
    await stopServer();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
