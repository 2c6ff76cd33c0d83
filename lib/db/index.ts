import "server-only";
import { createPrismaClient, type Db } from "./client";

const globalForDb = globalThis as unknown as { __db?: Db };

/** The app's one client, created on first use (the build has no database). */
export function getDb(): Db {
  if (!globalForDb.__db) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`");
    globalForDb.__db = createPrismaClient(url);
  }
  return globalForDb.__db;
}
