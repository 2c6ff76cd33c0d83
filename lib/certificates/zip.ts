// A ZIP of certificate PDFs as a stream: each PDF goes out as soon as it and the ones
// before it are rendered, so a download of a thousand starts at once and never holds
// them all in memory. Entries are stored, not deflated: a PDF is compressed already.
import { Zip, ZipPassThrough } from "fflate";
import type { CertificatePdfInput } from "./pdf";
import { pdfPoolSize, renderPdf } from "./pdf-pool";

export type CertificateZipEntry = { filename: string; input: CertificatePdfInput };
export type CertificateZipOptions = {
  /** Renders in flight at once; the default keeps every pool thread busy with one queued behind. */
  concurrency?: number;
  /** Called with the number of PDFs written so far, after each one. */
  onProgress?: (done: number) => void;
};

type Rendered = { filename: string; bytes: Uint8Array };

export function certificatesZip(
  entries: AsyncIterable<CertificateZipEntry> | Iterable<CertificateZipEntry>,
  options: CertificateZipOptions = {},
): ReadableStream<Uint8Array> {
  const concurrency = Math.max(1, options.concurrency ?? 2 * pdfPoolSize());
  const source = (async function* () {
    yield* entries;
  })();
  // Renders already started, oldest first: written in this order whatever order they finish in.
  const inFlight: Promise<Rendered>[] = [];
  let exhausted = false;
  let done = 0;

  async function startRenders() {
    while (!exhausted && inFlight.length < concurrency) {
      const next = await source.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const { filename, input } = next.value;
      const render = renderPdf(input).then((bytes) => ({ filename, bytes }));
      // Awaited later, in order; this keeps a failure meanwhile from counting as unhandled.
      render.catch(() => {});
      inFlight.push(render);
    }
  }

  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    // Called again only once the reader has taken what was queued: that is the backpressure.
    async pull() {
      try {
        await startRenders();
        const next = inFlight.shift();
        if (!next) return zip.end();
        const { filename, bytes } = await next;
        const file = new ZipPassThrough(filename);
        zip.add(file);
        file.push(bytes, true);
        done += 1;
        options.onProgress?.(done);
        await startRenders();
      } catch (err) {
        // Rethrowing errors the stream for the reader; the source (a query, say) is closed.
        exhausted = true;
        await source.return(undefined).catch(() => {});
        throw err;
      }
    },
    async cancel() {
      exhausted = true;
      zip.terminate();
      await source.return(undefined);
    },
  });
}
