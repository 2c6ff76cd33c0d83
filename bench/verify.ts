// `npm run bench:verify`: how many public certificate look-ups the production server
// answers: the /verify/[code] page, the status list and the JWKS. Prints, asserts nothing.
//   BENCH_DURATION (s, default 10)  BENCH_CONNECTIONS (default 50)
import autocannon from "autocannon";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { certificateCode } from "../lib/domain/certificates.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import {
  buildIfStale,
  machine,
  serverCpuSeconds,
  startApp,
  stop,
  throughput,
  waitFor,
  writeResults,
} from "./lib/app.ts";
import { embeddedDatabaseUrl } from "../scripts/lib/postgres.ts";

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** A cohort with `count` certificates, written directly: the page only reads them. */
async function seedCertificates(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cohort = `bench${randomBytes(4).toString("hex")}`;
    await client.query(
      `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, 'Bench cohort', 'UTC', '2026-12-01', '2026-12-05', now())`,
      [cohort],
    );
    const codes: string[] = [];
    for (let i = 0; i < count; i++) {
      const user = `${cohort}u${i}`;
      const code = certificateCode(2026, randomBytes(5));
      await client.query(`INSERT INTO users (id, email, certificate_name, updated_at) VALUES ($1, $2, $3, now())`, [
        user,
        `${user}@example.org`,
        `Participant ${i}`,
      ]);
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
  await buildIfStale();
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-verify-"));
  chmodSync(work, 0o755);
  const port = await getFreePort();
  const pgPort = port + 1;
  // The per-client limit (60 a minute) would turn a load test from one address into 429s.
  const dataDir = path.join(work, "pg");
  const child = startApp({
    port,
    dataDir,
    pgPort,
    env: { VERIFY_LOOKUPS_PER_MINUTE: "100000000" },
  });
  const results: Record<string, unknown> = {};
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, child);
    const cpu = serverCpuSeconds(port);
    const codes = await seedCertificates(embeddedDatabaseUrl(dataDir, pgPort, "lms"), 200);
    // Each code's page is rendered on its first look-up and cached: time those first renders apart.
    const firstStarted = performance.now();
    for (const code of codes) await fetch(`${base}/verify/${code}`);
    const first = (performance.now() - firstStarted) / codes.length;
    results["first look-up of a code (rendered, then cached)"] = `${first.toFixed(1)} ms each, one at a time`;
    console.log(`first look-up of each of ${codes.length} codes: ${first.toFixed(1)} ms each, one at a time`);
    let next = 0;
    const targets: Record<string, autocannon.Options> = {
      "/verify/[code] (200 codes in turn)": {
        url: `${base}/verify/${codes[0]}`,
        requests: [
          { setupRequest: (req: autocannon.Request) => ({ ...req, path: `/verify/${codes[next++ % codes.length]}` }) },
        ],
      },
      "/api/credentials/status/1": { url: `${base}/api/credentials/status/1` },
      "/api/credentials/jwks": { url: `${base}/api/credentials/jwks` },
    };
    for (const [name, target] of Object.entries(targets))
      results[name] = await throughput(name, target, { connections, duration, width: 38, cpu });
  } finally {
    await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nMachine: ${machine()}; ${connections} connections, ${duration} s per target`);
  writeResults("verify", { machine: machine(), connections, duration, results });
}

await main();
