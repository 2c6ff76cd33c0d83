// The template form as sent, made into what is saved and what is previewed: the same
// checks for both, so the preview shows exactly what saving would keep.
import "server-only";
import { getProgramme, listLectures } from "@/lib/content";
import type { ImageChoice, StoredImage, StoredTemplate } from "@/lib/db/certificate-templates";
import { PREVIEW_SAMPLES, type PreviewSample } from "@/lib/domain/certificate-template";
import type { ImageSlot, TemplateForm } from "@/lib/schemas/certificate-template";
import type { CertificatePdfInput, PdfImage, PdfTemplate } from "./pdf";
import { dateRange } from "./pdf-input";
import { prepareImage, type ImageError } from "./template-image";

export type DraftError = { error: ImageError | "gone"; slot: { kind: "logo" | "signature"; number: number } };
export type Draft = { template: PdfTemplate; logos: ImageChoice[]; signatures: (ImageChoice | null)[] };

/**
 * Checks each uploaded image and finds each kept one among the current template's; the
 * first image that fails says which slot it was in (numbered from 1).
 */
export async function templateDraft(
  form: TemplateForm,
  current: StoredTemplate | null,
): Promise<{ ok: true; draft: Draft } | ({ ok: false } & DraftError)> {
  const currentImages = new Map<string, StoredImage>(
    [...(current?.logos ?? []), ...(current?.signatories.flatMap((s) => s.signature ?? []) ?? [])].map((i) => [
      i.id,
      i,
    ]),
  );
  type Resolved = { choice: ImageChoice; image: PdfImage } | { error: DraftError["error"] };
  const resolve = async (slot: Exclude<ImageSlot, null>): Promise<Resolved> => {
    if ("keep" in slot) {
      const image = currentImages.get(slot.keep);
      return image ? { choice: slot, image } : { error: "gone" };
    }
    const prepared = await prepareImage(new Uint8Array(await slot.upload.arrayBuffer()));
    return prepared.ok ? { choice: { upload: prepared.image }, image: prepared.image } : { error: prepared.error };
  };
  const logos: { choice: ImageChoice; image: PdfImage }[] = [];
  for (const [i, slot] of form.logos.entries()) {
    const r = await resolve(slot);
    if ("error" in r) return { ok: false, error: r.error, slot: { kind: "logo", number: i + 1 } };
    logos.push(r);
  }
  const signatures: ({ choice: ImageChoice; image: PdfImage } | null)[] = [];
  for (const [i, slot] of form.signatures.entries()) {
    if (!slot) {
      signatures.push(null);
      continue;
    }
    const r = await resolve(slot);
    if ("error" in r) return { ok: false, error: r.error, slot: { kind: "signature", number: i + 1 } };
    signatures.push(r);
  }
  const { signatories, ...words } = form.fields;
  return {
    ok: true,
    draft: {
      template: {
        ...words,
        logos: logos.map((l) => l.image),
        signatories: signatories.map((s, i) => ({
          name: s.name,
          title: s.title,
          signature: signatures[i]?.image ?? null,
        })),
      },
      logos: logos.map((l) => l.choice),
      signatures: signatures.map((s) => s?.choice ?? null),
    },
  };
}

/** A certificate of the cohort for a sample holder, printed with the template: what the preview shows. */
export function previewPdfInput(
  template: PdfTemplate,
  sample: PreviewSample,
  cohort: { name: string; startsOn: Date; endsOn: Date },
  origin: string,
): CertificatePdfInput {
  const programme = getProgramme();
  const code = "SAMPLE-0000-0000";
  return {
    code,
    verifyUrl: `${origin}/verify/${code}`,
    ...PREVIEW_SAMPLES[sample],
    programmeTitle: programme.title,
    edition: programme.edition,
    template,
    cohortName: cohort.name,
    dates: dateRange(cohort.startsOn, cohort.endsOn),
    issuedOn: dateRange(cohort.endsOn, cohort.endsOn),
    lectures: listLectures().map((l) => ({ number: l.number, title: l.meta.title, speaker: l.meta.speaker.name })),
  };
}
