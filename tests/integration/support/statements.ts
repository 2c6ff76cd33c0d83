// Counts the SQL statements sent to PostgreSQL while a function runs: every statement of
// every pg client in this process, Prisma's (through its pg driver adapter) and
// lib/db/sql.ts's alike. Tests of a file run one at a time, so nothing else is counted.
import pg from "pg";

export async function countStatements<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first] = args;
    statements.push(typeof first === "string" ? first : String((first as { text?: unknown }).text));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    return { result: await run(), statements };
  } finally {
    pg.Client.prototype.query = query;
  }
}
