// The certificate PDF pool's task (see pdf-pool.ts): renders one certificate on a worker
// thread and hands its bytes back without copying them. Production runs it compiled to
// .server/pdf-worker.mjs (scripts/lib/server-build.ts), on Node.js alone; development and
// the tests run it from source through pdf-worker.mjs, which registers tsx first.
// Only relative and package imports: tsx does not know the `@/` alias.
import { move } from "piscina";
import { renderCertificatePdf, type CertificatePdfInput } from "./pdf.ts";

export default async function renderInWorker(input: CertificatePdfInput) {
  const bytes = await renderCertificatePdf(input);
  // Transfer the buffer rather than copy it; only a view over its whole buffer can go.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return move(whole);
}
