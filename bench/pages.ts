// `npm run bench`: how fast `npm start` comes up, and how many page requests
// the production server answers. Prints the figures; asserts nothing.
//   BENCH_DURATION (s, default 10)  BENCH_CONNECTIONS (default 10)
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { buildIsStale } from "../scripts/lib/build.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { run } from "../scripts/lib/process.ts";

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PAGES = ["/", "/lectures/nhz-policy-framework"];

function startApp(port: number, dataDir: string): ChildProcess {
  return spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), EMBEDDED_PG_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port + 1), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
}

async function msToFirst200(url: string, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error("npm start exited before answering");
    try {
      const r = await fetch(url);
      if (r.status === 200) return performance.now() - started;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function main() {
  if (buildIsStale()) {
    console.log("Building first (the build is missing or stale)...");
    if ((await run(path.join(ROOT, "node_modules/.bin/next"), ["build"])) !== 0) process.exit(1);
  }
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-"));
  chmodSync(work, 0o755);
  const dataDir = path.join(work, "pg");
  const port = await getFreePort();
  const results: Record<string, unknown> = {};
  try {
    // 1. Start-up, build present: first on an empty data folder (initdb, migrations, seed), then again on that data.
    for (const kind of ["empty data folder", "existing data"] as const) {
      const started = performance.now();
      const child = startApp(port, dataDir);
      const ms = await msToFirst200(`http://127.0.0.1:${port}/`, child, started);
      results[`npm start to first 200 (${kind})`] = `${(ms / 1000).toFixed(2)} s`;
      console.log(`npm start → first 200 on /, ${kind}: ${(ms / 1000).toFixed(2)} s`);
      if (kind === "existing data") {
        // 2. Throughput against this production server.
        for (const page of PAGES) {
          const url = `http://127.0.0.1:${port}${page}`;
          await autocannon({ url, connections, duration: 2 }); // warm-up
          const r = await autocannon({ url, connections, duration });
          const line = {
            "req/s": Math.round(r.requests.average),
            "p50 ms": r.latency.p50,
            "p99 ms": r.latency.p99,
            errors: r.errors + r.non2xx,
          };
          results[page] = line;
          console.log(`${page.padEnd(34)} ${String(line["req/s"]).padStart(6)} req/s   p50 ${line["p50 ms"]} ms   p99 ${line["p99 ms"]} ms   non-2xx/errors ${line.errors}`);
        }
      }
      await stop(child);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nMachine: ${machine}; ${connections} connections, ${duration} s per page`);
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results/pages.json"), JSON.stringify({ at: new Date().toISOString(), machine, connections, duration, results }, null, 2));
}

await main();
