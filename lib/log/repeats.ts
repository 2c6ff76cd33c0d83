// Repeated identical errors, logged once per interval with a count: with the database down,
// every request fails the same way, and a stack trace per request (thousands a minute)
// buries the one line that says what is wrong. The first occurrence of a message is written
// in full; the same message again within the interval is counted, and when the interval
// ends one line says how many times it came.

type Write = (...args: unknown[]) => void;

/** What makes two log calls "the same": an error's name, code and message, or the text itself. */
export function repeatKey(args: readonly unknown[]): string {
  const first = args.find((a) => a instanceof Error) ?? args[0];
  const text =
    first instanceof Error
      ? `${first.name}${"code" in first && first.code ? ` ${String(first.code)}` : ""}: ${first.message}`
      : typeof first === "string"
        ? first
        : String(first);
  // Labels before the error ("Quiz API:") are part of what was said.
  const label = args.length > 1 && typeof args[0] === "string" && first !== args[0] ? `${args[0]} ` : "";
  return `${label}${text}`.split("\n")[0]!.slice(0, 300);
}

/**
 * Wraps `write` (e.g. console.error): each message is written the first time, then counted
 * until `intervalMs` has passed since it was first written; the count is written when the
 * interval ends (by `flush`, which a timer calls every interval).
 */
export function filterRepeats(write: Write, opts: { intervalMs?: number; now?: () => number } = {}) {
  const interval = opts.intervalMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const seen = new Map<string, { since: number; repeats: number }>();
  const flush = (all = false) => {
    const t = now();
    for (const [key, entry] of seen) {
      if (!all && t - entry.since < interval) continue;
      if (entry.repeats > 0)
        write(
          `(repeated ${entry.repeats} more time${entry.repeats === 1 ? "" : "s"} in ${Math.round((t - entry.since) / 1000)} s) ${key}`,
        );
      seen.delete(key);
    }
  };
  const filtered: Write = (...args) => {
    const key = repeatKey(args);
    const entry = seen.get(key);
    if (entry && now() - entry.since < interval) {
      entry.repeats += 1;
      return;
    }
    if (entry) flush();
    seen.set(key, { since: now(), repeats: 0 });
    write(...args);
  };
  return { write: filtered, flush };
}

/** Makes console.error of this process log repeats once per interval (scripts/server.ts, the worker). */
export function filterConsoleRepeats(intervalMs = 60_000): void {
  const { write, flush } = filterRepeats(console.error.bind(console), { intervalMs });
  console.error = write;
  setInterval(() => flush(), intervalMs).unref();
}
