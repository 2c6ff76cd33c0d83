// A fresh database per test file, copied from the migrated template that
// `npm test` prepares on the embedded PostgreSQL (or on DATABASE_URL's server).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { databaseUrlOf, dropDatabase, ensureDatabase } from "@/scripts/lib/pg-admin";

export type TestDatabase = { url: string; db: Db; drop(): Promise<void> };

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests with \`npm test -- integration\``);
  return value;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = env("TEST_DATABASE_ADMIN_URL");
  const template = env("TEST_DATABASE_TEMPLATE");
  const name = `${template.replace(/_template$/, "")}_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(adminUrl, name, template);
  const url = databaseUrlOf(adminUrl, name);
  // Tests that race many requests queue them on the pool's few connections: on a busy
  // machine the wait can pass the app's 5 s, which would fail the test for the machine's sake.
  const db = createPrismaClient(url, { max: 4, connectTimeoutMs: 60_000 });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** Creates the file's database before its tests and drops it after them. */
export function setUpTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(handle, await createTestDatabase());
  });
  afterAll(() => handle.drop());
  return handle;
}
