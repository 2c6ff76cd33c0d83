// Public look-ups (certificate verification) are limited per client in memory: they
// must stay cheap at a thousand requests a second, and a limit that resets when the
// process restarts is enough to make guessing 40-bit codes pointless. No server-only
// marker: the proxy uses this too.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { clientIp } from "@/lib/auth/limits";

const perMinute = Number(process.env.VERIFY_LOOKUPS_PER_MINUTE) || 60;
const limiter = new RateLimiterMemory({ keyPrefix: "verify", points: perMinute, duration: 60 });

export type LookupAllowed = { ok: true } | { ok: false; retryAfterSeconds: number };

export async function allowLookup(headers: Headers): Promise<LookupAllowed> {
  try {
    await limiter.consume(clientIp(headers));
    return { ok: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    throw err;
  }
}
