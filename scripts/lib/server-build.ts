// The app's HTTP server (scripts/server.ts and the parts of lib/ it imports) compiled to one
// JavaScript file for production, so that the server runs on Node.js alone. Run from its
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
import { ROOT } from "./paths.ts";

/** Where the compiled server is written. Its command line names it, as tests and benches look for it. */
export const COMPILED_SERVER = path.join(ROOT, ".server/server.mjs");

/** The packages the app depends on: imported from node_modules at run time, not compiled in. */
function dependencies(root: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<
    string,
    Record<string, string> | undefined
  >;
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
}

/**
 * Compiles scripts/server.ts to COMPILED_SERVER (or `outfile`). The file is replaced in one
 * step (written beside it, then renamed), so that a server starting at the same moment
 * never reads half of it.
 */
export function compileServer(root = ROOT, outfile = COMPILED_SERVER): void {
  const external = dependencies(root)
    .filter((name) => name !== "server-only")
    .flatMap((name) => [name, `${name}/*`]);
  let result;
  try {
    result = buildSync({
      absWorkingDir: root,
      entryPoints: [path.join(root, "scripts/server.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      conditions: ["react-server"],
      external,
      write: false,
      outfile,
      logLevel: "silent",
    });
  } catch (err) {
    // esbuild's message lists each error with its file and line.
    throw new StartupError(`The server could not be compiled: ${(err as Error).message}`);
  }
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild wrote no output for scripts/server.ts");
  mkdirSync(path.dirname(outfile), { recursive: true });
  const written = `${outfile}.${process.pid}.tmp`;
  writeFileSync(written, output.contents);
  renameSync(written, outfile);
}
