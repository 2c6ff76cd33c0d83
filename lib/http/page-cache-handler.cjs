// Next.js's own file-system page cache, except that it keeps only successful pages.
// A page answered with notFound() or a redirect (an unknown or misspelt certificate code
// at /verify/<code>) is rendered again when asked again instead of stored: anyone can ask
// for any number of distinct codes, and each stored answer would take disk and memory.
// CommonJS, because Next.js loads it with require() at start-up (next.config.js cacheHandler).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;

/** Whether a cache entry is a page answered with something other than 200. */
function isRefusal(data) {
  if (!data || typeof data !== "object") return false;
  if (data.kind === "REDIRECT") return true;
  return (data.kind === "APP_PAGE" || data.kind === "PAGES") && data.status !== undefined && data.status !== 200;
}

module.exports = class PageCacheHandler extends FileSystemCache {
  async set(key, data, ctx) {
    if (isRefusal(data)) return;
    return super.set(key, data, ctx);
  }
};
