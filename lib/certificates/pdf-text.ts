// The text machinery of the certificate PDF: fonts read once per thread, fontkit's
// shaping (with the fixes pdf-lib's fontkit needs for Noto and Arabic), fitting
// lines to a width, and drawing each glyph where fontkit places it.
// Only package imports here: the piscina worker loads this through tsx, which
// does not know the `@/` alias.
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as fontkitModule from "@pdf-lib/fontkit";
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames as Ops,
  beginText,
  endMarkedContent,
  endText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  type Color,
  type PDFFont,
  type PDFPage,
} from "pdf-lib";
import { arabicScriptStyle } from "../domain/arabic-script";

export const INK = rgb(0.13, 0.13, 0.16);

export const FONT_FILES = {
  regular: "@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf",
  bold: "@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf",
  italic: "@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf",
  han: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  arabic: "@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf",
  nastaliq: "@expo-google-fonts/noto-nastaliq-urdu/400Regular/NotoNastaliqUrdu_400Regular.ttf",
} as const;
export type FontKey = keyof typeof FONT_FILES;

// The parts of a fontkit font this file uses (its bundled types lack glyph ids and advances).
export type KitGlyph = {
  id: number;
  advanceWidth: number;
  codePoints: number[];
  bbox: { minY: number; maxY: number };
};
export type KitRun = {
  glyphs: KitGlyph[];
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
  direction: string;
};
export type KitFont = {
  unitsPerEm: number;
  postscriptName: string;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string, features?: unknown): KitRun;
  getGlyph(id: number, codePoints?: number[]): KitGlyph;
  createSubset(): object;
};
export type Face = { pdf: PDFFont; kit: KitFont; key: PDFName; label: string };
export type Faces = Record<"regular" | "bold" | "italic", Face> & { native: Face | null; nativeKey: FontKey | null };

// The UMD bundle arrives as `default` under Node's ESM loader, as the namespace in bundlers.
export const fontkit = ((fontkitModule as { default?: unknown }).default ?? fontkitModule) as {
  create(bytes: Uint8Array): KitFont;
};

export const fontBytes = new Map<FontKey, Promise<Uint8Array>>();
export const parsedFonts = new WeakMap<Uint8Array, KitFont>();

export function loadFont(key: FontKey): Promise<Uint8Array> {
  let bytes = fontBytes.get(key);
  if (!bytes) {
    // Next bundles server code, so import.meta.url does not point into node_modules.
    bytes = readFile(path.join(process.cwd(), "node_modules", FONT_FILES[key])).then(
      (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    );
    bytes.catch(() => fontBytes.delete(key));
    fontBytes.set(key, bytes);
  }
  return bytes;
}

// pdf-lib parses the font bytes again for every document (60 ms for the CJK font):
// hand it the font already parsed from the same bytes. Safe because a document only
// reads the font and keeps its own subset.
export const cachingFontkit = {
  create(bytes: Uint8Array): KitFont {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      patchFont(font);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

export function patchFont(font: KitFont) {
  // @pdf-lib/fontkit 1.1.1 writes a subset's `loca` in the short format, which halves
  // every offset; Noto's glyph records have odd lengths, so most glyphs after the first
  // odd one come out blank (seen here with Naskh and Serif). Upstream fontkit 1.8 fixed
  // it by keeping the long format (foliojs/fontkit#191); this does the same.
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset() as { _addGlyph(gid: number): number; loca: { version?: number } };
    const addGlyph = subset._addGlyph.bind(subset);
    subset._addGlyph = (gid) => ((subset.loca.version = 1), addGlyph(gid));
    return subset;
  };
  patchMarkAnchors(font);
  // Shaping is most of the time spent on a certificate, and most of its lines (labels,
  // programme, lectures) are the same on every certificate of a cohort: remember them.
  // pdf-lib's encodeText lays the same line out again, and gets it from here too.
  const layout = font.layout.bind(font);
  const runs = new Map<string, KitRun>();
  font.layout = (text, features?: unknown) => {
    if (features !== undefined) return layout(text, features);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= 5_000) runs.clear();
      runs.set(text, (run = layout(text)));
    }
    return run;
  };
  // fontkit keeps one glyph object per id with the code points of its first use, but
  // Naskh draws several letters with one dotless skeleton: keep the code points of each use.
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    return codePoints && String(codePoints) !== String(glyph.codePoints)
      ? Object.create(glyph, { codePoints: { value: codePoints } })
      : glyph;
  };
}

type GposProcessor = {
  applyLookup(type: number, table: unknown): boolean;
  applyAnchor(markRecord: unknown, baseAnchor: unknown, baseIndex: number): void;
};
const NO_ANCHOR = Symbol("no anchor");

/**
 * A mark-to-base record may have no anchor for a mark's class: OpenType's way of saying
 * that this subtable does not place that mark on that letter, so the next subtable (or
 * none) does. @pdf-lib/fontkit 1.1.1 reads the missing anchor and throws instead, which
 * Noto Nastaliq Urdu's tables reach with common names (گلزار, بیٹے). Here the lookup
 * gives up as HarfBuzz does (it returns false, and the next subtable is tried).
 */
function patchMarkAnchors(font: KitFont) {
  const engine = (font as unknown as { _layoutEngine?: { engine?: { GPOSProcessor?: GposProcessor | null } } })
    ._layoutEngine?.engine;
  const gpos = engine?.GPOSProcessor;
  if (!gpos) return;
  const applyAnchor = gpos.applyAnchor.bind(gpos);
  gpos.applyAnchor = (markRecord, baseAnchor, baseIndex) => {
    if (!baseAnchor) throw NO_ANCHOR;
    applyAnchor(markRecord, baseAnchor, baseIndex);
  };
  const applyLookup = gpos.applyLookup.bind(gpos);
  gpos.applyLookup = (type, table) => {
    try {
      return applyLookup(type, table);
    } catch (err) {
      if (err === NO_ANCHOR) return false;
      throw err;
    }
  };
}

/** A subset's name starts with six capitals and "+" (PDF 32000 9.6.4); derived, so reruns match. */
export function subsetTag(seed: string): string {
  let hash = 2166136261;
  for (const ch of seed) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return Array.from({ length: 6 }, (_, i) => String.fromCharCode(65 + (Math.floor(hash / 26 ** i) % 26))).join("");
}

// Direction marks are dropped: each text run is laid out in one direction anyway.
export const clean = (text: string) =>
  text
    .normalize("NFC")
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** The font for a native-script name; the holder's country tells Urdu (Nastaliq) from other Arabic script. */
export function nativeFontFor(text: string, country?: string | null): FontKey {
  const arabic = arabicScriptStyle(text, country);
  if (arabic) return arabic === "nastaliq" ? "nastaliq" : "arabic";
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u.test(text)) return "han";
  return "regular";
}

export function assertCovered(face: Face, text: string) {
  const missing = [...new Set(text)].filter((ch) => !face.kit.hasGlyphForCodePoint(ch.codePointAt(0)!));
  if (missing.length === 0) return;
  const list = missing
    .map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} "${ch}"`)
    .join(", ");
  throw new Error(`Cannot draw "${text}" on the certificate: the font ${face.label} has no glyph for ${list}`);
}

// fontkit lays Arabic out right to left but has no bidi: digits or Latin inside would come out reversed.
export function assertOneDirection(text: string) {
  if (/\p{Script=Arabic}/u.test(text) && /[\p{Nd}\p{Script=Latin}]/u.test(text)) {
    throw new Error(
      `Cannot draw "${text}" on the certificate: Arabic-script text mixed with Latin letters or digits is not supported`,
    );
  }
}

export const widthOf = (face: Face, text: string, size: number) =>
  (face.kit.layout(text).advanceWidth * size) / face.kit.unitsPerEm;

/**
 * How far the ink of a line reaches above and below its baseline, in points. Nastaliq
 * needs this rather than the size: its cursive attachment raises each joined letter above
 * the next, so a word of five letters can stand one and a half em above the baseline.
 */
export function inkOf(face: Face, text: string, size: number): { above: number; below: number } {
  const run = face.kit.layout(text);
  let [top, bottom] = [0, 0];
  run.glyphs.forEach((g, i) => {
    const { minY, maxY } = g.bbox;
    if (minY === maxY) return; // a space
    top = Math.max(top, maxY + run.positions[i]!.yOffset);
    bottom = Math.min(bottom, minY + run.positions[i]!.yOffset);
  });
  const k = size / face.kit.unitsPerEm;
  return { above: top * k, below: -bottom * k };
}

/** Greedy word wrap; a word wider than the line is split between characters (Chinese has no spaces). */
export function wrap(face: Face, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ").filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (widthOf(face, candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (widthOf(face, line, size) > maxWidth && [...line].length > 1) {
      const chars = [...line];
      let n = chars.length - 1;
      while (n > 1 && widthOf(face, chars.slice(0, n).join(""), size) > maxWidth) n -= 1;
      lines.push(chars.slice(0, n).join(""));
      line = chars.slice(n).join("");
    }
  }
  if (line) lines.push(line);
  return lines;
}

export type FitOptions = { maxWidth: number; maxSize: number; minSize: number; maxLines: number };

/** The largest size (in half points) at which the text fits; at the smallest, cut with an ellipsis. */
export function fit(face: Face, text: string, o: FitOptions): { size: number; lines: string[] } {
  for (let size = o.maxSize; size >= o.minSize; size -= 0.5) {
    const lines = wrap(face, text, size, o.maxWidth);
    if (lines.length <= o.maxLines) return { size, lines };
  }
  const lines = wrap(face, text, o.minSize, o.maxWidth).slice(0, o.maxLines);
  let last = [...lines.pop()!];
  while (last.length > 1 && widthOf(face, `${last.join("")}…`, o.minSize) > o.maxWidth) last = last.slice(0, -1);
  return { size: o.minSize, lines: [...lines, `${last.join("").trimEnd()}…`] };
}

export type Place = { x: number; y: number; size: number; color?: Color; align?: "left" | "center" | "right" };
export type Segment = { from: number; to: number; text: string | null };

/**
 * Which glyphs (in drawing order) need an ActualText span so that copying or searching
 * the PDF gives the name as typed: ToUnicode maps each glyph id to one text for the
 * whole document, which cannot be right for Naskh's skeletons shared by several letters.
 */
export function segments(run: KitRun, text: string): Segment[] {
  const whole = { from: 0, to: run.glyphs.length };
  if (run.direction !== "rtl") {
    return [
      { ...whole, text: String.fromCodePoint(...run.glyphs.flatMap((g) => g.codePoints)) === text ? null : text },
    ];
  }
  // A span per letter glyph, in drawing order, and none round the dots and marks placed
  // on it (their ToUnicode is empty): poppler spreads one span's text left to right and
  // then reverses Arabic, so a span for the whole name comes out backwards, and it takes
  // a span's baseline from its first glyph, so a span starting with a raised dot splits.
  const chars = [...text];
  let next = 0;
  const spans: Segment[] = run.glyphs.map((g, i) => ({ from: i, to: i + 1, text: null }));
  for (let i = run.glyphs.length - 1; i >= 0; i -= 1) {
    if (run.glyphs[i]!.codePoints.length === 0) continue;
    // fontkit draws a zero-width non-joiner (common in Persian names) as a space of no width.
    const hidden = run.positions[i]!.xAdvance === 0 && /\p{Default_Ignorable_Code_Point}/u.test(chars[next] ?? "");
    const span = hidden ? chars[next]! : String.fromCodePoint(...run.glyphs[i]!.codePoints);
    spans[i]!.text = span;
    next += [...span].length;
  }
  return spans
    .map((s) => s.text ?? "")
    .reverse()
    .join("") === text
    ? spans
    : [{ ...whole, text }];
}

/** Text operators placing each glyph at fontkit's position (TJ runs between offset marks). */
export function glyphOps(
  page: PDFPage,
  face: Face,
  run: KitRun,
  ids: string[],
  seg: Segment,
  at: { x: number; y: number; k: number; pens: number[]; anchor: string | null },
) {
  const ops: PDFOperator[] = [];
  let items: (PDFHexString | number)[] = [];
  const flush = () => {
    if (items.length) ops.push(PDFOperator.of(Ops.ShowTextAdjusted, [page.doc.context.obj(items)]));
    items = [];
  };
  let moveNext = true;
  // poppler gives a span's text the baseline of the span's first glyph and starts a new
  // line when baselines differ: Nastaliq raises most letters of a word (its cursive
  // attachment steps each joined letter up from the last one), which would put every
  // raised letter on a line of its own. A blank space glyph on the line's baseline,
  // first in the span, keeps the whole name on one line; it draws nothing.
  if (seg.text !== null && at.anchor && run.positions[seg.from]!.yOffset !== 0) {
    ops.push(setTextMatrix(1, 0, 0, 1, at.x + at.pens[seg.from]! * at.k, at.y));
    ops.push(PDFOperator.of(Ops.ShowTextAdjusted, [page.doc.context.obj([PDFHexString.of(at.anchor)])]));
  }
  for (let i = seg.from; i < seg.to; i += 1) {
    const pos = run.positions[i]!;
    const offset = pos.xOffset !== 0 || pos.yOffset !== 0;
    if (offset || moveNext) {
      flush();
      ops.push(setTextMatrix(1, 0, 0, 1, at.x + (at.pens[i]! + pos.xOffset) * at.k, at.y + pos.yOffset * at.k));
    }
    items.push(PDFHexString.of(ids[i]!));
    // TJ moves on by the glyph's own width; kerning and joins need the difference.
    const extra = pos.xAdvance - run.glyphs[i]!.advanceWidth;
    if (extra !== 0 && !offset) items.push((-extra * 1000) / face.kit.unitsPerEm);
    moveNext = offset;
  }
  flush();
  return ops;
}

/**
 * Draws one line glyph by glyph at fontkit's positions: pdf-lib's drawText ignores
 * them, which leaves Naskh's dots and marks (separate glyphs placed by GPOS) floating
 * out of place. Returns the width drawn.
 */
export function drawLine(page: PDFPage, face: Face, text: string, p: Place): number {
  assertCovered(face, text);
  assertOneDirection(text);
  const run = face.kit.layout(text);
  const ids = face.pdf.encodeText(text).asString().match(/.{4}/g) ?? [];
  if (ids.length !== run.glyphs.length) throw new Error(`Glyph count mismatch while drawing "${text}"`);
  const k = p.size / face.kit.unitsPerEm;
  const width = run.advanceWidth * k;
  const x = p.align === "center" ? p.x - width / 2 : p.align === "right" ? p.x - width : p.x;
  const anchor =
    run.direction === "rtl" && face.kit.hasGlyphForCodePoint(32) ? face.pdf.encodeText(" ").asString() : null;
  const pens: number[] = [];
  run.positions.reduce((pen, pos) => (pens.push(pen), pen + pos.xAdvance), 0);
  const ops = [pushGraphicsState(), setFillingColor(p.color ?? INK), beginText(), setFontAndSize(face.key, p.size)];
  for (const seg of segments(run, text)) {
    // A raw operand: pdf-lib's operator type does not list dictionaries, though BDC takes one.
    const span = seg.text === null ? null : `<< /ActualText ${PDFHexString.fromText(seg.text).toString()} >>`;
    if (span) ops.push(PDFOperator.of(Ops.BeginMarkedContentSequence, [PDFName.of("Span"), span]));
    ops.push(...glyphOps(page, face, run, ids, seg, { x, y: p.y, k, pens, anchor }));
    if (span) ops.push(endMarkedContent());
  }
  page.pushOperators(...ops, endText(), popGraphicsState());
  return width;
}

export async function embedFaces(
  doc: PDFDocument,
  page: PDFPage,
  native: FontKey | null,
  seed: string,
): Promise<Faces> {
  doc.registerFontkit(cachingFontkit as unknown as Parameters<PDFDocument["registerFontkit"]>[0]);
  const face = async (key: FontKey): Promise<Face> => {
    const bytes = await loadFont(key);
    const kit = cachingFontkit.create(bytes);
    const pdf = await doc.embedFont(bytes, {
      subset: true,
      customName: `${subsetTag(key + seed)}+${kit.postscriptName}`,
    });
    return { pdf, kit, key: page.node.newFontDictionary(pdf.name, pdf.ref), label: kit.postscriptName };
  };
  const [regular, bold, italic] = await Promise.all([face("regular"), face("bold"), face("italic")]);
  // Greek and Cyrillic names use the serif already embedded; only Han and Arabic add a font.
  const nativeFace = native === null ? null : native === "regular" ? regular : await face(native);
  return { regular, bold, italic, native: nativeFace, nativeKey: native };
}
