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

export type CertificatePdfInput = {
  code: string;
  verifyUrl: string;
  name: string;
  nativeName: string | null;
  /** The holder's country (ISO 3166-1 alpha-2): with the letters, it tells an Urdu name from a Persian one. */
  country?: string | null;
  programmeTitle: string;
  edition: string;
  organisers: string[];
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
const NAVY = rgb(0.08, 0.19, 0.36);
const GOLD = rgb(0.7, 0.55, 0.22);
const RED = rgb(0.78, 0.07, 0.07);

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

function drawFrame(page: PDFPage) {
  page.drawRectangle({
    x: 18,
    y: 18,
    width: PAGE.width - 36,
    height: PAGE.height - 36,
    borderColor: NAVY,
    borderWidth: 2.5,
  });
  page.drawRectangle({
    x: 25,
    y: 25,
    width: PAGE.width - 50,
    height: PAGE.height - 50,
    borderColor: GOLD,
    borderWidth: 0.8,
  });
}

function drawUpper(page: PDFPage, f: Faces, c: CertificatePdfInput): number {
  let y = centred(page, f.regular, c.organisers.map(clean).join("  ·  ").toUpperCase(), PAGE.height - 62, {
    size: 9,
    minSize: 7,
    maxLines: 2,
    color: MUTED,
    after: 38,
  });
  y = centred(page, f.bold, "Certificate of Completion", y, { size: 34, color: NAVY, after: 14 });
  page.drawLine({ start: { x: CENTRE - 60, y }, end: { x: CENTRE + 60, y }, thickness: 0.8, color: GOLD });
  y = centred(page, f.italic, "This certifies that", y - 24, { size: 12, color: MUTED, after: 36 });
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
  y = centred(page, f.italic, `has completed the ${clean(c.edition)}`, y, {
    size: 12,
    minSize: 9,
    color: MUTED,
    after: 21,
  });
  y = centred(page, f.bold, clean(c.programmeTitle), y, {
    size: 15,
    minSize: 11,
    maxLines: 2,
    color: NAVY,
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
function drawLectures(page: PDFPage, f: Faces, c: CertificatePdfInput, top: number, bottom: number, right: number) {
  const indent = 16;
  const plan = planLectures(f, c, right - LEFT - indent, top - bottom);
  let y = top - Math.max(0, (top - bottom - plan.height) / 2) - 8;
  drawLine(page, f.bold, "Lectures", { x: LEFT, y, size: 9, color: NAVY });
  page.drawLine({ start: { x: LEFT, y: y - 5 }, end: { x: right, y: y - 5 }, thickness: 0.5, color: GOLD });
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
  doc.setAuthor(input.organisers.join(", "));
  doc.setCreator("STI training LMS");
  drawFrame(page);
  const qrSize = 84;
  const bottom = drawUpper(page, faces, input);
  // The lectures keep clear of the QR code's column and end above the issue date.
  drawLectures(page, faces, input, bottom, 92, RIGHT - qrSize - 24);
  drawFooter(page, faces, input, qrSize);
  if (input.revoked) drawRevoked(page, faces);
  return doc.save();
}
