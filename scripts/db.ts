// Database chores on the same database `npm start` uses:
//   migrate            apply pending migrations
//   seed               create the demo cohort and the admin (idempotent)
//   backup [FOLDER]    a consistent backup, also while the app runs (scripts/lib/backup.ts),
//                      into FOLDER or backups/lms-<date and time>
//   restore FOLDER     a backup into a fresh database: EMBEDDED_PG_DATA_DIR naming a new
//                      folder, or an empty database in DATABASE_URL
//   new-migration NAME write prisma/schema.prisma's changes as a new migration (then
//                      review it, add any CHECK constraints, and run migrate)
//   prisma ARGS...     any Prisma CLI command against that database
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { backupDatabase, readManifest, restoreDatabase } from "./lib/backup.ts";
import { embeddedDataDir, migrate, openDatabase, seed } from "./lib/database.ts";
import { StartupError } from "./lib/errors.ts";
import { writeMigration } from "./lib/new-migration.ts";
import { DATA_DIR, ROOT } from "./lib/paths.ts";
import { holdsCluster } from "./lib/postgres.ts";
import { runPrisma } from "./lib/prisma-cli.ts";

const [command, ...rest] = process.argv.slice(2);
const AUTH_SECRET_FILE = path.join(DATA_DIR, "auth-secret");

function fail(err: unknown): never {
  console.error(err instanceof StartupError ? err.message : err);
  process.exit(1);
}

// A restore starts from nothing: it checks before anything is started or made.
if (command === "restore") {
  const folder = rest[0];
  if (!folder) fail(new StartupError("Usage: npm run db:restore -- <backup folder>"));
  readManifest(path.resolve(folder));
  if (!process.env.DATABASE_URL && holdsCluster(embeddedDataDir()))
    fail(
      new StartupError(
        `${embeddedDataDir()} holds a database already: set EMBEDDED_PG_DATA_DIR to a new folder (or move that one away) and restore again`,
      ),
    );
}

const db = await openDatabase({ attach: command === "backup" }).catch(fail);
let code = 0;
try {
  if (command === "migrate") await migrate(db.url);
  else if (command === "seed") await seed(db.url);
  else if (command === "backup") {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    const folder = path.resolve(rest[0] ?? path.join(ROOT, "backups", `lms-${stamp}`));
    const secret = process.env.AUTH_SECRET ? undefined : AUTH_SECRET_FILE;
    const manifest = await backupDatabase(db.url, folder, secret);
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      `Backed up ${rows} rows of ${manifest.tables.length} tables into ${folder}${manifest.authSecret ? ", with .data/auth-secret" : ""}`,
    );
  } else if (command === "restore") {
    const folder = path.resolve(rest[0]!);
    await migrate(db.url, { quiet: true });
    const manifest = await restoreDatabase(db.url, folder);
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`Restored ${rows} rows of ${manifest.tables.length} tables from the backup of ${manifest.createdAt}`);
    const kept = path.join(folder, "auth-secret");
    if (manifest.authSecret && !process.env.AUTH_SECRET) {
      if (!existsSync(AUTH_SECRET_FILE)) {
        writeFileSync(AUTH_SECRET_FILE, readFileSync(kept), { mode: 0o600 });
        console.log("Restored .data/auth-secret from the backup");
      } else if (readFileSync(AUTH_SECRET_FILE, "utf8") !== readFileSync(kept, "utf8"))
        console.log(
          `.data/auth-secret differs from the backup's: sign-in links and unsubscribe links made before the backup need the backup's (${kept})`,
        );
    }
  } else if (command === "new-migration") {
    const name = rest[0];
    if (!name || !/^[a-z0-9_]+$/.test(name))
      throw new StartupError("Usage: npm run db:new-migration -- <name_in_snake_case>");
    const file = await writeMigration(name, db.url);
    console.log(
      file
        ? `Wrote ${file}: review it, then npm run db:migrate`
        : `prisma/schema.prisma has no changes that need a migration`,
    );
  } else if (command === "prisma") ({ code } = await runPrisma(rest, { env: { DATABASE_URL: db.url } }));
  else
    throw new StartupError(
      `Unknown command "${command ?? ""}": use migrate, seed, backup, restore, new-migration or prisma`,
    );
} catch (err) {
  console.error(err instanceof StartupError ? err.message : err);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
