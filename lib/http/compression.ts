// Compression of the responses the server renders for each request (the pages Next.js
// renders, the JSON API, error pages). Pages served to everyone come from the server's
// shared page cache already compressed (lib/http/shared-page-cache.ts), and pass through
// untouched.
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants } from "node:zlib";
import { Duplex } from "node:stream";
import compression from "compression";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Brotli's window for a response compressed as it is written: 2^18 bytes (256 KB), where
 * zlib's default is 2^22 (4 MB). Each response gets an encoder of its own, which allocates
 * memory in proportion to its window. With ten compressions at once, as ten connections
 * make them, the 4 MB window cost 1-1.6 ms of CPU more per response than this one, for a
 * 2 KB page as for a 61 KB one, and the 61 KB page compressed to the same bytes; in the
 * server, about 3 ms more per page rendered (bench/README.md). A page larger than the
 * window compresses a little less well.
 */
export const BROTLI_WINDOW_BITS = 18;

/** The `compression` middleware, with the Brotli window above (gzip is its default). */
export function createCompression(): Middleware {
  return compression({
    brotli: { params: { [constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS } },
  }) as unknown as Middleware;
}

const noop = () => {};

/**
 * A response closed before it finished leaves compression's zlib stream open. The
 * middleware hands 'drain' listeners on to that stream and returns it from `res.on`,
 * which is how it is found and destroyed here.
 */
export function releaseCompressionStream(res: ServerResponse): void {
  const stream: unknown = res.on("drain", noop);
  if (stream === res || !(stream instanceof Duplex)) return void res.off("drain", noop);
  stream.destroy();
}
