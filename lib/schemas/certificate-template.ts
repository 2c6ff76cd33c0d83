import { z } from "zod";
import {
  MAX_LOGOS,
  MAX_SIGNATORIES,
  PREVIEW_SAMPLES,
  checkTemplateFields,
  type PreviewSample,
  type TemplateFieldError,
  type TemplateFields,
} from "@/lib/domain/certificate-template";
import { ZId } from "@/lib/schemas/common";

/** An image slot of the form: a file sent now, one of the current template's kept, or none. */
export type ImageSlot = { upload: File } | { keep: string } | null;

export type TemplateForm = {
  fields: TemplateFields;
  logos: Exclude<ImageSlot, null>[];
  /** One per signatory, in order. */
  signatures: ImageSlot[];
  sample: PreviewSample;
};

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The slot named `name`: a non-empty file wins, then a kept id unless "remove" is ticked. */
function slot(form: FormData, name: string): ImageSlot {
  const file = form.get(name);
  if (file instanceof File && file.size > 0) return { upload: file };
  if (form.get(`${name}Remove`) === "on") return null;
  const keep = ZId.safeParse(form.get(`${name}Keep`));
  return keep.success ? { keep: keep.data } : null;
}

const ZSample = z.enum(Object.keys(PREVIEW_SAMPLES) as [PreviewSample, ...PreviewSample[]]).catch("persian");

/**
 * The template form (the save and the preview send the same one): its fields checked,
 * its image slots as sent. Signatory rows left blank are dropped with their slot.
 */
export function parseTemplateForm(
  form: FormData,
): { ok: true; form: TemplateForm } | { ok: false; error: TemplateFieldError } {
  const rows = Array.from({ length: MAX_SIGNATORIES }, (_, i) => ({
    name: text(form, `signatory${i}Name`),
    title: text(form, `signatory${i}Title`),
    signature: slot(form, `signatory${i}Signature`),
  })).filter((r) => r.name.trim() || r.title.trim() || r.signature);
  const checked = checkTemplateFields({
    title: text(form, "title"),
    intro: text(form, "intro"),
    body: text(form, "body"),
    colour: text(form, "colour"),
    accent: text(form, "accent"),
    organisers: text(form, "organisers").split(/\r?\n/),
    // The images are checked apart; a placeholder keeps a row with only a signature.
    signatories: rows.map((r) => ({ name: r.name, title: r.title, signatureId: r.signature ? "image" : null })),
  });
  if (!checked.ok) return checked;
  const logos = Array.from({ length: MAX_LOGOS }, (_, i) => slot(form, `logo${i}`)).filter((s) => s !== null);
  return {
    ok: true,
    form: {
      fields: { ...checked.fields, signatories: checked.fields.signatories.map((s) => ({ ...s, signatureId: null })) },
      logos,
      signatures: rows.map((r) => r.signature),
      sample: ZSample.parse(form.get("sample")),
    },
  };
}
