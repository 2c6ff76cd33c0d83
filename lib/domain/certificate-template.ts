// The words, colours and marks a cohort's certificates are printed with. Pure: the images
// themselves are checked and stored elsewhere (lib/certificates/template-image.ts).

export const MAX_LOGOS = 3;
export const MAX_SIGNATORIES = 3;
export const MAX_ORGANISERS = 4;
/** An uploaded image: larger files are refused before they are decoded. */
export const MAX_IMAGE_BYTES = 512 * 1024;
/** Decoded images wider or taller than this are refused (a logo needs a few hundred pixels). */
export const MAX_IMAGE_PIXELS = 4000;
/** What is kept of an image: its longest side is brought down to this many pixels. */
export const STORED_IMAGE_PIXELS = 1200;
export const IMAGE_TYPES = ["image/png", "image/svg+xml"] as const;

export const LIMITS = { title: 80, intro: 80, body: 160, organiser: 120, name: 80, role: 100 } as const;

export type Signatory = { name: string; title: string; signatureId: string | null };

/** The template's words and colours, as the admin saves them. */
export type TemplateFields = {
  title: string;
  intro: string;
  body: string;
  colour: string;
  accent: string;
  organisers: string[];
  signatories: Signatory[];
};

export type TemplateFieldError =
  "title" | "intro" | "body" | "organisers" | "colour" | "colour-contrast" | "accent" | "signatories";

export const DEFAULT_COLOUR = "#14305c";
export const DEFAULT_ACCENT = "#b38c38";

/** The template of a cohort that has none: the programme's organisations by name, no images. */
export function defaultTemplate(programme: { edition: string; organisers: readonly { name: string }[] }) {
  return {
    title: "Certificate of Completion",
    intro: "This certifies that",
    body: `has completed the ${programme.edition}`,
    colour: DEFAULT_COLOUR,
    accent: DEFAULT_ACCENT,
    organisers: programme.organisers.slice(0, MAX_ORGANISERS).map((o) => o.name),
    signatories: [],
  } satisfies TemplateFields;
}

const HEX = /^#[0-9a-f]{6}$/;

function channel(hex: string, at: number) {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The certificate's title and headings are printed in the colour on white: it must read as text does. */
export const MIN_TEXT_CONTRAST = 4.5;

/** Collapses runs of white space, as the PDF would print them. */
const tidy = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * The fields as the form gave them, checked: the first problem found, or the fields
 * tidied. Signatories with neither name nor title are dropped; one with a signature but no
 * name is refused.
 */
export function checkTemplateFields(
  input: TemplateFields,
): { ok: true; fields: TemplateFields } | { ok: false; error: TemplateFieldError } {
  const title = tidy(input.title);
  const intro = tidy(input.intro);
  const body = tidy(input.body);
  if (!title || title.length > LIMITS.title) return { ok: false, error: "title" };
  if (intro.length > LIMITS.intro) return { ok: false, error: "intro" };
  if (!body || body.length > LIMITS.body) return { ok: false, error: "body" };
  const organisers = input.organisers.map(tidy).filter(Boolean);
  if (organisers.length > MAX_ORGANISERS || organisers.some((o) => o.length > LIMITS.organiser))
    return { ok: false, error: "organisers" };
  const colour = input.colour.toLowerCase();
  const accent = input.accent.toLowerCase();
  if (!HEX.test(colour)) return { ok: false, error: "colour" };
  if (contrastRatio(colour, "#ffffff") < MIN_TEXT_CONTRAST) return { ok: false, error: "colour-contrast" };
  if (!HEX.test(accent)) return { ok: false, error: "accent" };
  const signatories = input.signatories
    .map((s) => ({ name: tidy(s.name), title: tidy(s.title), signatureId: s.signatureId }))
    .filter((s) => s.name || s.title || s.signatureId);
  if (
    signatories.length > MAX_SIGNATORIES ||
    signatories.some((s) => !s.name || s.name.length > LIMITS.name || s.title.length > LIMITS.role)
  )
    return { ok: false, error: "signatories" };
  return { ok: true, fields: { title, intro, body, colour, accent, organisers, signatories } };
}

/** What an uploaded file's first bytes say it is: only PNG and SVG are taken. */
export function sniffImageType(bytes: Uint8Array): (typeof IMAGE_TYPES)[number] | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => bytes[i] === b)) return "image/png";
  // An SVG is XML text: after an optional byte-order mark, white space, an XML declaration,
  // comments or a doctype, its first element is <svg.
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, "")
    .replace(/<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, "")
    .trimStart();
  return /^<svg[\s>]/i.test(head) ? "image/svg+xml" : null;
}

/** Sample holders for the preview: one name in Latin letters with each kind of native script we print. */
export const PREVIEW_SAMPLES = {
  persian: { name: "Zahra Hosseini", nativeName: "زهرا حسینی", country: "IR" },
  chinese: { name: "Li Wei", nativeName: "李伟", country: "CN" },
  urdu: { name: "Ayesha Siddiqui", nativeName: "عائشہ صدیقی", country: "PK" },
  russian: { name: "Aigerim Nurlanovna", nativeName: "Айгерим Нурлановна", country: "KZ" },
} as const;
export type PreviewSample = keyof typeof PREVIEW_SAMPLES;
