// Rate limits kept in PostgreSQL (rate-limiter-flexible's Prisma store), so
// they hold across restarts and server processes.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "./client";

export type Limit = { name: string; points: number; durationSeconds: number };
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const limiters = new WeakMap<Db, Map<string, RateLimiterPrisma>>();

function limiterFor(db: Db, limit: Limit) {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let limiter = byName.get(limit.name);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimiterFlexible",
      keyPrefix: limit.name,
      points: limit.points,
      duration: limit.durationSeconds,
      clearExpiredByTimeout: false,
    });
    byName.set(limit.name, limiter);
  }
  return limiter;
}

/** Counts one use of `key` against every limit; refused when any is exhausted. */
export async function consumeLimits(db: Db, uses: { limit: Limit; key: string }[]): Promise<LimitResult> {
  let retry = 0;
  for (const { limit, key } of uses) {
    try {
      await limiterFor(db, limit).consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      retry = Math.max(retry, Math.ceil(err.msBeforeNext / 1000));
    }
  }
  return retry > 0 ? { ok: false, retryAfterSeconds: retry } : { ok: true };
}

export async function resetLimit(db: Db, limit: Limit, key: string) {
  await limiterFor(db, limit).delete(key);
}
