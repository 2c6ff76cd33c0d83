import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES } from "@/lib/domain/profile";
import { renderReportPdf } from "@/lib/reports/report-pdf";
import { MAP, MAP_SHADES, worldPaths } from "@/lib/reports/world-map";

/** The report's first page with a map of `counts`, drawn by poppler: its text and how many pixels have the darkest shade. */
async function mapPage(counts: Record<string, number>) {
  const pdf = await renderReportPdf({
    meta: {
      title: "Report",
      author: "BTBU",
      subject: "STI",
      footer: "Report",
      pageLabel: (p, n) => `Page ${p} of ${n}`,
    },
    programme: "STI Policy",
    title: "Programme report",
    details: [],
    intro: "Figures.",
    parts: [{ title: "Participants by country", map: { counts, legendTitle: "People per country:" } }],
  });
  const dir = mkdtempSync(path.join(tmpdir(), "report-map-"));
  try {
    writeFileSync(path.join(dir, "report.pdf"), pdf);
    execFileSync("pdftoppm", [
      "-r",
      "50",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      path.join(dir, "report.pdf"),
      path.join(dir, "page"),
    ]);
    // A binary PPM: "P6\n<width> <height>\n255\n", then RGB bytes.
    const ppm = readFileSync(path.join(dir, "page.ppm"));
    const header = ppm
      .subarray(0, 20)
      .toString("latin1")
      .match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
    const pixels = ppm.subarray(header[0].length);
    const dark = [1, 3, 5].map((i) => parseInt(MAP_SHADES[3].slice(i, i + 2), 16));
    let darkest = 0;
    for (let i = 0; i < pixels.length; i += 3)
      if (dark.every((c, k) => Math.abs(pixels[i + k]! - c) <= 2)) darkest += 1;
    const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", path.join(dir, "report.pdf"), "-"], {
      encoding: "utf8",
    });
    return { darkest, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the report's world map", () => {
  const paths = worldPaths();
  const byCode = new Map(paths.map((p) => [p.code, p.d]));

  it("outlines the programme's countries, each once, keyed as profiles store them", () => {
    for (const code of ["CN", "PK", "IR", "AZ", "KZ", "UZ", "TR", "AF", "TJ", "KG", "TM", "RS", "BD"])
      expect(byCode.get(code), code).toMatch(/^M[\d.-]/);
    expect(new Set(paths.map((p) => p.code)).size).toBe(paths.length);
    expect(paths.length).toBeGreaterThan(150);
    const known = new Set<string>(COUNTRY_CODES);
    expect(paths.filter((p) => !known.has(p.code)).map((p) => p.code)).toEqual([]);
  });

  it("draws inside the map's box", () => {
    const numbers = paths.flatMap((p) => p.d.match(/-?\d+(\.\d+)?/g)!.map(Number));
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(MAP.width + 1);
  });

  it("is drawn in the PDF report, each country in its shade, with the legend", async () => {
    const china = await mapPage({ CN: 12, PK: 1 });
    const pakistan = await mapPage({ PK: 12, CN: 1 });
    // China is about ten times Pakistan's area on the map: the darkest shade follows the country.
    expect(pakistan.darkest).toBeGreaterThan(20);
    expect(china.darkest).toBeGreaterThan(pakistan.darkest * 5);
    expect(china.text).toContain("People per country:");
    expect(china.text).toMatch(/10–12/);
    const none = await mapPage({});
    expect(none.darkest).toBe(0);
    expect(none.text).not.toContain("People per country:");
  });

  it("is worked out once", () => {
    expect(worldPaths()).toBe(paths);
  });
});
