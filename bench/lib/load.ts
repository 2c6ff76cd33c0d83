// A closed-loop load generator on node:http: `connections` keep-alive connections, each
// sending its next request as soon as the previous answer has ended, for `duration` seconds.
// bench:pages measures with it rather than with autocannon, whose client appends every
// answer's body to a string: a compressed (binary) body is decoded as UTF-8 on the way, and
// that decoding, on the same two cores as the server, capped a 17 KB Brotli answer from a bare
// server at a third to a half of a 10 KB one's rate (`npm run bench:generators` shows both
// side by side). Here a body is counted and dropped: the measure is what an answer costs the
// server, not what the client does with it.
import http from "node:http";
import type { Socket } from "node:net";

/** What a browser sends, so that what is compressed is compressed as for one. */
export const BROWSER_ENCODINGS = { "accept-encoding": "gzip, deflate, br, zstd" };

export type LoadOptions = {
  base: string;
  connections: number;
  /** Seconds of load. */
  duration: number;
  /** Each request's path and headers. */
  request(): { path: string; headers: Record<string, string> };
  /** Every answer's status, with the first bytes of its body (for an example of a wrong one). */
  onResponse?(status: number, start: Buffer): void;
  /** An answer slower than this is a timeout, and its connection is closed (default 10 s). */
  timeoutMs?: number;
};

export type LoadResult = {
  /** Answers received, and the seconds from the first request to the last answer. */
  total: number;
  seconds: number;
  /** Latency percentiles in ms, to a tenth. */
  p50: number;
  p99: number;
  /** Bytes read from the sockets, headers included. */
  bytes: number;
  /** Connection errors and timeouts. */
  errors: number;
};

/** Sorted latencies' percentile (nearest rank). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

export async function closedLoop(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const sockets = new Set<Socket>();
  const latencies: number[] = [];
  let errors = 0;
  const begun = performance.now();
  const end = begun + o.duration * 1000;

  const one = () =>
    new Promise<void>((resolve) => {
      const { path, headers } = o.request();
      const started = performance.now();
      const req = http.request({ host: url.hostname, port: url.port, path, headers, agent }, (res) => {
        let start: Buffer | undefined;
        res.on("data", (chunk: Buffer) => {
          start ??= chunk.subarray(0, 200);
        });
        res.on("end", () => {
          latencies.push(performance.now() - started);
          o.onResponse?.(res.statusCode ?? 0, start ?? Buffer.alloc(0));
          resolve();
        });
        res.on("error", () => {
          errors += 1;
          resolve();
        });
      });
      req.on("socket", (socket) => sockets.add(socket));
      req.setTimeout(o.timeoutMs ?? 10_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors += 1;
        resolve();
      });
      req.end();
    });

  const connection = async () => {
    while (performance.now() < end) await one();
  };
  await Promise.all(Array.from({ length: o.connections }, connection));
  const seconds = (performance.now() - begun) / 1000;
  let bytes = 0;
  for (const socket of sockets) bytes += socket.bytesRead;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    total: latencies.length,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    bytes,
    errors,
  };
}
