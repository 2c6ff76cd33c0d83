// Public look-ups (certificate verification) are limited per client in memory: they
// must stay cheap at a thousand requests a second, and a limit that resets when the
// process restarts is enough to make guessing 40-bit codes pointless.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { clientIp } from "./client-ip";

export type LookupAllowed = { ok: true } | { ok: false; retryAfterSeconds: number };
export type LookupLimit = (client: string) => Promise<LookupAllowed>;

const lookupsPerMinute = () => Number(process.env.VERIFY_LOOKUPS_PER_MINUTE) || 60;

/** A per-client counter of look-ups: `perMinute` allowed in any minute. */
export function createLookupLimit(perMinute = lookupsPerMinute()): LookupLimit {
  const limiter = new RateLimiterMemory({ keyPrefix: "verify", points: perMinute, duration: 60 });
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

const credentialLookups = createLookupLimit();

/** Counts one credential check (POST /api/credentials/verify) from the request's client. */
export function allowLookup(headers: Headers): Promise<LookupAllowed> {
  return credentialLookups(clientIp(headers));
}
