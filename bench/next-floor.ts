// `npm run bench:next-floor`: what Next.js itself costs on this machine, outside this app.
// It writes two fresh apps of the Next.js and React versions the app uses into bench/results
// (each with a root layout and one CSS file, a hard-linked copy of the app's node_modules: a
// copy, not a symlink, which Turbopack does not follow out of its root; and its Turbopack root
// set to its folder, or it would take the app's as its own and build its proxy.ts):
// - next-floor, with Next's defaults: a page prerendered, a page rendered per request by
//   `await connection()` (a paragraph), and the same with a list of 300 links before it;
// - next-floor-ppr, with `cacheComponents` (Partial Prerendering): the same three, each page
//   rendered per request inside a `<Suspense>` boundary (the only place it may read the
//   request), and a page whose list is prerendered as its shell and whose paragraph alone is
//   rendered per request.
// It builds each with `next build`, serves it with `next start` (one process, Next's own
// gzip) and measures its CSS file and its pages with bench:pages' closed loop
// (bench/lib/load.ts, a browser's Accept-Encoding), each `BENCH_ROUNDS` times (default 2): a
// 2 s warm-up, then `BENCH_DURATION` s (default 6) at `BENCH_CONNECTIONS` (default 10). It
// prints each one's rate, p50, p99, the server's CPU per request (from /proc) and its share
// of the CSS file's rate: the share a page rendered per request can have at best, which
// bench:pages' personal pages are compared with (bench/README.md). Asserts nothing.
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
const RESULTS = path.join(ROOT, "bench/results");

/** A list of links, the same in every app: a page's larger part, prerendered or not. */
const LIST = `<ul>
        {Array.from({ length: 300 }, (_, i) => (
          <li key={i}>
            Item {i} of a list, with <a href={\`/item/\${i}\`}>a link</a>.
          </li>
        ))}
      </ul>`;

const COMMON: Record<string, string> = {
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
};

const nextConfig = (extra: string) => `import { fileURLToPath } from "node:url";
const root = fileURLToPath(new URL(".", import.meta.url));
export default { turbopack: { root }, outputFileTracingRoot: root${extra} };
`;

type FloorApp = { folder: string; label: string; files: Record<string, string>; targets: [string, string][] };

/** What the pages rendered per request show: a paragraph, or a list of links and a paragraph. */
const PARAGRAPH = "<p>A page rendered for each request.</p>";
const LIST_AND_PARAGRAPH = `<main>
      ${LIST}
      ${PARAGRAPH}
    </main>`;

/** A page rendered whole for each request, as with Next's defaults. */
const perRequest = (body: string) => `import { connection } from "next/server";
export default async function Page() {
  await connection();
  return (
    ${body}
  );
}
`;

/**
 * A page whose `shell` is prerendered and whose `body` is rendered for each request inside a
 * `<Suspense>` boundary, as `cacheComponents` requires; an empty shell by default.
 */
const inBoundary = (body: string, shell = (boundary: string) => boundary) => `import { Suspense } from "react";
import { connection } from "next/server";
async function Content() {
  await connection();
  return (
    ${body}
  );
}
export default function Page() {
  return (
    ${shell(`<Suspense fallback={null}>
      <Content />
    </Suspense>`)}
  );
}
`;

const TARGETS: [string, string][] = [
  ["prerendered page", "/prerendered"],
  ["page rendered per request", "/per-request"],
  ["…with a list of 300 links", "/per-request-list"],
];

/**
 * Two apps. The first has Next's defaults: a page is prerendered or rendered whole for each
 * request. The second sets `cacheComponents` (Partial Prerendering): a page's static part is
 * prerendered as its shell, and only what is inside a `<Suspense>` boundary and reads the
 * request is rendered for each one; with it, a page can be rendered per request only inside
 * such a boundary.
 */
const APPS: FloorApp[] = [
  {
    folder: "next-floor",
    label: "defaults",
    files: {
      ...COMMON,
      "next.config.mjs": nextConfig(""),
      "app/per-request/page.tsx": perRequest(PARAGRAPH),
      "app/per-request-list/page.tsx": perRequest(LIST_AND_PARAGRAPH),
    },
    targets: TARGETS,
  },
  {
    folder: "next-floor-ppr",
    label: "cacheComponents",
    files: {
      ...COMMON,
      "next.config.mjs": nextConfig(", cacheComponents: true"),
      "app/per-request/page.tsx": inBoundary(PARAGRAPH),
      "app/per-request-list/page.tsx": inBoundary(LIST_AND_PARAGRAPH),
      "app/prerendered-list/page.tsx": inBoundary(
        PARAGRAPH,
        (boundary) => `<main>
      ${LIST}
      ${boundary}
    </main>`,
      ),
    },
    targets: [...TARGETS, ["list prerendered, ¶ per req.", "/prerendered-list"]],
  },
];

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

/** Writes `app` into bench/results, with a hard-linked node_modules, and builds it. */
function buildApp(app: FloorApp): string {
  const dir = path.join(RESULTS, app.folder);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(app.files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const link = spawnSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(dir, "node_modules")], {
    encoding: "utf8",
  });
  if (link.status !== 0) throw new Error(`Could not hard-link node_modules into ${dir}: ${link.stderr}`);
  console.log(`Building a fresh Next.js app (${app.label}) in ${path.relative(ROOT, dir)} (not timed)…`);
  const build = spawnSync(path.join(dir, "node_modules/.bin/next"), ["build"], { cwd: dir, encoding: "utf8", env });
  if (build.status !== 0) throw new Error(`next build failed in ${dir}:\n${build.stdout}\n${build.stderr}`);
  return dir;
}

/** Serves the built app in `dir` with `next start` and prints each target's figures, round by round. */
async function measure(app: FloorApp, dir: string) {
  const port = await getFreePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    path.join(dir, "node_modules/.bin/next"),
    ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    { cwd: dir, stdio: "ignore", env },
  );
  try {
    await waitFor(`${base}/prerendered`, server);
    const css = /\/_next\/static\/[^"]+\.css/.exec(await (await fetch(`${base}/prerendered`)).text())?.[0];
    if (!css) throw new Error("the prerendered page links no CSS file");
    const targets: [string, string][] = [["CSS file (the floor)", css], ...app.targets];
    const headers = { ...BROWSER_ENCODINGS, accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
    console.log(`\n${app.label}: next start, one process`);
    console.log(`${"target".padEnd(30)} round   req/s   p50   p99  CPU/req  share  errors`);
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
          `${label.padEnd(30)} ${String(round).padStart(5)} ${rate.toFixed(0).padStart(7)} ${String(r.p50).padStart(5)} ${String(r.p99).padStart(5)} ${cpuMs.padStart(8)} ${(rate / floor).toFixed(2).padStart(6)} ${String(r.errors + wrong).padStart(7)}`,
        );
      }
    }
  } finally {
    await stop(server);
  }
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const version = (pkg: string) =>
  JSON.parse(readFileSync(path.join(ROOT, `node_modules/${pkg}/package.json`), "utf8")).version;
try {
  const built = APPS.map((app) => [app, buildApp(app)] as const);
  console.log(
    `\nnext ${version("next")}, react ${version("react")}; ${connections} connections, ${duration} s each after a 2 s warm-up`,
  );
  for (const [app, dir] of built) await measure(app, dir);
  console.log(`\nMachine: ${machine()}; load generator on the same machine`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
