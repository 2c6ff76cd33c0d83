// The programme report as a printable A4 PDF, in the readings' type and page layout: the
// programme and its organisers first (as the source report opens), then each part of the
// report with its chart, drawn as vector bars, and its table, which is the chart's text.
import { scaleLinear } from "d3-scale";
import { rgb } from "pdf-lib";
import { bucketOf, buckets, type BarSeries } from "@/lib/domain/programme-report";
import type { Block, Run } from "@/lib/readings/blocks";
import { plain, renderPdf, type PdfMeta } from "@/lib/readings/pdf";
import { BODY, INK, MARGIN, MUTED, WIDTH, type Writer } from "@/lib/readings/pdf-writer";
import { MAP, MAP_NONE, MAP_SHADES, worldPaths } from "./world-map";

export type PdfChart = { rows: { label: string; values: Record<string, number> }[]; series: BarSeries[] };
/** People per country (ISO 3166-1 alpha-2), drawn as the page's world map, with its legend's title. */
export type PdfMap = { counts: Record<string, number>; legendTitle: string };
export type ReportPdfPart = {
  title: string;
  note?: string;
  map?: PdfMap;
  chart?: PdfChart;
  table?: { header: string[]; rows: string[][] };
};
export type ReportPdfInput = {
  meta: PdfMeta;
  /** Printed above the title: the programme's name. */
  programme: string;
  title: string;
  /** Lines under the title: organisers, cohort and dates, when the figures were read. */
  details: string[];
  intro: string;
  parts: ReportPdfPart[];
};

const LABEL = 150;
const ROW = 14;
const BAR = 9;

const colour = (hex: string) =>
  rgb(parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255);

const cells = (texts: string[]): Run[][] => texts.map((t) => plain(t));

export function renderReportPdf(input: ReportPdfInput): Promise<Uint8Array> {
  return renderPdf(input.meta, (w, blocks) => {
    w.text(plain(input.programme), { size: 9.5, leading: 13, color: MUTED });
    w.gap(4);
    w.text(plain(input.title, "bold"), { size: 22, leading: 27 });
    w.gap(4);
    for (const line of input.details) w.text(plain(line), { size: BODY, leading: BODY * 1.45, color: MUTED });
    w.gap(8);
    w.rule();
    w.gap(10);
    blocks([{ kind: "paragraph", runs: plain(input.intro) }]);
    for (const part of input.parts) {
      const content: Block[] = [{ kind: "heading", level: 2, runs: plain(part.title) }];
      if (part.note) content.push({ kind: "paragraph", runs: plain(part.note) });
      blocks(content);
      if (part.map && Object.keys(part.map.counts).length > 0) drawMap(w, part.map);
      if (part.chart && part.chart.rows.length > 0) drawChart(w, part.chart);
      if (part.table && part.table.rows.length > 0)
        blocks([{ kind: "table", header: cells(part.table.header), rows: part.table.rows.map(cells) }]);
    }
  });
}

/** The world map of the report page, as vector outlines across the text width, and its legend. */
function drawMap(w: Writer, map: PdfMap) {
  const scale = WIDTH / MAP.width;
  const size = BODY - 1.5;
  const ranges = buckets(Math.max(0, ...Object.values(map.counts)));
  w.gap(4);
  w.ensure(MAP.height * scale + ROW + 6);
  const top = w.y;
  for (const { code, d } of worldPaths()) {
    const shade = bucketOf(map.counts[code] ?? 0, ranges);
    // SVG's y runs down from the top; drawSvgPath places the path's origin at (x, y).
    w.page.drawSvgPath(d, {
      x: MARGIN.left,
      y: top,
      scale,
      color: colour(shade < 0 ? MAP_NONE : MAP_SHADES[shade]!),
      borderColor: rgb(1, 1, 1),
      borderWidth: 0.5,
    });
  }
  w.gap(MAP.height * scale + 6);
  let left = MARGIN.left;
  const legend = w.clean(map.legendTitle);
  w.page.drawText(legend, { x: left, y: w.y - BAR + 1, size, font: w.fonts.regular, color: INK });
  left += w.fonts.regular.widthOfTextAtSize(legend, size) + 10;
  ranges.forEach((r, i) => {
    w.page.drawRectangle({ x: left, y: w.y - BAR, width: BAR, height: BAR, color: colour(MAP_SHADES[i]!) });
    const text = r.from === r.to ? String(r.from) : `${r.from}–${r.to}`;
    w.page.drawText(text, { x: left + BAR + 4, y: w.y - BAR + 1, size, font: w.fonts.regular, color: INK });
    left += BAR + 14 + w.fonts.regular.widthOfTextAtSize(text, size);
  });
  w.gap(ROW + 6);
}

/** Horizontal bars, stacked by series, with each row's total at its end and a legend below. */
function drawChart(w: Writer, chart: PdfChart) {
  const size = BODY - 1.5;
  const totals = chart.rows.map((r) => chart.series.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...totals)])
    .range([MARGIN.left + LABEL, MARGIN.left + WIDTH - 30]);
  w.gap(4);
  chart.rows.forEach((row, i) => {
    w.ensure(ROW);
    const top = w.y;
    const label = w.clean(row.label.length > 30 ? `${row.label.slice(0, 29)}...` : row.label);
    const labelWidth = w.fonts.regular.widthOfTextAtSize(label, size);
    w.page.drawText(label, {
      x: MARGIN.left + LABEL - 6 - labelWidth,
      y: top - BAR + 1,
      size,
      font: w.fonts.regular,
      color: INK,
    });
    let from = 0;
    for (const s of chart.series) {
      const value = row.values[s.key] ?? 0;
      if (value === 0) continue;
      w.page.drawRectangle({
        x: x(from),
        y: top - BAR,
        width: x(from + value) - x(from),
        height: BAR,
        color: colour(s.color),
      });
      from += value;
    }
    w.page.drawText(String(totals[i]), {
      x: x(totals[i]!) + 4,
      y: top - BAR + 1,
      size,
      font: w.fonts.regular,
      color: INK,
    });
    w.gap(ROW);
  });
  if (chart.series.length > 1) {
    w.ensure(ROW);
    let left = MARGIN.left + LABEL;
    for (const s of chart.series) {
      w.page.drawRectangle({ x: left, y: w.y - BAR, width: BAR, height: BAR, color: colour(s.color) });
      const text = w.clean(s.label);
      w.page.drawText(text, { x: left + BAR + 4, y: w.y - BAR + 1, size, font: w.fonts.regular, color: INK });
      left += BAR + 14 + w.fonts.regular.widthOfTextAtSize(text, size);
    }
    w.gap(ROW);
  }
  w.gap(6);
}
