import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest folder at or above `from` with a package.json: the project's root. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`No package.json in ${from} or above it`);
  }
}

// Found from this file's folder, which is scripts/lib in the source and .server in the
// compiled server (scripts/lib/server-build.ts).
export const ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const DATA_DIR = path.join(ROOT, ".data");
/** The compiled server and job worker (scripts/lib/server-build.ts). Their command lines name them, as tests and benches look for them. */
export const COMPILED_SERVER = path.join(ROOT, ".server/server.mjs");
export const COMPILED_WORKER = path.join(ROOT, ".server/worker.mjs");
/** The certificate PDF pool's task, compiled (lib/certificates/pdf-pool.ts looks for it here). */
export const COMPILED_PDF_WORKER = path.join(ROOT, ".server/pdf-worker.mjs");
