import pg from "pg";
import { Prisma } from "@/generated/prisma/client";

/**
 * A unique index refused the row: P2002 from model queries, P2010 with PostgreSQL's
 * 23505 from raw ones, and 23505 itself from statements of lib/db/sql.ts.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (err instanceof pg.DatabaseError) return err.code === "23505";
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (err.code === "P2002") return true;
  const meta = err.meta as
    { code?: string; driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined;
  return (
    err.code === "P2010" &&
    (meta?.code === "23505" ||
      meta?.driverAdapterError?.cause?.originalCode === "23505" ||
      meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation")
  );
}

// Codes of a database that cannot be reached or cannot take the request now: sockets
// refused, reset or timed out; PostgreSQL shutting down, starting, in recovery, or out of
// connections (57P01-57P03, 53300, class 08); Prisma's "cannot reach" and pool timeout.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001",
  "P1002",
  "P1017",
  "P2024",
]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connect ECONNREFUSED|Can't reach database server|Timed out fetching a new connection|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Client has encountered a connection error/i;

/**
 * Whether the error says the database is down, unreachable, hung past its timeouts or
 * out of connections, rather than that the request was wrong: such a request may succeed
 * if tried again in a while (answered 503 with Retry-After).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, kind, message, cause, meta } = e as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    queue.push(cause, meta?.driverAdapterError);
  }
  return false;
}
