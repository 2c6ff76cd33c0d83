// `npm run bench:generators`: what the load generator itself costs, beside the server it
// measures. A bare node:http server (bench/lib/bare-server.mjs, a process of its own) answers
// three bodies of random bytes sent as Brotli, the sizes of bench:pages' floor, a lecture
// page and the largest script; autocannon and bench/lib/load.ts's closed loop each measure
// them in turn, each measure in a fresh process (what one generator leaves in a process, e.g.
// autocannon's garbage, slowed the other in the same one): rate, p99, and the generator's own
// CPU per request. Where a generator's CPU per request grows with the body while the server's
// work hardly does, its rate measures the generator. Asserts nothing.
//   BENCH_DURATION (s, default 5)  BENCH_CONNECTIONS (default 10)
import autocannon from "autocannon";
import { fork } from "node:child_process";
import { BROWSER_ENCODINGS as headers, closedLoop } from "./lib/load.ts";

const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const generators = {
  autocannon: async (base: string, path: string, seconds: number) => {
    const r = await autocannon({ url: base + path, connections, duration: seconds, headers });
    return { total: r.requests.total, seconds, p99: r.latency.p99 };
  },
  "closed loop (bench/lib/load.ts)": async (base: string, path: string, seconds: number) => {
    const r = await closedLoop({ base, connections, duration: seconds, request: () => ({ path, headers }) });
    return { total: r.total, seconds: r.seconds, p99: r.p99 };
  },
};
type Name = keyof typeof generators;
type Measure = { rate: number; p99: number; cpuMs: number };

/** One generator on one body, in this process: a 2 s warm-up, then the measure. */
async function measureHere(name: Name, base: string, path: string): Promise<Measure> {
  await generators[name](base, path, 2);
  const cpu = process.cpuUsage();
  const r = await generators[name](base, path, duration);
  const used = process.cpuUsage(cpu);
  return { rate: r.total / r.seconds, p99: r.p99, cpuMs: (used.user + used.system) / 1000 / Math.max(1, r.total) };
}

/** The same in a fresh process (this file, run with `measure`). */
function measureApart(name: Name, base: string, path: string): Promise<Measure> {
  const child = fork(import.meta.filename, ["measure", name, base, path]);
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as Measure));
    child.once("exit", (code) => reject(new Error(`the ${name} measure stopped (exit ${code})`)));
  });
}

if (process.argv[2] === "measure") {
  const [name, base, path] = process.argv.slice(3) as [Name, string, string];
  process.send!(await measureHere(name, base, path));
  process.disconnect();
} else {
  const server = fork(new URL("./lib/bare-server.mjs", import.meta.url), [], { execArgv: [] });
  const port = await new Promise<number>((resolve) => server.once("message", (m) => resolve(Number(m))));
  try {
    console.log(
      `${"generator".padEnd(32)} ${"body".padEnd(6)} ${"req/s".padStart(7)} ${"p99 ms".padStart(7)} ${"generator CPU ms/req".padStart(21)}`,
    );
    // Body by body, the two generators one after the other, so that both meet the same machine.
    for (const path of ["/10kb", "/17kb", "/60kb"]) {
      for (const name of Object.keys(generators) as Name[]) {
        const m = await measureApart(name, `http://127.0.0.1:${port}`, path);
        console.log(
          `${name.padEnd(32)} ${path.slice(1).padEnd(6)} ${String(Math.round(m.rate)).padStart(7)} ${String(m.p99).padStart(7)} ${m.cpuMs.toFixed(3).padStart(21)}`,
        );
      }
    }
    console.log(
      `\n${connections} connections, ${duration} s each, the server and each measure in processes of their own.`,
    );
  } finally {
    server.disconnect();
  }
}
