// Creating and dropping databases on any PostgreSQL server (embedded or not).
import pg from "pg";
import { StartupError } from "./errors.ts";

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The URL of another database on the same server. */
export function databaseUrlOf(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The same server's maintenance database, for CREATE/DROP DATABASE. */
export const adminUrlOf = (databaseUrl: string) => databaseUrlOf(databaseUrl, "postgres");

/**
 * Connects once to the server in `url` (DATABASE_URL) and fails with one line naming the
 * cause and the fix when it cannot: nothing answering, a server that accepts but never
 * answers, a wrong user or password, a missing database.
 */
export async function probeDatabase(url: string, timeoutMs: number): Promise<void> {
  let where = "the server in DATABASE_URL";
  let database = "";
  try {
    const u = new URL(url);
    where = `the PostgreSQL server in DATABASE_URL (${u.hostname}:${u.port || 5432})`;
    database = decodeURIComponent(u.pathname.slice(1));
  } catch {
    throw new StartupError("DATABASE_URL is not a valid URL: it looks like postgresql://user:password@host:5432/lms");
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    const why =
      code === "ECONNREFUSED"
        ? "refused the connection: check the address, and that PostgreSQL runs there"
        : code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? "has a host name that does not resolve: check the address"
          : code === "28P01" || code === "28000"
            ? "refused the user or password in DATABASE_URL"
            : code === "3D000"
              ? `has no database "${database}": create it (createdb ${database}) or name another in DATABASE_URL`
              : /timeout|terminated/i.test(message)
                ? `did not answer within ${Math.round(timeoutMs / 1000)} s: check the address, and that PostgreSQL runs there`
                : `cannot be used: ${message}`;
    throw new StartupError(`${where[0]!.toUpperCase()}${where.slice(1)} ${why}`);
  } finally {
    await client.end().catch(() => {});
  }
}
