// The app's server as several processes sharing one port (node:cluster), by default one
// per core: a page rendered per request (the dashboard, a quiz) takes 15-30 ms of one
// thread's time, so a single process uses one core however many the machine has. The
// first process (the primary) serves nothing itself; it starts the web processes, each
// one scripts/server.ts as it runs alone, and keeps what they must share:
// - the look-up limit of the public certificate pages, counted here for all of them
//   (rate-limiter-flexible's RateLimiterClusterMaster; lib/http/lookup-limit.ts), and the
//   word that a process refuses a client, relayed to the others, which refuse it too;
// - the page caches: a process that revalidates pages (revalidatePath, revalidateTag in a
//   server action) tells the others through this one, and its action answers only once
//   each of them has dropped those pages (lib/http/page-cache-handler.cjs);
// - the job queue's worker process (scripts/lib/worker-process.ts), started once.
// It reports to the process that started it as a lone server does (ready with the port,
// or the one line saying why not), restarts a web process that stops unexpectedly, and
// on SIGTERM, SIGINT or the loss of its parent stops them all, letting each drain.
// WEB_PROCESSES=1 runs the lone server in one process, as development always does.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";
import { isLookupLimitMessage, type LookupLimitMessage } from "../../lib/http/lookup-limit.ts";
import type { ServerReport } from "./app-server.ts";
import { StartupError } from "./errors.ts";
import { keepRunningPauses } from "./restarts.ts";

/** What a web process and the primary say to each other about the page caches. */
export type PageCacheMessage =
  { pageCache: "revalidate"; id: string; tags: string[] } | { pageCache: "revalidated"; id: string };

/** A page cache message's acknowledgement waits this long for a process at most. */
const RELAY_TIMEOUT_MS = 5_000;

/**
 * How many web processes serve: WEB_PROCESSES, a whole number, or when it is unset or
 * `auto` one per core; always one in development (which compiles pages as they are asked
 * for). PostgreSQL and the job worker (at the lowest priority) share the cores with them: on
 * two cores, a second web process lowered the p95 of bench:cohort's dashboard, quiz page and
 * attempt page by 39-66% against one (bench/README.md, "Two web processes").
 */
export function webProcessCount(value: string | undefined, dev: boolean, cores = availableParallelism()): number {
  if (dev) return 1;
  const wanted = value?.trim() ?? "";
  if (wanted === "" || wanted === "auto") return cores;
  const n = Number(wanted);
  if (!/^\d+$/.test(wanted) || n < 1 || n > 64)
    throw new StartupError(`WEB_PROCESSES must be a whole number from 1 to 64, or auto: it is "${value}"`);
  return n;
}

const isReport = (m: unknown): m is ServerReport =>
  typeof m === "object" && m !== null && ("ready" in m || "failed" in m);
const isPageCache = (m: unknown): m is PageCacheMessage => typeof m === "object" && m !== null && "pageCache" in m;

export type WebProcessesOptions = {
  count: number;
  /** Sends a report to the process that started the server (or does nothing). */
  report(message: ServerReport, then?: () => void): void;
  /** Stops with one line. */
  fail(line: string): void;
  /** Once every web process serves: print the address, start the job worker. */
  serving(port: number): void;
  /** Stops what `serving` started. */
  stopped(): Promise<unknown>;
  /** How long the web processes get to drain before they are killed. */
  drainMs: number;
};

export function runWebProcesses(o: WebProcessesOptions) {
  // Kept by the primary for the limiters the web processes make.
  new RateLimiterClusterMaster();
  const ready = new Set<Worker>();
  let port: number | undefined;
  let started = false;
  let closing = false;
  const pauses = keepRunningPauses();
  let relays = 0;
  /** Relayed messages waiting for a process's acknowledgement, by relay id. */
  const waiting = new Map<string, () => void>();

  /**
   * Sends the message `tell` makes (with a relay id of its own) to every other web process
   * that serves, and calls `then` once each has acknowledged it, stopped, or not answered
   * within RELAY_TIMEOUT_MS.
   */
  const relay = (from: Worker, tell: (id: string) => PageCacheMessage | LookupLimitMessage, then: () => void) => {
    const others = Object.values(cluster.workers ?? {}).filter(
      (w): w is Worker => w !== undefined && w !== from && ready.has(w) && w.isConnected(),
    );
    const acknowledged = others.map((worker) => {
      const id = `${++relays}`;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, RELAY_TIMEOUT_MS);
        function done() {
          clearTimeout(timer);
          waiting.delete(id);
          worker.off("exit", done);
          resolve();
        }
        waiting.set(id, done);
        worker.once("exit", done);
        worker.send(tell(id));
      });
    });
    void Promise.all(acknowledged).then(() => from.isConnected() && then());
  };

  const fork = () => {
    const worker = cluster.fork();
    const forked = Date.now();
    worker.on("message", (message: unknown) => {
      if (isPageCache(message)) {
        if (message.pageCache === "revalidate")
          relay(
            worker,
            (id) => ({ pageCache: "revalidate", id, tags: message.tags }),
            () => worker.send({ pageCache: "revalidated", id: message.id } satisfies PageCacheMessage),
          );
        else waiting.get(message.id)?.();
        return;
      }
      if (isLookupLimitMessage(message)) {
        if (message.lookupLimit === "refused")
          relay(
            worker,
            (id) => ({ ...message, id }),
            () => worker.send({ lookupLimit: "noted", id: message.id } satisfies LookupLimitMessage),
          );
        else waiting.get(message.id)?.();
        return;
      }
      if (!isReport(message)) return;
      if ("failed" in message) {
        if (!started) return void stopAll().then(() => o.fail(message.failed));
        return void console.error(`  A web process could not start: ${message.failed}`);
      }
      ready.add(worker);
      port ??= message.port;
      if (!started && ready.size === o.count) {
        started = true;
        o.serving(port);
        o.report({ ready: true, port });
      }
    });
    worker.once("exit", (code, signal) => {
      ready.delete(worker);
      if (closing) return;
      if (!started) {
        // Its line (sent before it exited) has stopped the server already, if it sent one.
        return void stopAll().then(() =>
          o.fail(`A web process stopped before it was ready (${signal ?? `exit code ${code}`}): see the errors above`),
        );
      }
      const wait = pauses.next(Date.now() - forked);
      console.error(
        `  A web process stopped (${signal ?? `exit code ${code}`}); starting another in ${Math.round(wait / 1000)} s.`,
      );
      setTimeout(() => closing || fork(), wait).unref();
    });
  };

  /** Asks every web process to drain and stop, and waits until they have. */
  function stopAll(): Promise<void> {
    closing = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const kill = setTimeout(() => workers.forEach((w) => w.process.kill("SIGKILL")), o.drainMs + 10_000);
    kill.unref();
    return Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.process.exitCode !== null || w.process.signalCode !== null) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    ).then(() => clearTimeout(kill));
  }

  let stopping: Promise<void> | undefined;
  const close = () => {
    stopping ??= stopAll()
      .then(() => o.stopped())
      .then(() => undefined)
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", close);
  process.on("SIGINT", close);
  process.on("disconnect", close);

  for (let i = 0; i < o.count; i++) fork();
}
