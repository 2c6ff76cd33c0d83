// Public look-ups (certificate verification) are limited per client in memory: they
// must stay cheap at a thousand requests a second, and a limit that resets when the
// process restarts is enough to make guessing 40-bit codes pointless. With several web
// processes (scripts/lib/web-processes.ts) the first one counts for all of them, so that
// the limit is the same however many serve.
import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { clientIp } from "./client-ip";

export type LookupAllowed = { ok: true } | { ok: false; retryAfterSeconds: number };
export type LookupLimit = (client: string) => Promise<LookupAllowed>;

const lookupsPerMinute = () => Number(process.env.VERIFY_LOOKUPS_PER_MINUTE) || 60;

/**
 * A per-client counter of look-ups: `perMinute` allowed in any minute. Counters of
 * different names are apart; within one process, one counter per name.
 */
export function createLookupLimit(perMinute = lookupsPerMinute(), name = "verify-pages"): LookupLimit {
  const options = { keyPrefix: name, points: perMinute, duration: 60 };
  const limiter = cluster.isWorker
    ? new RateLimiterCluster({ ...options, timeoutMs: 5_000 })
    : new RateLimiterMemory(options);
  return async (client) => {
    try {
      await limiter.consume(client);
      return { ok: true };
    } catch (err) {
      if (err instanceof RateLimiterRes)
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      throw err;
    }
  };
}

let credentialLookups: LookupLimit | undefined;

/** Counts one credential check (POST /api/credentials/verify) from the request's client. */
export function allowLookup(headers: Headers): Promise<LookupAllowed> {
  credentialLookups ??= createLookupLimit(lookupsPerMinute(), "verify-credentials");
  return credentialLookups(clientIp(headers));
}
