// New migrations are diffed schema-to-schema: prisma/migrations/schema.snapshot.prisma
// (the schema the migrations produce) against prisma/schema.prisma; the
// snapshot then moves on. A unit test fails while the two differ. `prisma migrate dev` cannot be used here: it
// introspects a shadow database, and Prisma 6.19's WebAssembly schema engine
// panics ("unreachable") describing tables with CHECK constraints, which our
// migrations add for invariants Prisma's schema language cannot express.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { StartupError } from "./errors.ts";
import { ROOT } from "./paths.ts";
import { runPrisma } from "./prisma-cli.ts";

const SCHEMA = "prisma/schema.prisma";
export const SNAPSHOT = "prisma/migrations/schema.snapshot.prisma";

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql; undefined when nothing changed. */
export async function writeMigration(name: string, databaseUrl: string): Promise<string | undefined> {
  const { code, output } = await runPrisma(
    ["migrate", "diff", "--from-schema-datamodel", SNAPSHOT, "--to-schema-datamodel", SCHEMA, "--script"],
    // The CLI's config wants a database even for a schema-to-schema diff.
    { quiet: true, env: { DATABASE_URL: databaseUrl } },
  );
  if (code !== 0) throw new StartupError(`prisma migrate diff failed: ${output}`);
  const start = output.indexOf("-- ");
  const sql = start === -1 ? "" : output.slice(start).trim();
  if (!sql || sql.startsWith("-- This is an empty migration")) return undefined;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const file = path.join("prisma/migrations", `${stamp}_${name}`, "migration.sql");
  mkdirSync(path.join(ROOT, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(ROOT, file), `${sql}\n`);
  copyFileSync(path.join(ROOT, SCHEMA), path.join(ROOT, SNAPSHOT));
  return file;
}
