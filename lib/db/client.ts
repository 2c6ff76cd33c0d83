// Builds a Prisma client on the pg driver adapter (no query-engine binary).
// Kept free of "server-only" so scripts and tests can build one too.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

// The pool under each client, for the few statements lib/db/sql.ts sends straight to it.
// Kept on the client itself under a registered symbol, not in a map of this module: the
// build may bundle this module more than once (one copy per server layer), while the
// app's one client is shared through globalThis (lib/db/index.ts).
const POOL = Symbol.for("sti-training-lms.pgPool");
type WithPool = { [POOL]?: pg.Pool };

/** A whole number of milliseconds from the environment, or the default. */
function millisFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/**
 * The limits every connection has, so that a database that is down, hung or overloaded
 * fails a request in bounded time instead of holding it (and its pool connection) forever.
 * `connectMs`: waiting for a connection (a new one, or a free one of the pool);
 * `queryMs`: a statement, cancelled by PostgreSQL at that time and given up by the client a
 * little later (when the server itself does not answer); a transaction left open and idle
 * is ended after `idleInTransactionMs`.
 *
 * `idleConnectionMs`: how long a pool keeps a connection that no query uses (pg's own
 * default is 10 s). Opening one costs a new PostgreSQL process, its authentication and its
 * catalog caches, and this pool's statements prepared again: a connection opened in the
 * middle of a rush is that rush's slowest request. Kept for minutes, the connections a pool
 * grew to at the last rush are there for the next.
 */
export function databaseTimeouts() {
  const queryMs = millisFromEnv("DB_QUERY_TIMEOUT_MS", 30_000);
  return {
    connectMs: millisFromEnv("DB_CONNECT_TIMEOUT_MS", 5_000),
    queryMs,
    idleInTransactionMs: Math.max(60_000, queryMs * 2),
    idleConnectionMs: millisFromEnv("DB_IDLE_CONNECTION_MS", 300_000),
  };
}

/**
 * `max`: connections in the pool. `connectTimeoutMs`: how long a query waits for a connection
 * (a new one, or a free one of the pool) before it fails (databaseTimeouts().connectMs unless given).
 */
export function createPrismaClient(url: string, opts: { max?: number; connectTimeoutMs?: number } = {}): Db {
  const timeouts = databaseTimeouts();
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? timeouts.connectMs,
    statement_timeout: timeouts.queryMs,
    query_timeout: timeouts.queryMs + 5_000,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    idleTimeoutMillis: timeouts.idleConnectionMs,
    // Idle connections alone do not keep a process running that has nothing else left to do.
    allowExitOnIdle: true,
  });
  // A connection that fails while idle is dropped by the pool; without a listener it would end the process.
  pool.on("error", (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Prisma ends an outside pool only if it ever connected through it: end it here either way.
  const disconnect = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await disconnect();
    if (!pool.ended) await pool.end();
  };
  (db as WithPool)[POOL] = pool;
  return db;
}

/** The pg pool a client of createPrismaClient runs on. */
export function poolOf(db: Db): pg.Pool {
  const pool = (db as WithPool)[POOL];
  if (!pool) throw new Error("poolOf: this client was not made by createPrismaClient");
  return pool;
}
