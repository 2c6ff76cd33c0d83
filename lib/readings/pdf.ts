// A lecture's reading as a printable A4 PDF, for participants who read offline or on a
// poor connection: the title and speaker, objectives, key figures and the five sections,
// with page numbers. Text is real text (searchable, copyable), in subsets of Noto Serif
// shared with the certificates, so a reading weighs tens of kilobytes.
import { PDFDocument } from "pdf-lib";
import { cachingFontkit, loadFont, subsetTag, type FontKey } from "@/lib/certificates/pdf-text";
import type { Block, Run, RunStyle } from "./blocks";
import { BODY, INK, LINE, MARGIN, MUTED, PAGE, WIDTH, Writer } from "./pdf-writer";

export type ReadingPdfInput = {
  /** Printed above the title, e.g. "4th BTBU-ECOSF Joint Training Program". */
  programme: string;
  /** e.g. "Lecture 3" */
  kicker: string;
  title: string;
  /** e.g. "Speaker: Dr. Bi Liangliang, Associate Researcher, CASTED" */
  speaker: string;
  summary: string;
  /** e.g. "Online: https://example.org/lectures/slug" */
  source: string;
  objectivesTitle: string;
  objectives: string[];
  keyFiguresTitle: string;
  keyFiguresHeader: [string, string, string];
  keyFigures: { label: string; value: string; note: string }[];
  sections: { title: string; blocks: Block[] }[];
  /** The footer, e.g. (n, total) => "Page 2 of 7". */
  pageLabel: (page: number, total: number) => string;
  /** Short text beside the page number on every page. */
  footer: string;
};

const FACES: Record<RunStyle, FontKey> = { regular: "regular", bold: "bold", italic: "italic" };

export const plain = (text: string, style: RunStyle = "regular"): Run[] => [{ text, style }];

function drawBlocks(w: Writer, blocks: Block[], x: number, width: number) {
  for (const block of blocks) {
    switch (block.kind) {
      case "heading": {
        const size = block.level <= 2 ? 15 : block.level === 3 ? 12.5 : 11;
        // Keep a heading with at least two lines of what follows.
        w.ensure(size * 1.4 + BODY * 1.5 * 2 + 10);
        w.gap(block.level <= 2 ? 12 : 8);
        w.text(
          block.runs.map((r) => ({ ...r, style: "bold" })),
          { size, leading: size * 1.3 },
          x,
          width,
        );
        w.gap(3);
        break;
      }
      case "paragraph":
        w.text(block.runs, { size: BODY, leading: BODY * 1.5 }, x, width);
        w.gap(6);
        break;
      case "list":
        block.items.forEach((item, i) => {
          const marker = block.ordered ? `${block.start + i}.` : "•";
          w.ensure(BODY * 1.5);
          const top = w.y;
          const page = w.page;
          const indent = block.ordered ? 20 : 14;
          drawBlocks(w, item, x + indent, width - indent);
          // The marker sits on the item's first line, on the page where that line is.
          page.drawText(marker, {
            x: x + 2,
            y: top - BODY * 1.5 + BODY * 0.275,
            size: BODY,
            font: w.fonts.regular,
            color: INK,
          });
        });
        w.gap(2);
        break;
      case "table":
        drawTable(w, block.header, block.rows, x, width);
        break;
      case "quote": {
        const top = w.y;
        const page = w.page;
        drawBlocks(
          w,
          block.blocks.map((b) =>
            b.kind === "paragraph" ? { ...b, runs: b.runs.map((r) => ({ ...r, style: "italic" })) } : b,
          ),
          x + 14,
          width - 14,
        );
        if (page === w.page) {
          page.drawLine({
            start: { x: x + 3, y: top - 2 },
            end: { x: x + 3, y: w.y + 6 },
            thickness: 1.5,
            color: LINE,
          });
        }
        break;
      }
      case "code":
        w.text(
          plain(block.text.replace(/\n/g, "\n")),
          { size: BODY - 1, leading: (BODY - 1) * 1.4, color: MUTED },
          x + 10,
          width - 10,
        );
        w.gap(6);
        break;
      case "rule":
        w.gap(6);
        w.rule(x, x + width);
        w.gap(8);
        break;
    }
  }
}

/**
 * A ruled table. Each column is at least as wide as its widest word (so that no year or
 * figure is cut in two) where the page allows; the rest of the width is shared by the
 * length of the columns' text. A row never splits across pages.
 */
function drawTable(w: Writer, header: Run[][], rows: Run[][][], x: number, width: number) {
  const size = BODY - 1;
  const leading = size * 1.35;
  const pad = 4;
  const columns = header.length;
  const cellsOf = (c: number) => [header, ...rows].map((r) => r[c] ?? []);
  const weight = (c: number) =>
    Math.max(
      4,
      ...cellsOf(c).map((cell) =>
        Math.min(
          60,
          cell.reduce((n, run) => n + run.text.length, 0),
        ),
      ),
    );
  const least = Array.from(
    { length: columns },
    (_, c) =>
      Math.max(
        ...cellsOf(c).map((cell, i) =>
          w.widestWord(i === 0 ? cell.map((r) => ({ ...r, style: "bold" as const })) : cell, size),
        ),
      ) +
      2 * pad,
  );
  const floor = least.reduce((a, b) => a + b, 0);
  const weights = Array.from({ length: columns }, (_, c) => weight(c));
  const total = weights.reduce((a, b) => a + b, 0);
  // Too many wide words for the page: share by length alone (a word may be cut, as before).
  const widths =
    floor >= width
      ? weights.map((wt) => (width * wt) / total)
      : weights.map((wt, c) => least[c]! + ((width - floor) * wt) / total);
  const drawRow = (cells: Run[][], bold: boolean) => {
    const wrapped = widths.map((cw, c) =>
      w.lines(
        (cells[c] ?? []).map((r) => (bold ? { ...r, style: "bold" as const } : r)),
        size,
        cw - 2 * pad,
      ),
    );
    const height = Math.max(1, ...wrapped.map((l) => l.length)) * leading + 2 * pad;
    w.ensure(height);
    let cx = x;
    wrapped.forEach((lines, c) => {
      lines.forEach((line, i) =>
        w.drawLine(line, cx + pad, w.y - pad - (i + 1) * leading + (leading - size) * 0.55, { size, leading }),
      );
      cx += widths[c]!;
    });
    w.y -= height;
    w.rule(x, x + width);
  };
  w.gap(2);
  w.rule(x, x + width);
  drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  w.gap(10);
}

function drawOpening(w: Writer, input: ReadingPdfInput) {
  w.text(plain(input.programme), { size: 9, leading: 12, color: MUTED });
  w.gap(10);
  w.text(plain(input.kicker.toUpperCase(), "bold"), { size: 10, leading: 13, color: MUTED });
  w.gap(2);
  w.text(plain(input.title, "bold"), { size: 19, leading: 24 });
  w.gap(6);
  w.text(plain(input.speaker), { size: 11, leading: 15 });
  w.text(plain(input.source), { size: 9, leading: 13, color: MUTED });
  w.gap(10);
  w.text(plain(input.summary, "italic"), { size: BODY, leading: BODY * 1.5 });
  w.gap(8);
  drawBlocks(w, [{ kind: "heading", level: 2, runs: plain(input.objectivesTitle) }], MARGIN.left, WIDTH);
  drawBlocks(
    w,
    [
      {
        kind: "list",
        ordered: false,
        start: 1,
        items: input.objectives.map((o) => [{ kind: "paragraph", runs: plain(o) }]),
      },
    ],
    MARGIN.left,
    WIDTH,
  );
  drawBlocks(w, [{ kind: "heading", level: 2, runs: plain(input.keyFiguresTitle) }], MARGIN.left, WIDTH);
  drawTable(
    w,
    input.keyFiguresHeader.map((h) => plain(h)),
    input.keyFigures.map((f) => [plain(f.label), plain(f.value, "bold"), plain(f.note)]),
    MARGIN.left,
    WIDTH,
  );
}

export type PdfMeta = {
  title: string;
  author: string;
  subject: string;
  /** Short text beside the page number on every page. */
  footer: string;
  /** The footer's page number, e.g. (n, total) => "Page 2 of 7". */
  pageLabel: (page: number, total: number) => string;
};

/**
 * An A4 document in the readings' type and page layout: `draw` writes its content with the
 * writer (and the readings' block renderer); every page then gets the footer and its number.
 */
export async function renderPdf(
  meta: PdfMeta,
  draw: (w: Writer, blocks: (blocks: Block[]) => void) => void,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachingFontkit as unknown as Parameters<PDFDocument["registerFontkit"]>[0]);
  const embed = async (style: RunStyle) => {
    const bytes = await loadFont(FACES[style]);
    const kit = cachingFontkit.create(bytes);
    return doc.embedFont(bytes, {
      subset: true,
      customName: `${subsetTag(style + meta.title)}+${kit.postscriptName}`,
    });
  };
  const [regular, bold, italic] = await Promise.all([embed("regular"), embed("bold"), embed("italic")]);
  const kit = cachingFontkit.create(await loadFont("regular"));
  const w = new Writer(doc, { regular, bold, italic }, (ch) => kit.hasGlyphForCodePoint(ch.codePointAt(0)!));
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setLanguage("en");
  doc.setCreator("STI training LMS");
  draw(w, (blocks) => drawBlocks(w, blocks, MARGIN.left, WIDTH));
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const label = w.clean(meta.pageLabel(i + 1, pages.length));
    const size = 8.5;
    page.drawLine({
      start: { x: MARGIN.left, y: MARGIN.bottom - 26 },
      end: { x: PAGE.width - MARGIN.right, y: MARGIN.bottom - 26 },
      thickness: 0.5,
      color: LINE,
    });
    const footer = w.lines(plain(meta.footer), size, WIDTH - 90)[0] ?? [];
    w.page = page;
    w.drawLine(footer, MARGIN.left, MARGIN.bottom - 40, { size, leading: size, color: MUTED });
    page.drawText(label, {
      x: PAGE.width - MARGIN.right - regular.widthOfTextAtSize(label, size),
      y: MARGIN.bottom - 40,
      size,
      font: regular,
      color: MUTED,
    });
  });
  return doc.save();
}

export function renderReadingPdf(input: ReadingPdfInput): Promise<Uint8Array> {
  const meta = {
    title: input.title,
    author: input.speaker,
    subject: input.programme,
    footer: input.footer,
    pageLabel: input.pageLabel,
  };
  return renderPdf(meta, (w, blocks) => {
    drawOpening(w, input);
    for (const section of input.sections)
      blocks([{ kind: "heading", level: 2, runs: plain(section.title) }, ...section.blocks]);
  });
}
