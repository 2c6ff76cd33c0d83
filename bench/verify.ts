// `npm run bench:verify`: how many public certificate look-ups the production server
// answers: the /verify/[code] page, the status list and the JWKS. Prints, asserts nothing.
//   BENCH_DURATION (s, default 10)  BENCH_CONNECTIONS (default 50)
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import pg from "pg";
import { certificateCode } from "../lib/domain/certificates.ts";
import { buildIsStale } from "../scripts/lib/build.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { run } from "../scripts/lib/process.ts";

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function waitFor(url: string, child: ChildProcess) {
  for (;;) {
    if (child.exitCode !== null) throw new Error("npm start exited before answering");
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A cohort with `count` certificates, written directly: the page only reads them. */
async function seedCertificates(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cohort = `bench${randomBytes(4).toString("hex")}`;
    await client.query(`INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, 'Bench cohort', 'UTC', '2026-12-01', '2026-12-05', now())`, [cohort]);
    const codes: string[] = [];
    for (let i = 0; i < count; i++) {
      const user = `${cohort}u${i}`;
      const code = certificateCode(2026, randomBytes(5));
      await client.query(`INSERT INTO users (id, email, certificate_name, updated_at) VALUES ($1, $2, $3, now())`, [user, `${user}@example.org`, `Participant ${i}`]);
      await client.query(
        `INSERT INTO certificates (id, code, user_id, cohort_id, name, status_index, credential) VALUES ($1, $2, $3, $4, $5, $6, 'x')`,
        [`${user}c`, code, user, cohort, `Participant ${i}`, i],
      );
      codes.push(code);
    }
    return codes;
  } finally {
    await client.end();
  }
}

async function main() {
  if (buildIsStale()) {
    console.log("Building first (the build is missing or stale)...");
    if ((await run(path.join(ROOT, "node_modules/.bin/next"), ["build"])) !== 0) process.exit(1);
  }
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-verify-"));
  chmodSync(work, 0o755);
  const port = await getFreePort();
  const pgPort = port + 1;
  // The per-client limit (60 a minute) would turn a load test from one address into 429s.
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), EMBEDDED_PG_DATA_DIR: path.join(work, "pg"), EMBEDDED_PG_PORT: String(pgPort), NEXT_TELEMETRY_DISABLED: "1", VERIFY_LOOKUPS_PER_MINUTE: "100000000" },
    stdio: "ignore",
  });
  const results: Record<string, unknown> = {};
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, child);
    const codes = await seedCertificates(`postgresql://postgres:postgres@127.0.0.1:${pgPort}/lms`, 200);
    // Each code's page is rendered on its first look-up and cached: time those first renders apart.
    const firstStarted = performance.now();
    for (const code of codes) await fetch(`${base}/verify/${code}`);
    const first = (performance.now() - firstStarted) / codes.length;
    results["first look-up of a code (rendered, then cached)"] = `${first.toFixed(1)} ms each, one at a time`;
    console.log(`first look-up of each of ${codes.length} codes: ${first.toFixed(1)} ms each, one at a time`);
    let next = 0;
    const targets: Record<string, autocannon.Options> = {
      "/verify/[code] (200 codes in turn)": { url: `${base}/verify/${codes[0]}`, requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: `/verify/${codes[next++ % codes.length]}` }) }] },
      "/api/credentials/status/1": { url: `${base}/api/credentials/status/1` },
      "/api/credentials/jwks": { url: `${base}/api/credentials/jwks` },
    };
    for (const [name, target] of Object.entries(targets)) {
      await autocannon({ ...target, connections, duration: 2 }); // warm-up
      const r = await autocannon({ ...target, connections, duration });
      const line = { "req/s": Math.round(r.requests.average), "p50 ms": r.latency.p50, "p99 ms": r.latency.p99, errors: r.errors + r.non2xx };
      results[name] = line;
      console.log(`${name.padEnd(38)} ${String(line["req/s"]).padStart(6)} req/s   p50 ${line["p50 ms"]} ms   p99 ${line["p99 ms"]} ms   non-2xx/errors ${line.errors}`);
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
    rmSync(work, { recursive: true, force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nMachine: ${machine}; ${connections} connections, ${duration} s per target`);
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results/verify.json"), JSON.stringify({ at: new Date().toISOString(), machine, connections, duration, results }, null, 2));
}

await main();
