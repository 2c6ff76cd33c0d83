// A fresh database per test file, copied from the migrated template that
// `npm test` prepares on the embedded PostgreSQL (or on DATABASE_URL's server).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db/client";

export type TestDatabase = { url: string; db: Db; drop(): Promise<void> };

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests with \`npm test -- integration\``);
  return value;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env("TEST_DATABASE_ADMIN_URL") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = env("TEST_DATABASE_TEMPLATE");
  const name = `${template.replace(/_template$/, "")}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`));
  const url = new URL(env("TEST_DATABASE_ADMIN_URL"));
  url.pathname = `/${name}`;
  const db = createPrismaClient(url.toString(), { max: 4 });
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}
