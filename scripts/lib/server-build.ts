// The app's HTTP server (scripts/server.ts and the parts of lib/ it imports) compiled to one
// JavaScript file for production, so that the server runs on Node.js alone; its job worker
// (scripts/lib/worker-main.ts) and the certificate PDF threads' task
// (lib/certificates/pdf-render-worker.ts) likewise, each to a file of its own. Run from its
// TypeScript source under tsx's loader, every `import()` the server makes goes through the
// loader's hooks on a thread of their own, and Next.js makes three for each page it renders
// (of its cache handler): about 0.3 ms of CPU each that way, against 0.02 ms on Node's own
// loader (bench/README.md, "bench:pages"). Development keeps running the source, so that an
// edit to the server needs no build.
//
// esbuild (the compiler tsx itself uses) compiles it in about a tenth of a second, so
// spawnAppServer compiles it at each production start; `npm run build` does too, for an
// image that starts the compiled file itself (Dockerfile). The packages in package.json stay
// imports from node_modules, as Next.js imports them; only the app's own code is compiled
// in. lib/ marks its server modules with `import "server-only"`, which throws outside React's
// "react-server" condition: compiled under that condition, as Next's server bundles are, it
// is the package's empty module.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import { StartupError } from "./errors.ts";
import { COMPILED_PDF_WORKER, COMPILED_SERVER, COMPILED_WORKER, ROOT } from "./paths.ts";

export { COMPILED_PDF_WORKER, COMPILED_SERVER, COMPILED_WORKER };

/** The packages the app depends on: imported from node_modules at run time, not compiled in. */
function dependencies(root: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<
    string,
    Record<string, string> | undefined
  >;
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
}

/** What production runs compiled: the server, its job worker and the certificate PDF threads' task. */
export function compileForProduction(root = ROOT): void {
  compileServer(root);
  compileWorker(root);
  compilePdfWorker(root);
}

/** Compiles scripts/server.ts to COMPILED_SERVER (or `outfile`). */
export function compileServer(root = ROOT, outfile = COMPILED_SERVER): void {
  compile(root, "scripts/server.ts", outfile);
}

/**
 * Compiles the job worker's process, scripts/lib/worker-main.ts, to COMPILED_WORKER (or
 * `outfile`), with what it imports with `import()` in chunks of their own beside it
 * (chunks/): a worker whose server is gone before it has loaded the queue stops at once.
 */
export function compileWorker(root = ROOT, outfile = COMPILED_WORKER): void {
  compile(root, "scripts/lib/worker-main.ts", outfile, { split: true });
}

/**
 * Compiles the certificate PDF threads' task, lib/certificates/pdf-render-worker.ts, to
 * COMPILED_PDF_WORKER (or `outfile`): run from source, each thread first registers tsx.
 */
export function compilePdfWorker(root = ROOT, outfile = COMPILED_PDF_WORKER): void {
  compile(root, "lib/certificates/pdf-render-worker.ts", outfile);
}

/**
 * Each file is replaced in one step (written beside it, then renamed), the chunks before the
 * file that imports them, so that a process starting at the same moment never reads half
 * of one or misses a chunk. Chunks are named by their content.
 */
function compile(root: string, entry: string, outfile: string, opts: { split?: boolean } = {}): void {
  const external = dependencies(root)
    .filter((name) => name !== "server-only")
    .flatMap((name) => [name, `${name}/*`]);
  const out = opts.split
    ? {
        splitting: true,
        outdir: path.dirname(outfile),
        entryNames: path.basename(outfile, ".mjs"),
        chunkNames: "chunks/[name]-[hash]",
        outExtension: { ".js": ".mjs" },
      }
    : { outfile };
  let result;
  try {
    result = buildSync({
      absWorkingDir: root,
      entryPoints: [path.join(root, entry)],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      conditions: ["react-server"],
      external,
      write: false,
      ...out,
      logLevel: "silent",
    });
  } catch (err) {
    // esbuild's message lists each error with its file and line.
    throw new StartupError(`${entry} could not be compiled: ${(err as Error).message}`);
  }
  const main = result.outputFiles.find((f) => f.path === outfile);
  if (!main) throw new Error(`esbuild wrote no ${outfile} for ${entry}`);
  for (const file of [...result.outputFiles.filter((f) => f !== main), main]) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    const written = `${file.path}.${process.pid}.tmp`;
    writeFileSync(written, file.contents);
    renameSync(written, file.path);
  }
}
