// `npm run bench:sql`: what Prisma's query layer costs per statement, against the same
// statement sent straight to the pg pool under it (lib/db/sql.ts, each row parsed by the
// statement's row schema as the app does). The statement is the session read every
// signed-in request makes, on a migrated embedded PostgreSQL; 20 concurrent callers,
// 20,000 statements each way, after a warm-up. Prints, asserts nothing.
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient } from "../lib/db/client.ts";
import { ZSessionRow } from "../lib/db/sessions-auth.ts";
import { sql } from "../lib/db/sql.ts";
import { migrate } from "../scripts/lib/database.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { startEmbeddedPostgres } from "../scripts/lib/postgres.ts";
import { machine, writeResults } from "./lib/app.ts";

const PER_CALLER = 1000;
const CALLERS = 20;

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-sql-"));
  chmodSync(work, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(work, "pg"),
    port: await getFreePort(),
    ephemeral: true,
  });
  const db = createPrismaClient(server.url("postgres"));
  try {
    await migrate(server.url("postgres"), { quiet: true });
    const tokens = Array.from({ length: 1000 }, () => randomBytes(24).toString("hex"));
    const ids = tokens.map(() => randomUUID());
    await sql(db)
      .execute`INSERT INTO users (id, email, updated_at) SELECT id, id || '@example.org', now() FROM unnest(${ids}::text[]) AS id`;
    await sql(db).execute`INSERT INTO sessions (id, session_token, user_id, expires, updated_at)
      SELECT gen_random_uuid()::text, t, u, now() + interval '1 day', now() FROM unnest(${tokens}::text[], ${ids}::text[]) AS x(t, u)`;

    const ways: Record<string, (token: string) => Promise<unknown>> = {
      "Prisma $queryRaw": (token) =>
        db.$queryRaw`SELECT s.expires, u.id, u.email, u.name, u.image, u.role, u.profile_completed_at, u.time_zone FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.session_token = ${token}`,
      "sql(db).rows (pg)": (token) =>
        sql(db).rows(
          ZSessionRow,
        )`SELECT s.expires, u.id, u.email, u.name, u.image, u.role, u.profile_completed_at, u.time_zone FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.session_token = ${token}`,
    };
    const results: Record<string, unknown> = {};
    console.log(
      `The session read, ${CALLERS} concurrent callers, ${CALLERS * PER_CALLER} statements each way (two rounds):`,
    );
    for (let round = 1; round <= 2; round++) {
      for (const [name, read] of Object.entries(ways)) {
        for (let i = 0; i < 2000; i++) await read(tokens[i % tokens.length]!); // warm-up
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: CALLERS }, async (_, k) => {
            for (let i = 0; i < PER_CALLER; i++) await read(tokens[(i * CALLERS + k) % tokens.length]!);
          }),
        );
        const seconds = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const n = CALLERS * PER_CALLER;
        const line = {
          "statements/s": Math.round(n / seconds),
          "node CPU µs/statement": Math.round((cpu.user + cpu.system) / n),
        };
        results[`${name}, round ${round}`] = line;
        console.log(
          `  ${name.padEnd(20)} ${String(line["statements/s"]).padStart(6)} statements/s   ${line["node CPU µs/statement"]} µs of this process's CPU each`,
        );
      }
    }
    console.log(`Machine: ${machine()}; PostgreSQL on the same machine.`);
    writeResults("sql", { machine: machine(), ...results });
  } finally {
    await db.$disconnect();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
