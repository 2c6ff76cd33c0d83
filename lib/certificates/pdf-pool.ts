// Renders certificate PDFs on worker threads so that a 30 ms render (or a ZIP of a
// thousand) never blocks the event loop serving requests. One pool per process,
// created on first use. No "server-only" marker: the bench scripts import this too.
import { availableParallelism } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import type { CertificatePdfInput } from "./pdf";

let pool: Piscina<CertificatePdfInput, Uint8Array> | null = null;

/** Threads in the pool: one per core, as rendering is pure CPU work. */
export const pdfPoolSize = () => availableParallelism();

function getPool(): Piscina<CertificatePdfInput, Uint8Array> {
  if (!pool) {
    const threads = pdfPoolSize();
    pool = new Piscina({
      // From the working directory: Next bundles server code, so import.meta.url would
      // point into .next rather than at the worker file.
      filename: path.join(process.cwd(), "lib/certificates/pdf-worker.mjs"),
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
