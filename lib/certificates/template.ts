// From a stored template (or none) to what the certificate PDF prints.
import "server-only";
import { getProgramme } from "@/lib/content";
import type { StoredTemplate } from "@/lib/db/certificate-templates";
import { defaultTemplate, type TemplateFields } from "@/lib/domain/certificate-template";
import type { PdfImage, PdfTemplate } from "./pdf";

/** The default template's words: the programme's organisations by name, no images. */
export const programmeDefaultTemplate = (): TemplateFields => defaultTemplate(getProgramme());

/** What the PDF prints for a template; null is the default one. */
export function pdfTemplate(
  template: (Omit<TemplateFields, "signatories"> & Pick<PdfTemplate, "logos" | "signatories">) | StoredTemplate | null,
): PdfTemplate {
  if (!template) return { ...programmeDefaultTemplate(), logos: [], signatories: [] };
  const image = (i: PdfImage): PdfImage => ({ png: i.png, width: i.width, height: i.height });
  return {
    title: template.title,
    intro: template.intro,
    body: template.body,
    colour: template.colour,
    accent: template.accent,
    organisers: template.organisers,
    logos: template.logos.map(image),
    signatories: template.signatories.map((s) => ({
      name: s.name,
      title: s.title,
      signature: s.signature ? image(s.signature) : null,
    })),
  };
}
