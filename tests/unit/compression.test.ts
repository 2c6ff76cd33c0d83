// The server's compression of responses written as they are rendered: Brotli in a window
// of 2^BROTLI_WINDOW_BITS bytes for a browser, gzip for a client without Brotli, through a
// real node:http server and client.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROTLI_WINDOW_BITS, createCompression } from "../../lib/http/compression";

/** The window size a Brotli stream declares in its first bits (RFC 7932, section 9.1). */
function brotliWindowBits(stream: Buffer): number {
  const bits = stream[0]! | (stream[1]! << 8);
  if ((bits & 1) === 0) return 16;
  const n = (bits >> 1) & 0b111;
  if (n !== 0) return 17 + n;
  const m = (bits >> 4) & 0b111;
  if (m === 1) throw new Error("a large-window stream");
  return m === 0 ? 17 : 8 + m;
}

// A page as Next.js streams one: HTML in several writes, each flushed to the client.
const page = Buffer.from(
  `<!DOCTYPE html><html><body>${Array.from({ length: 400 }, (_, i) => `<p id="p${i}">Paragraph ${i} of the lecture's notes.</p>`).join("")}</body></html>`,
);

let server: Server;
let port: number;
beforeAll(async () => {
  const compress = createCompression();
  server = createServer((req, res) => {
    compress(req, res, () => {});
    res.setHeader("content-type", "text/html; charset=utf-8");
    const parts = 5;
    const size = Math.ceil(page.length / parts);
    for (let i = 0; i < parts; i++) {
      res.write(page.subarray(i * size, (i + 1) * size));
      (res as unknown as { flush(): void }).flush();
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(acceptEncoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ port, host: "127.0.0.1", path: "/", headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

describe("createCompression", () => {
  it("reads the window size a Brotli stream declares", () => {
    expect(brotliWindowBits(Buffer.from([0b0000_0000, 0]))).toBe(16);
    expect(brotliWindowBits(Buffer.from([0b0000_0011, 0]))).toBe(18);
    expect(brotliWindowBits(Buffer.from([0b0000_1011, 0]))).toBe(22);
    expect(brotliWindowBits(Buffer.from([0b0000_0001, 0]))).toBe(17);
    expect(brotliWindowBits(Buffer.from([0b0010_0001, 0]))).toBe(10);
  });

  it(`compresses a streamed page with Brotli in a window of 2^${BROTLI_WINDOW_BITS} bytes for a browser`, async () => {
    expect(BROTLI_WINDOW_BITS).toBeLessThan(22); // zlib's default, which costs more per response
    const { encoding, body } = await get("gzip, deflate, br, zstd");
    expect(encoding).toBe("br");
    expect(brotliWindowBits(body)).toBe(BROTLI_WINDOW_BITS);
    expect(brotliDecompressSync(body).equals(page)).toBe(true);
    expect(body.length).toBeLessThan(page.length / 5);
  });

  it("compresses with gzip for a client that does not take Brotli, and not at all for one that takes neither", async () => {
    const gzip = await get("gzip");
    expect(gzip.encoding).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(page)).toBe(true);
    const plain = await get("identity");
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.equals(page)).toBe(true);
  });
});
