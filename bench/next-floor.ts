// `npm run bench:next-floor`: what Next.js itself costs on this machine, outside this app.
// It writes a fresh app of the Next.js and React versions the app uses (a root layout with
// one CSS file, one page prerendered, one page rendered per request by `await
// connection()`, each a paragraph) into bench/results/next-floor, with a hard-linked copy of
// the app's node_modules (a copy, not a symlink, which Turbopack does not follow out of its
// root; its root set to the folder, or it would take the app's as its own and build its
// proxy.ts). It builds it with `next build`, serves it with `next start` (one process,
// Next's defaults, its own gzip), and measures its CSS file, the prerendered page and the
// page rendered per request with bench:pages' closed loop (bench/lib/load.ts, a browser's
// Accept-Encoding), each `BENCH_ROUNDS` times (default 2): a 2 s warm-up, then
// `BENCH_DURATION` s (default 6) at `BENCH_CONNECTIONS` (default 10). It prints each one's
// rate, p50, p99, the server's CPU per request (from /proc) and its share of the CSS file's
// rate: the share a page rendered per request can have at best, which bench:pages' personal
// pages are compared with (bench/README.md). Asserts nothing.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../scripts/lib/paths.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { machine, processCpuSeconds, stop, waitFor } from "./lib/app.ts";
import { BROWSER_ENCODINGS, closedLoop } from "./lib/load.ts";

const duration = Number(process.env.BENCH_DURATION ?? 6);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const APP = path.join(ROOT, "bench/results/next-floor");
const NEXT = path.join(APP, "node_modules/.bin/next");

const FILES: Record<string, string> = {
  "next.config.mjs": `import { fileURLToPath } from "node:url";
const root = fileURLToPath(new URL(".", import.meta.url));
export default { turbopack: { root }, outputFileTracingRoot: root };
`,
  "tsconfig.json": JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        lib: ["dom", "esnext"],
        strict: true,
        module: "esnext",
        moduleResolution: "bundler",
        jsx: "react-jsx",
        noEmit: true,
        skipLibCheck: true,
        isolatedModules: true,
        esModuleInterop: true,
        plugins: [{ name: "next" }],
      },
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx"],
    },
    null,
    2,
  ),
  "app/global.css": "body { font-family: sans-serif; color: #111; margin: 2rem; }\n",
  "app/layout.tsx": `import "./global.css";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/prerendered/page.tsx": `export default function Page() {
  return <p>A page prerendered at build time.</p>;
}
`,
  "app/per-request/page.tsx": `import { connection } from "next/server";
export default async function Page() {
  await connection();
  return <p>A page rendered for each request.</p>;
}
`,
};

/** CPU seconds of `pid` and every process under it, from /proc. */
function treeCpuSeconds(pid: number): number | undefined {
  let total = processCpuSeconds(pid)();
  if (total === undefined) return undefined;
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  } catch {
    /* gone, or no children */
  }
  for (const child of children) total += treeCpuSeconds(Number(child)) ?? 0;
  return total;
}

rmSync(APP, { recursive: true, force: true });
for (const [file, text] of Object.entries(FILES)) {
  mkdirSync(path.dirname(path.join(APP, file)), { recursive: true });
  writeFileSync(path.join(APP, file), text);
}
const link = spawnSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(APP, "node_modules")], {
  encoding: "utf8",
});
if (link.status !== 0) {
  console.error(`Could not hard-link node_modules into ${APP}: ${link.stderr}`);
  process.exit(1);
}
console.log(`Building a fresh Next.js app in ${path.relative(ROOT, APP)} (not timed)…`);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const build = spawnSync(NEXT, ["build"], { cwd: APP, encoding: "utf8", env });
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  process.exit(1);
}

const port = await getFreePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(NEXT, ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
  cwd: APP,
  stdio: "ignore",
  env,
});
try {
  await waitFor(`${base}/prerendered`, server);
  const css = /\/_next\/static\/[^"]+\.css/.exec(await (await fetch(`${base}/prerendered`)).text())?.[0];
  if (!css) throw new Error("the prerendered page links no CSS file");
  const targets: [string, string][] = [
    ["CSS file (the floor)", css],
    ["prerendered page", "/prerendered"],
    ["page rendered per request", "/per-request"],
  ];
  const headers = { ...BROWSER_ENCODINGS, accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
  console.log(
    `\nnext ${JSON.parse(readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")).version}, react ${JSON.parse(readFileSync(path.join(ROOT, "node_modules/react/package.json"), "utf8")).version}; next start, one process; ${connections} connections, ${duration} s each after a 2 s warm-up\n`,
  );
  console.log(`${"target".padEnd(28)} round   req/s   p50   p99  CPU/req  share  errors`);
  for (let round = 1; round <= rounds; round++) {
    let floor = 0;
    for (const [label, target] of targets) {
      const request = () => ({ path: target, headers });
      let wrong = 0;
      const onResponse = (status: number) => void (status !== 200 && wrong++);
      await closedLoop({ base, connections, duration: 2, request, onResponse });
      const cpu0 = treeCpuSeconds(server.pid!);
      const r = await closedLoop({ base, connections, duration, request, onResponse });
      const cpu1 = treeCpuSeconds(server.pid!);
      const rate = r.total / r.seconds;
      if (!floor) floor = rate;
      const cpuMs = cpu0 !== undefined && cpu1 !== undefined ? (((cpu1 - cpu0) * 1000) / r.total).toFixed(2) : "?";
      console.log(
        `${label.padEnd(28)} ${String(round).padStart(5)} ${rate.toFixed(0).padStart(7)} ${String(r.p50).padStart(5)} ${String(r.p99).padStart(5)} ${cpuMs.padStart(8)} ${(rate / floor).toFixed(2).padStart(6)} ${String(r.errors + wrong).padStart(7)}`,
      );
    }
  }
  console.log(`\nMachine: ${machine()}; load generator on the same machine`);
} finally {
  await stop(server);
}
