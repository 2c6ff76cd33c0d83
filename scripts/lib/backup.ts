// Backups of the app's database, taken while the app runs, and their restore into a fresh
// database. A backup is a folder: one JSON-lines file per table, read in one REPEATABLE READ
// transaction (every table as of the same instant, while the app goes on writing), the
// sequences' values, a manifest (when, which migrations, how many rows per table), and the
// secret that signs sign-in tokens (.data/auth-secret) when the app keeps one there.
// Restoring runs the migrations on the empty database, then loads every table with
// PostgreSQL's own JSON functions, with triggers and foreign keys paused for the load
// (session_replication_role = replica, which needs a superuser: the embedded PostgreSQL's
// is), then checks every table's count against the manifest.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { once } from "node:events";
import pg from "pg";
import { StartupError } from "./errors.ts";

/** The tables a backup holds: the app's, and the job queue's (jobs not yet run are work to do). */
const TABLES_SQL = `
  SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
   WHERE table_type = 'BASE TABLE'
     AND (table_schema = 'public' OR (table_schema = 'graphile_worker' AND table_name <> 'migrations'))
     AND table_name <> '_prisma_migrations'
   ORDER BY 1, 2`;

export type Manifest = {
  format: 1;
  createdAt: string;
  migrations: string[];
  tables: { schema: string; name: string; rows: number; file: string }[];
  sequences: { schema: string; name: string; value: string | null }[];
  authSecret: boolean;
};

const quoted = (client: pg.Client, schema: string, name: string) =>
  `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;

/** The migrations applied to the database, by name: a backup restores only where they are the same. */
async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.name);
}

/** Writes a backup of the database in `url` into the new folder `folder`; returns its manifest. */
export async function backupDatabase(url: string, folder: string, authSecretFile?: string): Promise<Manifest> {
  if (existsSync(folder)) throw new StartupError(`${folder} exists already: name a new folder for the backup`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const createdAt = (await client.query<{ now: Date }>("SELECT now()")).rows[0]!.now.toISOString();
    const migrations = await appliedMigrations(client);
    const tables: Manifest["tables"] = [];
    for (const { schema, name } of (await client.query<{ schema: string; name: string }>(TABLES_SQL)).rows) {
      const file = `${schema}.${name}.jsonl`;
      const out = createWriteStream(path.join(folder, file), { mode: 0o600 });
      await client.query(
        `DECLARE rows_out NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM ${quoted(client, schema, name)} t`,
      );
      let rows = 0;
      for (;;) {
        const batch = await client.query<{ row: string }>("FETCH 1000 FROM rows_out");
        if (batch.rows.length === 0) break;
        rows += batch.rows.length;
        if (!out.write(`${batch.rows.map((r) => r.row).join("\n")}\n`)) await once(out, "drain");
      }
      await client.query("CLOSE rows_out");
      out.end();
      await once(out, "finish");
      tables.push({ schema, name, rows, file });
    }
    const sequences = (
      await client.query<{ schema: string; name: string; value: string | null }>(
        `SELECT schemaname AS schema, sequencename AS name, last_value::text AS value FROM pg_sequences
          WHERE schemaname IN ('public', 'graphile_worker') ORDER BY 1, 2`,
      )
    ).rows;
    await client.query("COMMIT");
    const authSecret = authSecretFile !== undefined && existsSync(authSecretFile);
    if (authSecret) writeFileSync(path.join(folder, "auth-secret"), readFileSync(authSecretFile), { mode: 0o600 });
    const manifest: Manifest = { format: 1, createdAt, migrations, tables, sequences, authSecret };
    writeFileSync(path.join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return manifest;
  } finally {
    await client.end();
  }
}

export function readManifest(folder: string): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")) as Manifest;
  } catch {
    throw new StartupError(`${folder} is not a backup: it has no readable manifest.json`);
  }
  if (manifest.format !== 1) throw new StartupError(`${folder} is a backup of an unknown format`);
  return manifest;
}

/**
 * Loads the backup in `folder` into the database in `url`, whose migrations have just been
 * applied and which holds no rows yet; fails, changing nothing, when it does hold some or
 * when the backup was taken at other migrations than the ones this code has.
 */
export async function restoreDatabase(url: string, folder: string): Promise<Manifest> {
  const manifest = readManifest(folder);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const migrations = await appliedMigrations(client);
    if (migrations.join() !== manifest.migrations.join())
      throw new StartupError(
        `The backup was taken with other migrations (${manifest.migrations.at(-1) ?? "none"}) than this code has (${migrations.at(-1) ?? "none"}): restore it with the version of the app that made it`,
      );
    await client.query("BEGIN");
    // Foreign keys and triggers wait until every table is loaded (rows refer to one another).
    await client.query("SET LOCAL session_replication_role = replica").catch((err: Error) => {
      throw new StartupError(`Restoring needs a PostgreSQL superuser (${err.message})`);
    });
    for (const table of manifest.tables) {
      const name = quoted(client, table.schema, table.name);
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
      if (rows[0]!.n > 0)
        throw new StartupError(
          `The database already holds rows in ${table.schema}.${table.name}: restore into a new one`,
        );
      let batch: string[] = [];
      const load = async () => {
        if (batch.length === 0) return;
        await client.query(
          `INSERT INTO ${name} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${name}, $1::json)`,
          [`[${batch.join(",")}]`],
        );
        batch = [];
      };
      const lines = createInterface({ input: createReadStream(path.join(folder, table.file)), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        batch.push(line);
        if (batch.length === 1000) await load();
      }
      await load();
      const { rows: loaded } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
      if (loaded[0]!.n !== table.rows)
        throw new StartupError(
          `${table.schema}.${table.name}: ${loaded[0]!.n} rows loaded, the backup's manifest says ${table.rows}`,
        );
    }
    for (const s of manifest.sequences)
      if (s.value !== null)
        await client.query("SELECT setval($1::regclass, $2::bigint)", [quoted(client, s.schema, s.name), s.value]);
    await client.query("COMMIT");
    return manifest;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
