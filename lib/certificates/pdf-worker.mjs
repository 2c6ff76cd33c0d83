// Piscina worker: renders one certificate PDF on a worker thread, off the event loop
// that serves requests (see pdf-pool.ts). Plain JavaScript because a worker thread
// starts without TypeScript support: it registers tsx, then loads pdf.ts beside it.
import { move } from "piscina";
import { register } from "tsx/esm/api";

register();
const { renderCertificatePdf } = await import(new URL("./pdf.ts", import.meta.url).href);

/** @param {import("./pdf.ts").CertificatePdfInput} input */
export default async function renderInWorker(input) {
  const bytes = await renderCertificatePdf(input);
  // Transfer the buffer rather than copy it; only a view over its whole buffer can go.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return move(whole);
}
