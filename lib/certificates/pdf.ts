// The certificate as an A4-landscape PDF, drawn with pdf-lib and fontkit (no browser).
// Only package imports here: the piscina worker loads this file through tsx, which
// does not know the `@/` alias.
import {
  PDFDocument,
  degrees,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
  type Color,
  type PDFImage,
  type PDFPage,
} from "pdf-lib";
import QRCode from "qrcode";
import {
  INK,
  clean,
  drawLine,
  embedFaces,
  fit,
  inkOf,
  nativeFontFor,
  widthOf,
  type Face,
  type Faces,
  type FitOptions,
} from "./pdf-text";

/** A logo or signature: a PNG and its size in pixels. */
export type PdfImage = { png: Uint8Array; width: number; height: number };

/** The cohort's template: its words, colours (#rrggbb) and marks. */
export type PdfTemplate = {
  title: string;
  intro: string;
  body: string;
  colour: string;
  accent: string;
  organisers: string[];
  logos: PdfImage[];
  signatories: { name: string; title: string; signature: PdfImage | null }[];
};

export type CertificatePdfInput = {
  code: string;
  verifyUrl: string;
  name: string;
  nativeName: string | null;
  /** The holder's country (ISO 3166-1 alpha-2): with the letters, it tells an Urdu name from a Persian one. */
  country?: string | null;
  programmeTitle: string;
  edition: string;
  template: PdfTemplate;
  cohortName: string;
  dates: string;
  issuedOn: string;
  lectures: { number: number; title: string; speaker: string }[];
  revoked?: boolean;
};
const PAGE = { width: 841.89, height: 595.28 };
const LEFT = 70;
const RIGHT = PAGE.width - 70;
const CENTRE = PAGE.width / 2;
const MUTED = rgb(0.38, 0.38, 0.43);
const RED = rgb(0.78, 0.07, 0.07);

/** The template's colours as pdf-lib's. */
type Palette = { colour: Color; accent: Color };
const fromHex = (hex: string) =>
  rgb(parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255);

/** Centred lines that fit the width; returns the baseline for what comes next. */
function centred(
  page: PDFPage,
  face: Face,
  text: string,
  y: number,
  o: Partial<FitOptions> & { size: number; color?: Color; after?: number },
) {
  const { size, lines } = fit(face, text, {
    maxWidth: RIGHT - LEFT,
    maxSize: o.size,
    minSize: o.minSize ?? o.size,
    maxLines: o.maxLines ?? 1,
    ...(o.maxWidth ? { maxWidth: o.maxWidth } : {}),
  });
  lines.forEach((line, i) =>
    drawLine(page, face, line, { x: CENTRE, y: y - i * size * 1.22, size, color: o.color, align: "center" }),
  );
  return y - (lines.length - 1) * size * 1.22 - (o.after ?? size * 1.4);
}

// The box a Nastaliq name is drawn in: from under the Latin name's descenders, tall
// enough for a name that climbs one and a half em at full size, and clear of the capitals
// of the line below.
const NASTALIQ = { gapAbove: 8, height: 46, gapBelow: 12, maxSize: 20, minSize: 10 };
/** From the Latin name's (last) baseline to the native-script name's, in Naskh, Chinese or Cyrillic. */
const NATIVE_LEAD = 30;

/**
 * A name in Nastaliq, centred in its box: the largest size at which its ink fits the box
 * and its width the line (a long name shrinks as a Latin one does). `y` is where the line
 * would have stood in Naskh (NATIVE_LEAD under the Latin name's baseline); returns the
 * baseline for what comes next.
 */
function nastaliqName(page: PDFPage, face: Face, text: string, y: number): number {
  const top = y + NATIVE_LEAD - NASTALIQ.gapAbove;
  const { lines } = fit(face, text, {
    maxWidth: RIGHT - LEFT,
    maxSize: NASTALIQ.maxSize,
    minSize: NASTALIQ.minSize,
    maxLines: 1,
  });
  const line = lines[0]!;
  let size = NASTALIQ.maxSize;
  while (size > NASTALIQ.minSize) {
    const ink = inkOf(face, line, size);
    if (ink.above + ink.below <= NASTALIQ.height && widthOf(face, line, size) <= RIGHT - LEFT) break;
    size -= 0.5;
  }
  const ink = inkOf(face, line, size);
  const baseline = top - (NASTALIQ.height - ink.above - ink.below) / 2 - ink.above;
  drawLine(page, face, line, { x: CENTRE, y: baseline, size, align: "center" });
  return top - NASTALIQ.height - NASTALIQ.gapBelow;
}

function drawFrame(page: PDFPage, { colour, accent }: Palette) {
  page.drawRectangle({
    x: 18,
    y: 18,
    width: PAGE.width - 36,
    height: PAGE.height - 36,
    borderColor: colour,
    borderWidth: 2.5,
  });
  page.drawRectangle({
    x: 25,
    y: 25,
    width: PAGE.width - 50,
    height: PAGE.height - 50,
    borderColor: accent,
    borderWidth: 0.8,
  });
}

type EmbeddedImage = { image: PDFImage; width: number; height: number };

const LOGO = { top: PAGE.height - 40, height: 40, maxWidth: 170, gap: 28 };

/** The organisers' logos in a centred row at the top; returns the row's bottom. */
function drawLogos(page: PDFPage, logos: { image: PDFImage; width: number; height: number }[]): number {
  const sized = logos.map((l) => {
    const scale = Math.min(LOGO.height / l.height, LOGO.maxWidth / l.width);
    return { image: l.image, width: l.width * scale, height: l.height * scale };
  });
  const total = sized.reduce((w, l) => w + l.width, 0) + LOGO.gap * (sized.length - 1);
  let x = CENTRE - total / 2;
  for (const l of sized) {
    page.drawImage(l.image, {
      x,
      y: LOGO.top - LOGO.height + (LOGO.height - l.height) / 2,
      width: l.width,
      height: l.height,
    });
    x += l.width + LOGO.gap;
  }
  return LOGO.top - LOGO.height;
}

function drawUpper(page: PDFPage, f: Faces, c: CertificatePdfInput, p: Palette, logos: EmbeddedImage[]): number {
  const t = c.template;
  let y = logos.length > 0 ? drawLogos(page, logos) - 16 : PAGE.height - 62;
  if (t.organisers.length > 0)
    y = centred(page, f.regular, t.organisers.map(clean).join("  ·  ").toUpperCase(), y, {
      size: 9,
      minSize: 7,
      maxLines: 2,
      color: MUTED,
      after: 38,
    });
  y = centred(page, f.bold, clean(t.title), y, { size: 34, minSize: 22, color: p.colour, after: 14 });
  page.drawLine({ start: { x: CENTRE - 60, y }, end: { x: CENTRE + 60, y }, thickness: 0.8, color: p.accent });
  y = t.intro
    ? centred(page, f.italic, clean(t.intro), y - 24, { size: 12, minSize: 9, color: MUTED, after: 36 })
    : y - 36;
  y = centred(page, f.bold, clean(c.name), y, {
    size: 30,
    minSize: 16,
    maxLines: 2,
    color: INK,
    after: c.nativeName ? NATIVE_LEAD : 32,
  });
  if (f.native && c.nativeName && f.nativeKey === "nastaliq") y = nastaliqName(page, f.native, clean(c.nativeName), y);
  else if (f.native && c.nativeName)
    y = centred(page, f.native, clean(c.nativeName), y, { size: 21, minSize: 12, maxLines: 1, after: 30 });
  y = centred(page, f.italic, clean(t.body), y, {
    size: 12,
    minSize: 8,
    maxLines: 2,
    color: MUTED,
    after: 21,
  });
  y = centred(page, f.bold, clean(c.programmeTitle), y, {
    size: 15,
    minSize: 11,
    maxLines: 2,
    color: p.colour,
    maxWidth: 640,
    after: 20,
  });
  return centred(page, f.regular, `${clean(c.cohortName)}  ·  ${clean(c.dates)}`, y, {
    size: 11,
    minSize: 8,
    color: INK,
  });
}

type Row = { number: string; lines: string[]; speaker: string; speakerOnNewLine: boolean };

/** Lays the lectures out at the largest size whose rows fit the height left. */
function planLectures(f: Faces, c: CertificatePdfInput, width: number, height: number) {
  for (let size = 10; ; size -= 0.5) {
    const rows: Row[] = c.lectures.map((l) => {
      const { lines } = fit(f.regular, clean(l.title), { maxWidth: width, maxSize: size, minSize: size, maxLines: 2 });
      const speaker = `— ${clean(l.speaker)}`;
      const room = width - widthOf(f.regular, lines.at(-1)!, size) - size * 0.5;
      return { number: `${l.number}.`, lines, speaker, speakerOnNewLine: widthOf(f.italic, speaker, size) > room };
    });
    const lead = size * 1.3;
    const gap = size * 0.4;
    const lineCount = rows.reduce((n, r) => n + r.lines.length + (r.speakerOnNewLine ? 1 : 0), 0);
    const height_ = 20 + lineCount * lead + rows.length * gap;
    if (height_ <= height || size <= 6.5) return { rows, size, lead, gap, height: height_ };
  }
}

/** The lectures, centred in the space between the programme and the footer. */
function drawLectures(
  page: PDFPage,
  f: Faces,
  c: CertificatePdfInput,
  p: Palette,
  box: { top: number; bottom: number; right: number },
) {
  const { top, bottom, right } = box;
  const indent = 16;
  const plan = planLectures(f, c, right - LEFT - indent, top - bottom);
  let y = top - Math.max(0, (top - bottom - plan.height) / 2) - 8;
  drawLine(page, f.bold, "Lectures", { x: LEFT, y, size: 9, color: p.colour });
  page.drawLine({ start: { x: LEFT, y: y - 5 }, end: { x: right, y: y - 5 }, thickness: 0.5, color: p.accent });
  y -= 20;
  for (const row of plan.rows) {
    const { size, lead } = plan;
    drawLine(page, f.regular, row.number, { x: LEFT, y, size, color: MUTED });
    row.lines.forEach((line, i) => drawLine(page, f.regular, line, { x: LEFT + indent, y: y - i * lead, size }));
    const lastWidth = widthOf(f.regular, row.lines.at(-1)!, size);
    y -= (row.lines.length - 1 + (row.speakerOnNewLine ? 1 : 0)) * lead;
    drawLine(page, f.italic, row.speaker, {
      x: LEFT + indent + (row.speakerOnNewLine ? 0 : lastWidth + size * 0.5),
      y,
      size,
      color: MUTED,
    });
    y -= lead + plan.gap;
  }
}

function drawQr(page: PDFPage, url: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  const cell = size / modules.size;
  const ops = [pushGraphicsState(), setFillingColor(INK)];
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size;) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      // A hair taller than the cell so that rows do not show seams at low resolution.
      ops.push(rectangle(x + start * cell, y + size - (row + 1) * cell - 0.02, (col - start) * cell, cell + 0.04));
    }
  }
  page.pushOperators(...ops, fill(), popGraphicsState());
}

function drawFooter(page: PDFPage, f: Faces, c: CertificatePdfInput, qrSize: number) {
  const qrX = RIGHT - qrSize;
  drawQr(page, c.verifyUrl, qrX, 58, qrSize);
  const url = fit(f.regular, clean(c.verifyUrl), { maxWidth: 330, maxSize: 7.5, minSize: 5, maxLines: 1 });
  drawLine(page, f.regular, url.lines[0]!, { x: RIGHT, y: 46, size: url.size, color: MUTED, align: "right" });
  drawLine(page, f.italic, "Verify this certificate:", { x: qrX - 10, y: 70, size: 8, color: MUTED, align: "right" });
  drawLine(page, f.italic, "scan the code or open the address below it", {
    x: qrX - 10,
    y: 60,
    size: 8,
    color: MUTED,
    align: "right",
  });
  const issued = widthOf(f.regular, "Issued on ", 10);
  drawLine(page, f.regular, "Issued on ", { x: LEFT, y: 70, size: 10, color: MUTED });
  drawLine(page, f.bold, clean(c.issuedOn), { x: LEFT + issued, y: 70, size: 10 });
  const code = widthOf(f.regular, "Certificate code ", 10);
  drawLine(page, f.regular, "Certificate code ", { x: LEFT, y: 54, size: 10, color: MUTED });
  drawLine(page, f.bold, clean(c.code), { x: LEFT + code, y: 54, size: 10 });
}

const SIGNATURES = { base: 92, height: 62, image: 30 };

/**
 * Up to three signatories side by side above the footer, each a signature (if any) over a
 * rule, the name and the title; returns the band's top.
 */
function drawSignatories(
  page: PDFPage,
  f: Faces,
  signatories: { name: string; title: string; signature: EmbeddedImage | null }[],
  right: number,
): number {
  const width = (right - LEFT) / signatories.length;
  const box = Math.min(width - 24, 170);
  signatories.forEach((s, i) => {
    const cx = LEFT + width * (i + 0.5);
    const rule = SIGNATURES.base + 26;
    if (s.signature) {
      const scale = Math.min(SIGNATURES.image / s.signature.height, box / s.signature.width);
      const [w, h] = [s.signature.width * scale, s.signature.height * scale];
      page.drawImage(s.signature.image, { x: cx - w / 2, y: rule + 2, width: w, height: h });
    }
    page.drawLine({
      start: { x: cx - box / 2, y: rule },
      end: { x: cx + box / 2, y: rule },
      thickness: 0.6,
      color: MUTED,
    });
    const name = fit(f.bold, clean(s.name), { maxWidth: box, maxSize: 9, minSize: 6.5, maxLines: 1 });
    drawLine(page, f.bold, name.lines[0]!, { x: cx, y: rule - 12, size: name.size, align: "center" });
    if (s.title) {
      const title = fit(f.regular, clean(s.title), { maxWidth: box, maxSize: 8, minSize: 6, maxLines: 1 });
      drawLine(page, f.regular, title.lines[0]!, {
        x: cx,
        y: rule - 22,
        size: title.size,
        color: MUTED,
        align: "center",
      });
    }
  });
  return SIGNATURES.base + SIGNATURES.height;
}

function drawRevoked(page: PDFPage, f: Faces) {
  const size = 120;
  const width = f.bold.pdf.widthOfTextAtSize("REVOKED", size);
  const angle = (26 * Math.PI) / 180;
  const [cx, cy, half] = [CENTRE, PAGE.height / 2, size * 0.35];
  const x = cx - (width / 2) * Math.cos(angle) + half * Math.sin(angle);
  const y = cy - (width / 2) * Math.sin(angle) - half * Math.cos(angle);
  page.drawText("REVOKED", { x, y, size, font: f.bold.pdf, color: RED, opacity: 0.22, rotate: degrees(26) });
  drawLine(page, f.bold, "REVOKED: this certificate is no longer valid", {
    x: CENTRE,
    y: PAGE.height - 42,
    size: 10,
    color: RED,
    align: "center",
  });
}

/**
 * The certificate PDF. A name the fonts cannot draw throws rather than printing boxes; but
 * when only the native-script name is the problem (a script we have no font for, or
 * digits inside Arabic script), the certificate is drawn without it: a participant's
 * certificate must never fail to download because of the optional second name.
 */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  try {
    return await render(input);
  } catch (err) {
    if (!input.nativeName) throw err;
    const withoutNative = await render({ ...input, nativeName: null }).catch(() => null);
    if (!withoutNative) throw err;
    console.warn(
      `Certificate ${input.code}: drawn without the native-script name: ${err instanceof Error ? err.message : String(err)}`,
    );
    return withoutNative;
  }
}

async function render(input: CertificatePdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const nativeName = input.nativeName ? clean(input.nativeName) : "";
  const faces = await embedFaces(
    doc,
    page,
    nativeName ? nativeFontFor(nativeName, input.country) : null,
    input.code + input.name,
  );
  doc.setTitle(`Certificate ${input.code}`);
  doc.setSubject(`${input.edition}: ${input.programmeTitle}`);
  doc.setAuthor(input.template.organisers.join(", "));
  doc.setCreator("STI training LMS");
  const palette = { colour: fromHex(input.template.colour), accent: fromHex(input.template.accent) };
  const embed = async (i: PdfImage): Promise<EmbeddedImage> => ({
    image: await doc.embedPng(i.png),
    width: i.width,
    height: i.height,
  });
  const logos = await Promise.all(input.template.logos.map(embed));
  const signatories = await Promise.all(
    input.template.signatories.map(async (s) => ({ ...s, signature: s.signature ? await embed(s.signature) : null })),
  );
  drawFrame(page, palette);
  const qrSize = 84;
  const right = RIGHT - qrSize - 24;
  const bottom = drawUpper(page, faces, input, palette, logos);
  // The lectures keep clear of the QR code's column and end above the signatures, or the issue date.
  const floor = signatories.length > 0 ? drawSignatories(page, faces, signatories, right) + 8 : 92;
  drawLectures(page, faces, input, palette, { top: bottom, bottom: floor, right });
  drawFooter(page, faces, input, qrSize);
  if (input.revoked) drawRevoked(page, faces);
  return doc.save();
}
