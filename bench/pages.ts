// `npm run bench`: how fast `npm start` comes up, and how many page requests
// the production server answers. Prints the figures; asserts nothing.
//   BENCH_DURATION (s, default 10)  BENCH_CONNECTIONS (default 10)
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getFreePort } from "../scripts/lib/ports.ts";
import { buildIfStale, machine, startApp, stop, throughput, waitFor, writeResults } from "./lib/app.ts";

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PAGES = ["/", "/lectures/nhz-policy-framework"];

async function main() {
  await buildIfStale();
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-"));
  chmodSync(work, 0o755);
  const dataDir = path.join(work, "pg");
  const port = await getFreePort();
  const results: Record<string, unknown> = {};
  try {
    // 1. Start-up, build present: first on an empty data folder (initdb, migrations, seed), then again on that data.
    for (const kind of ["empty data folder", "existing data"] as const) {
      const started = performance.now();
      const child = startApp({ port, dataDir, pgPort: port + 1 });
      await waitFor(`http://127.0.0.1:${port}/`, child, 25);
      const ms = performance.now() - started;
      results[`npm start to first 200 (${kind})`] = `${(ms / 1000).toFixed(2)} s`;
      console.log(`npm start → first 200 on /, ${kind}: ${(ms / 1000).toFixed(2)} s`);
      if (kind === "existing data") {
        // 2. Throughput against this production server.
        for (const page of PAGES) {
          results[page] = await throughput(
            page,
            { url: `http://127.0.0.1:${port}${page}` },
            { connections, duration, width: 34 },
          );
        }
      }
      await stop(child);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nMachine: ${machine()}; ${connections} connections, ${duration} s per page`);
  writeResults("pages", { machine: machine(), connections, duration, results });
}

await main();
