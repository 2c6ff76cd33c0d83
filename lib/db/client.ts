// Builds a Prisma client on the pg driver adapter (no query-engine binary).
// Kept free of "server-only" so scripts and tests can build one too.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

export function createPrismaClient(url: string, opts: { max?: number } = {}): Db {
  const adapter = new PrismaPg({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}
