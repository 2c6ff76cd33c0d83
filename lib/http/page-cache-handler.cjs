// Next.js's page cache (ISR), kept in this process's memory and bounded in size.
// It implements Next's documented cacheHandler interface (next.config.js cacheHandler):
// get, set, revalidateTag and resetRequestCache, with entries indexed by their tags as
// the documentation describes (a page's tags are in its x-next-cache-tags header, a fetch's
// in ctx.tags). Only successful answers are stored: a page answered with notFound() or a
// redirect (an unknown or misspelt certificate code at /verify/<code>) is rendered again
// when asked again, because anyone can ask for any number of distinct codes. The size
// bound holds whatever is stored: past it, the least recently used entries go.
// One of several web processes (scripts/lib/web-processes.ts) tells the others, through
// the first process, which tags it revalidated, and waits until each has dropped them: the
// server action that revoked a certificate answers only once no process would still serve
// the old /verify page.
// CommonJS, because Next.js loads it with require() at start-up.
const cluster = process.getBuiltinModule("node:cluster");

/** The most the cache holds, in bytes of its strings and binary data. */
const MAX_BYTES = 64 * 1024 * 1024;
const TAGS_HEADER = "x-next-cache-tags";

/**
 * The entries, least recently used first (a Map keeps insertion order). One store per
 * process: Next.js may create a handler per request, and may load this file more than once.
 */
const STORE = Symbol.for("sti-lms.page-cache");
const store = (globalThis[STORE] ??= { entries: new Map(), bytes: 0, revalidations: 0, asked: 0, waiting: new Map() });

/** Drops this process's entries that answer to any of `tags`. */
function dropTagged(tags) {
  // The server's shared cache of public pages (lib/http/shared-page-cache.ts) empties
  // itself when this count changes.
  store.revalidations = (store.revalidations ?? 0) + 1;
  const dropped = new Set([tags].flat());
  for (const [key, entry] of store.entries) {
    if ([...entry.tags].some((tag) => dropped.has(tag))) remove(key);
  }
}

/** How long a revalidation waits for the other web processes at most. */
const OTHERS_TIMEOUT_MS = 10_000;

/** Tells the other web processes to drop `tags`; resolves once they all have. */
function tellOtherProcesses(tags) {
  if (!cluster.isWorker || !process.connected) return Promise.resolve();
  const id = `${process.pid}:${++store.asked}`;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      store.waiting.delete(id);
      resolve();
    };
    const timer = setTimeout(done, OTHERS_TIMEOUT_MS);
    store.waiting.set(id, done);
    process.send({ pageCache: "revalidate", id, tags: [tags].flat() });
  });
}

// The first process relays another's revalidation, and its acknowledgement of ours.
if (cluster.isWorker && !store.listening) {
  store.listening = true;
  process.on("message", (message) => {
    if (!message || typeof message !== "object" || !("pageCache" in message)) return;
    if (message.pageCache === "revalidated") return void store.waiting.get(message.id)?.();
    if (message.pageCache !== "revalidate") return;
    dropTagged(message.tags);
    if (process.connected) process.send({ pageCache: "revalidated", id: message.id });
  });
}

/** Whether a cache value is an answer other than a successful page (not stored). */
function isRefusal(data) {
  if (!data || typeof data !== "object") return true;
  if (data.kind === "REDIRECT") return true;
  return typeof data.status === "number" && data.status !== 200;
}

/** The bytes of a value's strings and binary data, however it is nested. */
function sizeOf(value, seen = new Set()) {
  if (typeof value === "string") return value.length * 2;
  if (value === null || typeof value !== "object") return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (seen.has(value)) return 0;
  seen.add(value);
  let bytes = 0;
  const items = value instanceof Map ? [...value.keys(), ...value.values()] : Object.values(value);
  for (const item of items) bytes += sizeOf(item, seen);
  return bytes;
}

/** The tags an entry answers to: revalidateTag/revalidatePath drop it. */
function tagsOf(data, ctx) {
  const header = data.headers?.[TAGS_HEADER];
  const fromHeader = typeof header === "string" ? header.split(",") : [];
  return new Set([...fromHeader, ...(ctx?.tags ?? [])].filter(Boolean));
}

function remove(key) {
  const entry = store.entries.get(key);
  if (!entry) return;
  store.entries.delete(key);
  store.bytes -= entry.size;
}

class PageCacheHandler {
  constructor(options) {
    this.options = options;
  }

  async get(key) {
    const entry = store.entries.get(key);
    if (!entry) return null;
    store.entries.delete(key); // now the most recently used
    store.entries.set(key, entry);
    return { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl };
  }

  async set(key, data, ctx) {
    remove(key);
    if (isRefusal(data)) return;
    const size = sizeOf(data) + key.length * 2;
    if (size > MAX_BYTES / 8) return; // one page may not push out most of the others
    store.entries.set(key, {
      value: data,
      lastModified: Date.now(),
      cacheControl: ctx?.cacheControl,
      tags: tagsOf(data, ctx),
      size,
    });
    store.bytes += size;
    for (const oldest of store.entries.keys()) {
      if (store.bytes <= MAX_BYTES) break;
      remove(oldest);
    }
  }

  async revalidateTag(tags) {
    dropTagged(tags);
    await tellOtherProcesses(tags);
  }

  resetRequestCache() {}
}

PageCacheHandler.MAX_BYTES = MAX_BYTES;
/** The number of entries and their bytes (for tests). */
PageCacheHandler.usage = () => ({ entries: store.entries.size, bytes: store.bytes });
/** Empties the cache (for tests). */
PageCacheHandler.clear = () => {
  store.entries.clear();
  store.bytes = 0;
  store.revalidations = (store.revalidations ?? 0) + 1;
};

module.exports = PageCacheHandler;
