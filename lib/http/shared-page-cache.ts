// The server's shared cache of public pages: what a CDN in front of the app would keep,
// kept in the server itself, so that a page that is the same for everybody (a lecture,
// the programme's home page, a certificate's /verify page) costs about what a static file
// does. Next.js renders such a page once and keeps it in its own page cache, but answering
// from there still takes its router, the page's rewrite to the locale, a fresh nonce stamped
// on each script and the compression of the whole page: four to ten times the CPU of a
// static file (bench/README.md, "bench:pages").
//
// What is stored, and for how long, is what Next.js says a shared cache may store:
// a 200 HTML answer to a GET for a document (no RSC or router headers), with
// `Cache-Control: s-maxage=N` and neither `private` nor `no-store`, no Set-Cookie, and not
// already stale in Next's own cache; it is kept N seconds at most. A change that makes
// Next's page cache drop pages (revalidatePath, revalidateTag) empties this cache too:
// lib/http/page-cache-handler.cjs counts those changes in `revalidations`, and an entry is
// used only while the count is the one it was stored under.
//
// Such a page is the same bytes for everyone, so its Content-Security-Policy allows its
// inline scripts by their SHA-256 hashes and the app's own script files by origin, in place
// of the per-response nonce the other pages get (lib/http/html-response.ts); its gzip and
// Brotli forms are made once, when first asked for (and the Brotli form again, smaller, right after).
//
// The build's scripts and styles (/_next/static/..., named by their content and sent as
// `immutable`) are kept the same way, compressed once: Next.js serves them from disk, and
// this server compressed each on every request (the largest script, 229 KB, 18 ms of CPU a
// request; a participant's first dashboard fetches fifteen). They never change, so a
// revalidation leaves them; only the size bound drops them.
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { brotliCompress, brotliCompressSync, constants, gzipSync } from "node:zlib";
import Negotiator from "negotiator";
import { contentSecurityPolicyWithHashes } from "./security-headers";

/** The most the cache holds, in bytes of page bodies (each encoding counted). */
const MAX_BYTES = 32 * 1024 * 1024;
/**
 * Brotli's quality for the form made when first asked for, in the request's own thread:
 * at 6 the largest script (229 KB) takes 19 ms and comes to 67.0 KB; at 9 it took 200 ms
 * for 66.2 KB.
 */
const BROTLI_QUALITY = 6;
/**
 * The quality that form is then made again at, off the request's thread (zlib's thread
 * pool), one entry at a time so that the pool stays free for the compression of the other
 * pages; the smaller form takes the first one's place. At 11, a lecture page's 113 KB of
 * HTML come to 15.8 KB instead of 18.1 KB (150 ms of a pool thread), the main stylesheet's
 * 57 KB to 9.3 KB instead of 10.1 KB (75 ms), once per page stored.
 */
const BROTLI_BEST = 11;
/** A page larger than this is not stored. */
const MAX_PAGE_BYTES = 1024 * 1024;
/** Headers of Next's answer that are not passed on from the cache. */
const DROPPED = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "etag",
  "content-security-policy",
  "x-nextjs-cache",
  "x-middleware-rewrite",
]);
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
];
const ENCODINGS = ["br", "gzip", "identity"] as const;
type Encoding = (typeof ENCODINGS)[number];

type Entry = {
  headers: OutgoingHttpHeaders;
  /** A build file from /_next/static: never stale. */
  immutable: boolean;
  /** Whether it is sent compressed when the client takes it: not a build file's font or image. */
  compressible: boolean;
  bodies: Partial<Record<Encoding, Buffer>>;
  stored: number;
  expires: number;
  revalidations: number;
  bytes: number;
};

const REVALIDATIONS = Symbol.for("sti-lms.page-cache");
/** How many times Next's page cache has dropped pages in this process (lib/http/page-cache-handler.cjs). */
const revalidations = () =>
  (globalThis as { [REVALIDATIONS]?: { revalidations?: number } })[REVALIDATIONS]?.revalidations ?? 0;

/** The client's preferred encoding of those the cache makes: Brotli, then gzip, on a tie. */
function preferredEncoding(req: IncomingMessage): Encoding {
  // negotiator 1.x takes the order to prefer on a tie (its 0.6 types do not say so).
  const negotiator = new Negotiator(req) as unknown as {
    encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined;
  };
  return (negotiator.encoding(ENCODINGS, { preferred: ENCODINGS }) ?? "identity") as Encoding;
}

/** The SHA-256 hashes of an HTML page's inline scripts, as CSP source expressions. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(match[1]!)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(match[2]!, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** The seconds a shared cache may keep an answer with this Cache-Control, or 0. */
export function sharedMaxAge(cacheControl: string | undefined): number {
  const value = (cacheControl ?? "").toLowerCase();
  if (/(^|[\s,])(private|no-store|no-cache)\b/.test(value)) return 0;
  const seconds = /(?:^|[\s,])s-maxage=(\d+)/.exec(value)?.[1];
  return seconds ? Number(seconds) : 0;
}

/** Whether `url` names one of the build's files, which Next.js serves with `immutable`. */
const isBuildFile = (url: string) => url.startsWith("/_next/static/");

/** Whether a type is worth compressing: text, scripts, JSON, SVG; not fonts or images, which are already. */
const isCompressible = (contentType: string) =>
  /^(text\/|application\/(javascript|json|manifest\+json|xml)\b|image\/svg\+xml\b)/i.test(contentType);

/** Whether a request asks for a whole HTML document that a shared cache may answer. */
export function isDocumentRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (req.headers.authorization) return false;
  return ROUTER_HEADERS.every((name) => req.headers[name] === undefined);
}

export function createSharedPageCache(o: { now?: () => number; maxBytes?: number } = {}) {
  const now = o.now ?? Date.now;
  const maxBytes = o.maxBytes ?? MAX_BYTES;
  const entries = new Map<string, Entry>(); // least recently used first
  let bytes = 0;
  /** The Brotli forms being made again at the best quality, one after the other. */
  let refining: Promise<void> = Promise.resolve();

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const fresh = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (!entry.immutable && (entry.expires <= now() || entry.revalidations !== revalidations()))
      return void remove(key);
    entries.delete(key); // most recently used: to the end
    entries.set(key, entry);
    return entry;
  };
  const grow = (entry: Entry, by: number) => {
    entry.bytes += by;
    bytes += by;
    for (const [key] of entries) {
      if (bytes <= maxBytes) break;
      remove(key);
    }
  };

  function body(key: string, entry: Entry, encoding: Encoding): Buffer {
    const stored = entry.bodies[encoding];
    if (stored) return stored;
    const plain = entry.bodies.identity!;
    const made =
      encoding === "br"
        ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
        : gzipSync(plain, { level: 9 });
    entry.bodies[encoding] = made;
    grow(entry, made.length);
    if (encoding === "br") refine(key, entry);
    return made;
  }

  /** Makes the entry's Brotli form again at the best quality and keeps it, if the entry is still the one stored. */
  function refine(key: string, entry: Entry) {
    const stillStored = () => entries.get(key) === entry;
    const plain = entry.bodies.identity!;
    refining = refining.then(
      () =>
        new Promise<void>((resolve) => {
          if (!stillStored()) return resolve();
          const params = {
            [constants.BROTLI_PARAM_QUALITY]: BROTLI_BEST,
            [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
          };
          brotliCompress(plain, { params }, (err, best) => {
            const quick = entry.bodies.br!;
            if (!err && stillStored() && best.length < quick.length) {
              entry.bodies.br = best;
              grow(entry, best.length - quick.length);
            }
            resolve();
          });
        }),
    );
  }

  /** Whether `serve` would answer `req` from the cache now. */
  function has(req: IncomingMessage): boolean {
    return isDocumentRequest(req) && fresh(req.url ?? "/") !== undefined;
  }

  /** Answers `req` from the cache and returns true, or returns false: a miss. */
  function serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!isDocumentRequest(req)) return false;
    const key = req.url ?? "/";
    const entry = fresh(key);
    if (!entry) return false;
    const encoding = entry.compressible ? preferredEncoding(req) : "identity";
    const bytes = body(key, entry, encoding);
    res.writeHead(200, {
      ...entry.headers,
      ...(encoding === "identity" ? {} : { "Content-Encoding": encoding }),
      "Content-Length": bytes.length,
      Age: Math.floor((now() - entry.stored) / 1000),
    });
    res.end(req.method === "HEAD" ? undefined : bytes);
    return true;
  }

  /**
   * Watches the answer Next.js writes to `req` (call it before anything else wraps `res`)
   * and stores it if a shared cache may. The answer itself goes out unchanged.
   */
  function capture(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "GET" || !isDocumentRequest(req)) return;
    const key = req.url ?? "/";
    const started = revalidations();
    const chunks: Buffer[] = [];
    let size = 0;
    let keep = true;
    // Whether the writer (Next.js) encoded the body itself, read before its first bytes pass
    // on: this server's compression sets the header on the way out of a streamed answer.
    let encodedByWriter: boolean | undefined;
    const take = (chunk: unknown, encoding?: unknown) => {
      encodedByWriter ??= res.getHeader("content-encoding") !== undefined;
      if (!keep || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer =
        typeof chunk === "string"
          ? Buffer.from(chunk, (encoding as BufferEncoding) ?? "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_PAGE_BYTES) keep = false;
      else chunks.push(buffer);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      take(args[0], args[1]);
      return write(...args);
    }) as typeof res.write;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      take(args[0], args[1]);
      if (keep && !encodedByWriter) store(key, res, Buffer.concat(chunks), started);
      return end(...args);
    }) as typeof res.end;
  }

  function store(key: string, res: ServerResponse, content: Buffer, started: number) {
    const cacheControl = String(res.getHeader("cache-control") ?? "");
    const immutable = isBuildFile(key) && /(^|[\s,])immutable\b/i.test(cacheControl);
    const seconds = immutable ? Infinity : sharedMaxAge(cacheControl);
    if (res.statusCode !== 200 || seconds === 0 || content.length === 0) return;
    if (!immutable && !/^text\/html\b/i.test(String(res.getHeader("content-type") ?? ""))) return;
    if (res.getHeader("set-cookie") !== undefined) return;
    if (String(res.getHeader("x-nextjs-cache") ?? "").toUpperCase() === "STALE") return;
    if (revalidations() !== started) return; // rendered before a change that dropped it
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value !== undefined && !DROPPED.has(name.toLowerCase())) headers[name] = value;
    }
    if (!immutable)
      headers["content-security-policy"] = contentSecurityPolicyWithHashes(
        inlineScriptHashes(content.toString("utf8")),
      );
    remove(key);
    const stored = now();
    const entry: Entry = {
      headers,
      immutable,
      compressible: !immutable || isCompressible(String(res.getHeader("content-type") ?? "")),
      bodies: { identity: content },
      stored,
      expires: stored + seconds * 1000,
      revalidations: started,
      bytes: 0,
    };
    entries.set(key, entry);
    grow(entry, content.length);
  }

  return { has, serve, capture, size: () => ({ entries: entries.size, bytes }) };
}
