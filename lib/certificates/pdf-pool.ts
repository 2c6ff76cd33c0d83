// Renders certificate PDFs on worker threads so that a 30 ms render (or a ZIP of a
// thousand) never blocks the event loop serving requests. One pool per process,
// created on first use. No "server-only" marker: the bench scripts import this too.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import type { CertificatePdfInput } from "./pdf";

let pool: Piscina<CertificatePdfInput, Uint8Array> | null = null;

/** Threads in the pool: one per core, as rendering is pure CPU work. */
export const pdfPoolSize = () => availableParallelism();

/**
 * The thread's task: in production, pdf-render-worker.ts compiled to .server/pdf-worker.mjs
 * at each start and by `npm run build` (scripts/lib/server-build.ts), which runs on Node.js
 * alone and starts a thread about 0.6 s sooner; otherwise, or if that file is missing (the
 * app served by `next start` alone), its source through tsx. Both from the working
 * directory: Next bundles server code, so import.meta.url would point into .next.
 */
export function pdfWorkerFile(env: { NODE_ENV?: string } = process.env, cwd = process.cwd()): string {
  const compiled = path.join(cwd, ".server/pdf-worker.mjs");
  if (env.NODE_ENV === "production" && existsSync(compiled)) return compiled;
  return path.join(cwd, "lib/certificates/pdf-worker.mjs");
}

function getPool(): Piscina<CertificatePdfInput, Uint8Array> {
  if (!pool) {
    const threads = pdfPoolSize();
    pool = new Piscina({
      filename: pdfWorkerFile(),
      minThreads: threads,
      maxThreads: threads,
    });
  }
  return pool;
}

export function renderPdf(input: CertificatePdfInput): Promise<Uint8Array> {
  return getPool().run(input);
}

/** Ends the worker threads (tests, scripts); the next renderPdf starts a new pool. */
export async function closePdfPool(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.destroy();
}
