// The server's shared cache of public pages (lib/http/shared-page-cache.ts), in front of a
// stand-in for Next.js on a real node:http server: what it stores, for how long, what a
// revalidation does, and what it answers with.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import {
  createServer,
  get as httpGet,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import compression from "compression";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSharedPageCache, inlineScriptHashes, sharedMaxAge } from "@/lib/http/shared-page-cache";

/** Next's page cache handler, as Next loads it (lib/http/page-cache-handler.cjs). */
const PageCacheHandler = createRequire(import.meta.url)("../../lib/http/page-cache-handler.cjs") as new (o: object) => {
  revalidateTag(tags: string[]): Promise<void>;
};

const PAGE = `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script></head><body><h1>Lecture</h1><script>(self.__next_f=self.__next_f||[]).push([0])</script><script id="x">self.__next_f.push([1,"a"])</script></body></html>`;
/** A build file as Next.js serves it from /_next/static. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const SCRIPT = `(globalThis.TURBOPACK||=[]).push([${'"chunk",'.repeat(20)}]);`;
const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** What the stand-in for Next answers, by path. */
type Answer = { status?: number; headers: Record<string, string>; body?: string };
const answers: Record<string, Answer> = {
  "/lecture": {
    headers: {
      "Cache-Control": "s-maxage=31536000",
      "Content-Type": "text/html; charset=utf-8",
      Vary: "rsc, Accept-Encoding",
    },
  },
  "/home": {
    headers: { "Cache-Control": "s-maxage=60, stale-while-revalidate=540", "Content-Type": "text/html; charset=utf-8" },
  },
  "/dashboard": {
    headers: {
      "Cache-Control": "private, no-cache, no-store, max-age=0, must-revalidate",
      "Content-Type": "text/html",
    },
  },
  "/cookie": { headers: { "Cache-Control": "s-maxage=60", "Content-Type": "text/html", "Set-Cookie": "a=1" } },
  "/stale": { headers: { "Cache-Control": "s-maxage=60", "Content-Type": "text/html", "x-nextjs-cache": "STALE" } },
  "/json": { headers: { "Cache-Control": "s-maxage=60", "Content-Type": "application/json" }, body: "{}" },
  "/missing": { status: 404, headers: { "Cache-Control": "s-maxage=60", "Content-Type": "text/html" } },
  "/_next/static/chunks/app.js": {
    headers: { "Cache-Control": IMMUTABLE, "Content-Type": "application/javascript; charset=UTF-8" },
    body: SCRIPT,
  },
  "/_next/static/media/font.woff2": {
    headers: { "Cache-Control": IMMUTABLE, "Content-Type": "font/woff2" },
    body: SCRIPT,
  },
  "/_next/static/chunks/changing.js": {
    headers: { "Cache-Control": "public, max-age=0", "Content-Type": "application/javascript" },
    body: SCRIPT,
  },
  "/api/file.js": { headers: { "Cache-Control": IMMUTABLE, "Content-Type": "application/javascript" }, body: SCRIPT },
};

let clock = 0;
let rendered: string[] = [];
const cache = createSharedPageCache({ now: () => clock, maxBytes: 4 * PAGE.length });
let server: Server;
let base: string;

function next(req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? "/").split("?")[0]!;
  rendered.push(req.url ?? "/");
  const answer = answers[path] ?? answers["/lecture"]!;
  res.setHeader("X-Frame-Options", "DENY");
  res.writeHead(answer.status ?? 200, answer.headers);
  const body = answer.body ?? PAGE.replace("Lecture", `Lecture ${req.url}`);
  res.write(body.slice(0, 40));
  res.end(body.slice(40));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (cache.serve(req, res)) return;
    cache.capture(req, res);
    next(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  clock += 10 * 365 * 24 * 3600 * 1000; // everything stored before has expired
  rendered = [];
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

/** A GET through node:http, which leaves the body as sent (fetch would decode it). */
const getAsSent = (url: string, acceptEncoding: string) =>
  new Promise<{ bytes: Buffer; headers: IncomingHttpHeaders }>((resolve, reject) => {
    httpGet(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ bytes: Buffer.concat(chunks), headers: res.headers }));
    }).on("error", reject);
  });

describe("the shared page cache", () => {
  it("answers a second request for a page Next marks shareable from memory, with a hash policy, an Age and its other headers", async () => {
    const first = await get("/lecture");
    expect(first.headers.get("age")).toBeNull();
    const firstBody = await first.text();
    clock += 5_000;
    const second = await get("/lecture");
    expect(rendered).toEqual(["/lecture"]);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get("age")).toBe("5");
    expect(second.headers.get("cache-control")).toBe("s-maxage=31536000");
    expect(second.headers.get("vary")).toBe("rsc, Accept-Encoding");
    expect(second.headers.get("x-frame-options")).toBe("DENY");
    const csp = second.headers.get("content-security-policy")!;
    expect(csp).toContain(
      `script-src 'self' ${sha("(self.__next_f=self.__next_f||[]).push([0])")} ${sha('self.__next_f.push([1,"a"])')};`,
    );
    expect(csp).not.toMatch(/nonce|strict-dynamic|unsafe-inline' 'sha/);
    expect(csp).toContain("object-src 'none'");
  });

  it("says whether it would answer a request: only for a stored 200 page, while it is fresh, and never for an RSC request", async () => {
    const request = (url: string, headers: Record<string, string> = {}) =>
      ({ method: "GET", url, headers }) as unknown as IncomingMessage;
    expect(cache.has(request("/lecture?has"))).toBe(false);
    await (await get("/lecture?has")).text();
    expect(cache.has(request("/lecture?has"))).toBe(true);
    expect(cache.has(request("/lecture?has", { rsc: "1" }))).toBe(false);
    expect(cache.has({ ...request("/lecture?has"), method: "POST" } as IncomingMessage)).toBe(false);
    await (await get("/missing?has")).text();
    expect(cache.has(request("/missing?has"))).toBe(false);
    clock += 365 * 24 * 3600 * 1000 + 1000;
    expect(cache.has(request("/lecture?has"))).toBe(false);
  });

  it.each([
    ["br", (b: Buffer) => brotliDecompressSync(b)],
    ["gzip", (b: Buffer) => gunzipSync(b)],
    ["gzip, deflate, br, zstd", (b: Buffer) => brotliDecompressSync(b)],
    ["identity", (b: Buffer) => b],
  ])("sends the page in the encoding %s asks for", async (accept, decode) => {
    await get("/lecture");
    const { bytes, headers } = await getAsSent(`${base}/lecture`, accept);
    expect(decode(bytes).toString()).toContain("<h1>Lecture /lecture</h1>");
    expect(headers["content-length"]).toBe(String(bytes.length));
  });

  it("keeps a page for its s-maxage at most", async () => {
    await get("/home");
    clock += 59_000;
    await get("/home");
    expect(rendered).toEqual(["/home"]);
    clock += 1_000;
    await get("/home");
    expect(rendered).toEqual(["/home", "/home"]);
  });

  it("drops every page when Next's page cache is revalidated, and never stores one rendered before that", async () => {
    await get("/lecture");
    await get("/lecture");
    expect(rendered).toHaveLength(1);
    await new PageCacheHandler({}).revalidateTag(["_N_T_/en/verify/[code]"]);
    await get("/lecture");
    await get("/lecture");
    expect(rendered).toHaveLength(2);
  });

  it.each([
    ["a private page", "/dashboard", {}],
    ["a page that sets a cookie", "/cookie", {}],
    ["a page Next served stale", "/stale", {}],
    ["JSON", "/json", {}],
    ["a 404", "/missing", {}],
    ["an RSC request", "/lecture", { rsc: "1" }],
    ["a router prefetch", "/lecture", { "next-router-prefetch": "1" }],
    ["a request with credentials", "/lecture", { authorization: "Basic eDp5" }],
  ])("does not store or serve %s", async (_what, path, headers) => {
    await get(path, headers);
    await get(path, headers);
    expect(rendered).toEqual([path, path]);
  });

  it("keeps a query string's page apart, and holds no more than its size", async () => {
    for (const q of ["a", "b", "c", "d", "e", "f"]) await get(`/lecture?${q}`);
    expect(cache.size().bytes).toBeLessThanOrEqual(4 * PAGE.length);
    rendered = [];
    await get("/lecture?f");
    await get("/lecture?a");
    expect(rendered).toEqual(["/lecture?a"]);
  });

  it("answers HEAD from the cache without a body", async () => {
    await get("/lecture");
    const head = await fetch(base + "/lecture", { method: "HEAD" });
    expect([head.status, await head.text(), rendered]).toEqual([200, "", ["/lecture"]]);
  });
});

describe("the build's files (/_next/static) in the shared cache", () => {
  it.each([
    ["br", brotliDecompressSync],
    ["gzip", gunzipSync],
  ] as const)(
    "keeps a script sent as immutable and answers it compressed (%s) without asking Next again",
    async (encoding, decode) => {
      const path = `/_next/static/chunks/app.js?${encoding}`;
      expect((await get(path)).status).toBe(200);
      const cached = await getAsSent(base + path, encoding);
      expect(rendered).toEqual([path]);
      expect(cached.headers["content-encoding"]).toBe(encoding);
      expect(cached.headers["cache-control"]).toBe(IMMUTABLE);
      expect(cached.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
      expect(cached.headers["content-security-policy"]).toBeUndefined();
      expect(decode(cached.bytes).toString()).toBe(SCRIPT);
    },
  );

  it("keeps a script through a revalidation of the pages, and past any s-maxage", async () => {
    await get("/_next/static/chunks/app.js?kept");
    await new PageCacheHandler({}).revalidateTag(["_N_T_/en/verify/[code]"]);
    clock += 10 * 365 * 24 * 3600 * 1000;
    const again = await get("/_next/static/chunks/app.js?kept", { "accept-encoding": "identity" });
    expect([await again.text(), rendered]).toEqual([SCRIPT, ["/_next/static/chunks/app.js?kept"]]);
  });

  it("answers a font as it is: its type is compressed already", async () => {
    await get("/_next/static/media/font.woff2");
    const cached = await getAsSent(`${base}/_next/static/media/font.woff2`, "br, gzip");
    expect(cached.headers["content-encoding"]).toBeUndefined();
    expect([cached.bytes.toString(), rendered]).toEqual([SCRIPT, ["/_next/static/media/font.woff2"]]);
  });

  it.each([
    ["a build file not sent as immutable", "/_next/static/chunks/changing.js"],
    ["an immutable answer outside /_next/static", "/api/file.js"],
  ])("does not store %s", async (_what, path) => {
    await get(path);
    await get(path);
    expect(rendered).toEqual([path, path]);
  });

  it("keeps a file streamed through this server's compression, as scripts/server.ts serves it", async () => {
    const compress = compression() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
    const streamed = createSharedPageCache({ now: () => clock });
    let asked = 0;
    const front = createServer((req, res) => {
      compress(req, res, () => {});
      if (streamed.serve(req, res)) return;
      streamed.capture(req, res);
      asked += 1;
      res.setHeader("Cache-Control", IMMUTABLE);
      res.setHeader("Content-Type", "application/javascript");
      // Several writes, as a file read from disk in pieces: the first sends the headers.
      for (let i = 0; i < SCRIPT.length; i += 40) res.write(SCRIPT.slice(i, i + 40));
      res.end();
    });
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}/_next/static/chunks/big.js`;
      const first = await getAsSent(url, "gzip");
      expect([first.headers["content-encoding"], gunzipSync(first.bytes).toString()]).toEqual(["gzip", SCRIPT]);
      const second = await getAsSent(url, "gzip");
      expect([second.headers["content-encoding"], gunzipSync(second.bytes).toString(), asked]).toEqual([
        "gzip",
        SCRIPT,
        1,
      ]);
    } finally {
      await new Promise<void>((resolve) => front.close(() => resolve()));
    }
  });
});

describe("a page's Brotli form, made again at the best quality", () => {
  const WORDS = ["policy", "science", "zones", "innovation", "reform", "technology", "parks", "talent", "research"];
  /** A long page: 120 KB of paragraphs, which Brotli's best quality makes much smaller than its quality 6. */
  const LONG = `<!DOCTYPE html><html><body>${Array.from(
    { length: 1500 },
    (_, i) =>
      `<p class="prose">Paragraph ${i}: the ${WORDS[i % 9]} of ${WORDS[(i * 7) % 9]} in ${1988 + (i % 37)}.</p>`,
  ).join("")}</body></html>`;
  const own = createSharedPageCache({ now: () => clock });
  let front: Server;
  let url: string;
  let renders = 0;

  beforeAll(async () => {
    front = createServer((req, res) => {
      if (own.serve(req, res)) return;
      own.capture(req, res);
      renders += 1;
      res.setHeader("Cache-Control", "s-maxage=60");
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(LONG);
    });
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(front.address() as AddressInfo).port}/long`;
  });
  afterAll(() => new Promise<void>((resolve) => front.close(() => resolve())));

  it("takes the first one's place once made, and the cache counts its size", async () => {
    await getAsSent(url, "identity");
    const quick = await getAsSent(url, "br");
    expect(brotliDecompressSync(quick.bytes).toString()).toBe(LONG);
    await vi.waitFor(
      async () => expect((await getAsSent(url, "br")).bytes.length).toBeLessThan(quick.bytes.length * 0.9),
      {
        timeout: 10_000,
        interval: 20,
      },
    );
    const best = await getAsSent(url, "br");
    expect(brotliDecompressSync(best.bytes).toString()).toBe(LONG);
    expect(best.headers["content-length"]).toBe(String(best.bytes.length));
    expect(renders).toBe(1);
    expect(own.size()).toEqual({ entries: 1, bytes: Buffer.byteLength(LONG) + best.bytes.length });
  });

  it("leaves alone a page stored again while its form was being made", async () => {
    renders = 0;
    clock += 61_000; // the page above has expired
    await getAsSent(url, "identity");
    const quick = await getAsSent(url, "br"); // its best form is now being made...
    clock += 61_000;
    await getAsSent(url, "identity"); // ...while the page is rendered and stored again
    expect(renders).toBe(2);
    await vi.waitFor(
      async () => expect((await getAsSent(url, "br")).bytes.length).toBeLessThan(quick.bytes.length * 0.9),
      {
        timeout: 10_000,
        interval: 20,
      },
    );
    const best = await getAsSent(url, "br");
    expect(own.size()).toEqual({ entries: 1, bytes: Buffer.byteLength(LONG) + best.bytes.length });
  });
});

describe("inlineScriptHashes", () => {
  it.each([
    ["no scripts", "<p>a</p>", []],
    ["a script file", '<script src="/a.js"></script>', []],
    ["an inline script", "<script>a()</script>", [sha("a()")]],
    ["attributes and the same script twice", '<script id="x">a()</script><SCRIPT>a()</SCRIPT>', [sha("a()")]],
    ["an empty inline script", "<script></script>", [sha("")]],
  ])("%s", (_what, html, hashes) => expect(inlineScriptHashes(html)).toEqual(hashes));
});

describe("sharedMaxAge", () => {
  it.each([
    ["s-maxage=60, stale-while-revalidate=540", 60],
    ["s-maxage=31536000", 31536000],
    ["public, max-age=0, must-revalidate", 0],
    ["private, no-cache, no-store, max-age=0, must-revalidate", 0],
    ["private, s-maxage=60", 0],
    ["", 0],
  ])("%j → %d", (header, seconds) => expect(sharedMaxAge(header)).toBe(seconds));
});
