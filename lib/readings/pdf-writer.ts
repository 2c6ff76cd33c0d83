// The page machinery of the reading PDF: a cursor down A4 pages, line breaking of styled
// runs, and drawing a line's runs (a word wider than the line is cut between characters).
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";
import type { Run, RunStyle } from "./blocks";

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { left: 62, right: 62, top: 64, bottom: 72 };
export const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.33, 0.33, 0.37);
export const LINE = rgb(0.7, 0.7, 0.72);
export const BODY = 10.5;
// Characters the serif lacks, written the way a typewriter would.
const SUBSTITUTES: Record<string, string> = { "→": "->", "←": "<-", "≈": "~", "≥": ">=", "≤": "<=", "\u00a0": " " };

export type Fonts = Record<RunStyle, PDFFont>;
type Piece = { text: string; style: RunStyle; width: number; space: number };
export type TextStyle = { size: number; leading: number; color?: ReturnType<typeof rgb> };

export class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly covered: (ch: string) => boolean,
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN.top;
  }

  /** Room for `height` more points on this page, or a new page. */
  ensure(height: number) {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  clean(text: string): string {
    return [...text.normalize("NFC")].map((ch) => SUBSTITUTES[ch] ?? (this.covered(ch) ? ch : "?")).join("");
  }

  /** The width of the widest word of these runs: the narrowest they can be set without cutting a word. */
  widestWord(runs: Run[], size: number): number {
    let widest = 0;
    for (const run of runs) {
      for (const word of this.clean(run.text).split(/\s+/)) {
        if (word) widest = Math.max(widest, this.fonts[run.style].widthOfTextAtSize(word, size));
      }
    }
    return widest;
  }

  /** Runs broken into lines no wider than `width` (a word wider than a line is cut). */
  lines(runs: Run[], size: number, width: number): Piece[][] {
    const lines: Piece[][] = [[]];
    let used = 0;
    let pendingSpace = false;
    for (const run of runs) {
      const font = this.fonts[run.style];
      const space = font.widthOfTextAtSize(" ", size);
      for (const part of this.clean(run.text).split(/( +|\n)/)) {
        if (part === "\n") {
          lines.push([]);
          used = 0;
          pendingSpace = false;
          continue;
        }
        if (/^ +$/.test(part) || part === "") {
          if (part) pendingSpace = true;
          continue;
        }
        let word = part;
        let w = font.widthOfTextAtSize(word, size);
        const line = lines[lines.length - 1]!;
        const gap = pendingSpace && line.length > 0 ? space : 0;
        if (line.length > 0 && used + gap + w > width) {
          lines.push([]);
          used = 0;
        }
        while (w > width && [...word].length > 1) {
          const chars = [...word];
          let n = chars.length - 1;
          while (n > 1 && font.widthOfTextAtSize(chars.slice(0, n).join(""), size) > width) n -= 1;
          lines[lines.length - 1]!.push({ text: chars.slice(0, n).join(""), style: run.style, width: w, space: 0 });
          lines.push([]);
          word = chars.slice(n).join("");
          w = font.widthOfTextAtSize(word, size);
        }
        const current = lines[lines.length - 1]!;
        const before = pendingSpace && current.length > 0 ? space : 0;
        current.push({ text: word, style: run.style, width: w, space: before });
        used += before + w;
        pendingSpace = false;
      }
    }
    return lines.filter((l, i) => l.length > 0 || i < lines.length - 1);
  }

  /** Wrapped text from the cursor down; returns the number of lines drawn. */
  text(runs: Run[], style: TextStyle, x = MARGIN.left, width = WIDTH): number {
    const lines = this.lines(runs, style.size, width);
    for (const line of lines) {
      this.ensure(style.leading);
      this.y -= style.leading;
      this.drawLine(line, x, this.y + (style.leading - style.size) * 0.55, style);
    }
    return lines.length;
  }

  /** One line of pieces: a piece and the following ones of the same style are drawn as one string. */
  drawLine(line: Piece[], x: number, baseline: number, style: TextStyle) {
    let pen = x;
    let i = 0;
    while (i < line.length) {
      const first = line[i]!;
      pen += first.space;
      let text = first.text;
      let width = first.width;
      let j = i + 1;
      while (j < line.length && line[j]!.style === first.style) {
        text += (line[j]!.space ? " " : "") + line[j]!.text;
        width += line[j]!.space + line[j]!.width;
        j += 1;
      }
      this.page.drawText(text, {
        x: pen,
        y: baseline,
        size: style.size,
        font: this.fonts[first.style],
        color: style.color ?? INK,
      });
      pen += width;
      i = j;
    }
  }

  gap(points: number) {
    this.y -= points;
  }

  rule(x1 = MARGIN.left, x2 = MARGIN.left + WIDTH) {
    this.page.drawLine({ start: { x: x1, y: this.y }, end: { x: x2, y: this.y }, thickness: 0.5, color: LINE });
  }
}
