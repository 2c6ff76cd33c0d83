// Public look-ups (certificate verification) are limited per client in memory: they
// must stay cheap at a thousand requests a second, and a limit that resets when the
// process restarts is enough to make guessing 40-bit codes pointless. With several web
// processes (scripts/lib/web-processes.ts) the first one counts for all of them, so that
// the limit is the same however many serve.
//
// A client over its limit is refused everything until its minute is over, valid codes
// included: otherwise a refusal would tell a guessed code that exists from one that does
// not. Each process keeps the clients being refused, so that refusing one costs no message
// to the first process, and a process that refuses a client tells the others, through the
// first, before it answers: once a client has had a 429, every process refuses it.
import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { clientIp } from "./client-ip";

export type LookupAllowed = { ok: true } | { ok: false; retryAfterSeconds: number };

export type LookupLimit = {
  /** Counts one look-up from `client`, unless it is being refused already. */
  count(client: string): Promise<LookupAllowed>;
  /** The seconds until `client` may look up again while it is being refused, else undefined. Counts nothing. */
  refusing(client: string): number | undefined;
};

/** What a web process and the first process say to each other about refused clients. */
export type LookupLimitMessage =
  | { lookupLimit: "refused"; id: string; name: string; client: string; until: number }
  | { lookupLimit: "noted"; id: string };

export const isLookupLimitMessage = (m: unknown): m is LookupLimitMessage =>
  typeof m === "object" && m !== null && "lookupLimit" in m;

const lookupsPerMinute = () => Number(process.env.VERIFY_LOOKUPS_PER_MINUTE) || 60;

/** A refusal's relay waits this long for the other processes at most. */
const RELAY_TIMEOUT_MS = 5_000;

/** The clients being refused, until when (ms since the epoch). */
class Refusals {
  private until = new Map<string, number>();

  secondsLeft(client: string, now = Date.now()): number | undefined {
    const until = this.until.get(client);
    if (until === undefined) return undefined;
    if (until <= now) return void this.until.delete(client);
    return Math.max(1, Math.ceil((until - now) / 1000));
  }

  add(client: string, until: number) {
    if ((this.until.get(client) ?? 0) >= until) return;
    // Each entry lasts a minute at most: past a thousand, the ended ones go.
    if (this.until.size >= 1000) {
      const now = Date.now();
      for (const [key, end] of this.until) if (end <= now) this.until.delete(key);
    }
    this.until.set(client, until);
  }
}

/** The refusals of this process's limiters, by name: a message from another process reaches each. */
const byName = new Map<string, Set<Refusals>>();
/** Relayed refusals waiting for the first process's word that every other process has them, by id. */
const relayed = new Map<string, () => void>();
let relays = 0;
let listening = false;

function listen() {
  if (!cluster.isWorker || listening) return;
  listening = true;
  process.on("message", (message: unknown) => {
    if (!isLookupLimitMessage(message)) return;
    if (message.lookupLimit === "noted") return void relayed.get(message.id)?.();
    for (const refusals of byName.get(message.name) ?? []) refusals.add(message.client, message.until);
    if (process.connected) process.send?.({ lookupLimit: "noted", id: message.id } satisfies LookupLimitMessage);
  });
}

/** Tells the other web processes that `client` is refused until `until`, and waits until they have it. */
function tellOthers(name: string, client: string, until: number): Promise<void> {
  if (!cluster.isWorker || !process.connected) return Promise.resolve();
  const id = `${process.pid}-${++relays}`;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, RELAY_TIMEOUT_MS);
    function done() {
      clearTimeout(timer);
      relayed.delete(id);
      resolve();
    }
    relayed.set(id, done);
    process.send?.({ lookupLimit: "refused", id, name, client, until } satisfies LookupLimitMessage);
  });
}

/**
 * A per-client counter of look-ups: `perMinute` allowed in any minute. Counters of
 * different names are apart; in a web process, one counter per name.
 */
export function createLookupLimit(perMinute = lookupsPerMinute(), name = "verify-pages"): LookupLimit {
  const options = { keyPrefix: name, points: perMinute, duration: 60 };
  const limiter = cluster.isWorker
    ? new RateLimiterCluster({ ...options, timeoutMs: 5_000 })
    : new RateLimiterMemory(options);
  const refusals = new Refusals();
  listen();
  byName.set(name, (byName.get(name) ?? new Set()).add(refusals));
  /** Refusals of one client being told to the other processes. */
  const telling = new Map<string, Promise<void>>();
  return {
    refusing: (client) => refusals.secondsLeft(client),
    async count(client) {
      const waiting = refusals.secondsLeft(client);
      if (waiting !== undefined) {
        await telling.get(client);
        return { ok: false, retryAfterSeconds: waiting };
      }
      try {
        await limiter.consume(client);
        return { ok: true };
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const until = Date.now() + err.msBeforeNext;
        refusals.add(client, until);
        if (!telling.has(client))
          telling.set(
            client,
            tellOthers(name, client, until).finally(() => telling.delete(client)),
          );
        await telling.get(client);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      }
    },
  };
}

let credentialLookups: LookupLimit | undefined;

/** Counts one credential check (POST /api/credentials/verify) from the request's client. */
export function allowLookup(headers: Headers): Promise<LookupAllowed> {
  credentialLookups ??= createLookupLimit(lookupsPerMinute(), "verify-credentials");
  return credentialLookups.count(clientIp(headers));
}
