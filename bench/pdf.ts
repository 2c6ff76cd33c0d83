// `npm run bench:pdf`: certificate PDFs with names in five scripts (Latin with
// diacritics, Chinese, Persian, Urdu, Russian). Prints the render time on this thread
// (ms per PDF, after a warm-up), the rate through the worker pool for BENCH_PDF_COUNT
// (default 200) certificates after the pool has warmed up, and the time to drain a ZIP
// of BENCH_PDF_ZIP (default 1,000) certificates from certificatesZip; asserts nothing.
import { availableParallelism, cpus } from "node:os";
import { renderCertificatePdf, type CertificatePdfInput } from "../lib/certificates/pdf.ts";
import { closePdfPool, pdfPoolSize, renderPdf } from "../lib/certificates/pdf-pool.ts";
import { certificatesZip } from "../lib/certificates/zip.ts";
import { SAMPLE_CERTIFICATE, SAMPLE_NAMES } from "../tests/support/certificate-fixture.ts";

const count = Number(process.env.BENCH_PDF_COUNT ?? 200);
const zipCount = Number(process.env.BENCH_PDF_ZIP ?? 1_000);
const NAMES = Object.values(SAMPLE_NAMES);

function certificate(i: number): CertificatePdfInput {
  const { name, nativeName } = NAMES[i % NAMES.length]!;
  const code = `ECOSF-21-${String(i).padStart(4, "0")}-BNCH`;
  return {
    ...SAMPLE_CERTIFICATE,
    code,
    verifyUrl: `http://localhost:3000/verify/${code}`,
    name: `${name} ${i}`,
    nativeName,
  };
}

const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
console.log(
  `Certificate PDFs: ${cpus().length} CPUs (${availableParallelism()} available), pool of ${pdfPoolSize()} threads, Node ${process.version}`,
);

// On this thread: the first render loads and parses the fonts, later ones reuse them.
let t0 = performance.now();
await renderCertificatePdf(certificate(0));
line("first render on this thread (loads fonts)", `${(performance.now() - t0).toFixed(0)} ms`);
for (let i = 1; i < 10; i += 1) await renderCertificatePdf(certificate(i));
t0 = performance.now();
let bytes = 0;
for (let i = 0; i < 50; i += 1) bytes += (await renderCertificatePdf(certificate(1_000 + i))).length;
line(
  "render on this thread, per PDF (50, warm)",
  `${((performance.now() - t0) / 50).toFixed(1)} ms, ${(bytes / 50 / 1024).toFixed(0)} KB each`,
);

// Through the pool: starting the threads (tsx, pdf-lib, fonts) is timed on its own.
t0 = performance.now();
await Promise.all(Array.from({ length: pdfPoolSize() * 4 }, (_, i) => renderPdf(certificate(i))));
line(`pool warm-up (${pdfPoolSize() * 4} PDFs, threads starting)`, `${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
await Promise.all(Array.from({ length: count }, (_, i) => renderPdf(certificate(2_000 + i))));
const seconds = (performance.now() - t0) / 1000;
line(
  `pool, ${count} PDFs at once`,
  `${(count / seconds).toFixed(0)} PDFs/s (${seconds.toFixed(2)} s)   (aim: 50/s or more)`,
);

// A ZIP as an admin downloads it: drained as fast as it comes, stored entries.
t0 = performance.now();
let zipBytes = 0;
let done = 0;
const reader = certificatesZip(
  Array.from({ length: zipCount }, (_, i) => ({
    filename: `${certificate(i).code}.pdf`,
    input: certificate(10_000 + i),
  })),
  { onProgress: (n) => (done = n) },
).getReader();
for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) zipBytes += chunk.value.length;
const zipSeconds = (performance.now() - t0) / 1000;
line(
  `ZIP of ${zipCount.toLocaleString("en")} certificates, drained`,
  `${zipSeconds.toFixed(1)} s, ${(zipBytes / 1024 / 1024).toFixed(1)} MB, ${done} PDFs   (aim: under 30 s)`,
);
await closePdfPool();
