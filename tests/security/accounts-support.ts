// What the sessions and security-event tests read and make in the security stage's
// database, and clients that each come from an address of their own (so that the
// per-client cap on recorded refusals is never shared with another test).
import { randomBytes } from "node:crypto";
import { test, type Browser } from "@playwright/test";
import pg from "pg";

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** An address in a documentation range (203.0.113.0/24 and 198.51.100.0/24), different on each call. */
export const uniqueIp = () => {
  const b = randomBytes(2);
  return `${b[0]! % 2 ? "203.0.113" : "198.51.100"}.${(b[1]! % 254) + 1}`;
};

/** A browser context that reaches the server as if from its own client address (through the local proxy). */
export async function clientFrom(browser: Browser, ip = uniqueIp()) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip } });
  return { context, page: await context.newPage(), ip };
}

/** A session row for the user with its times set `ago` (an SQL interval) relative to the database's now. */
export async function insertSession(
  userId: string,
  ages: { created: string; lastUsed: string; expiresIn: string } = {
    created: "0 seconds",
    lastUsed: "0 seconds",
    expiresIn: "1 day",
  },
) {
  const token = randomBytes(32).toString("hex");
  const id = `s${randomBytes(6).toString("hex")}`;
  await query(
    `INSERT INTO sessions (id, session_token, user_id, created_at, updated_at, expires)
     VALUES ($1, $2, $3, now() - $4::interval, now() - $5::interval, now() + $6::interval)`,
    [id, token, userId, ages.created, ages.lastUsed, ages.expiresIn],
  );
  return { id, token };
}

/** The session cookie for `token`, as Auth.js sets it. */
export const sessionCookie = (token: string) => ({
  name: "authjs.session-token",
  value: token,
  url: test.info().project.use.baseURL!,
  httpOnly: true,
  sameSite: "Lax" as const,
});

export async function sessionExists(token: string): Promise<boolean> {
  const rows = await query(`SELECT 1 FROM sessions WHERE session_token = $1`, [token]);
  return rows.length > 0;
}

export async function sessionCount(userId: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM sessions WHERE user_id = $1`, [userId]);
  return Number(row!.n);
}

export async function roleOf(userId: string): Promise<string> {
  const [row] = await query<{ role: string }>(`SELECT role FROM users WHERE id = $1`, [userId]);
  return row!.role;
}

/** The audit entries of an action about or by a user, oldest first. */
export async function auditOf(action: string, userId: string) {
  return query<{ actor_id: string | null; entity_id: string | null; ip: string | null; after: unknown }>(
    `SELECT actor_id, entity_id, ip, after FROM audit_events
     WHERE action = $1 AND (actor_id = $2 OR entity_id = $2) ORDER BY at`,
    [action, userId],
  );
}
