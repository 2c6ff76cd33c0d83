// Each lecture's printable reading as a reader sees it, checked with poppler's tools
// (pdfinfo, pdffonts, pdftotext) rather than with the library that wrote it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listLectures } from "@/lib/content";
import { readingPdf, readingPdfPath, readingVersion, type ReadingLabels } from "@/lib/readings";
import { markdownBlocks } from "@/lib/readings/blocks";
import { renderReadingPdf } from "@/lib/readings/pdf";

const labels = (number: number, speaker: string): ReadingLabels => ({
  kicker: `Lecture ${number}`,
  speaker: `Speaker: ${speaker}`,
  source: "Read online: http://localhost:3000/lectures/x",
  objectivesTitle: "Learning objectives",
  keyFiguresTitle: "Key figures at a glance",
  keyFiguresHeader: ["Figure", "Value", "Note"],
  pageLabel: (page, total) => `Page ${page} of ${total}`,
  footer: `Lecture ${number} · ${speaker}`,
  takeawaysTitle: "Key takeaways",
  glossaryTitle: "Glossary",
  furtherReadingTitle: "Further reading",
  origin: "https://training.example.org",
});

let dir: string;
const file = (name: string) => path.join(dir, `${name}.pdf`);
const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: "utf8" });
const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const lectures = listLectures();
const sizes = new Map<string, number>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "reading-pdf-"));
  for (const l of lectures) {
    const pdf = await readingPdf(l.slug, labels(l.number, l.meta.speaker.name), "test");
    writeFileSync(file(l.slug), pdf!);
    sizes.set(l.slug, pdf!.length);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the reading PDF of each lecture", () => {
  it.each(lectures.map((l) => [l.slug, l] as const))("%s: A4 pages, numbered, titled", (slug, l) => {
    const info = run("pdfinfo", file(slug));
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info).toMatch(new RegExp(`^Title:\\s+${l.meta.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    const text = run("pdftotext", "-layout", file(slug), "-");
    for (let page = 1; page <= pages; page += 1) expect(text).toContain(`Page ${page} of ${pages}`);
  });

  it.each(lectures.map((l) => [l.slug, l] as const))(
    "%s: has the title, speaker, objectives, key figures and every section",
    (slug, l) => {
      // -raw: in the order drawn, so a table cell's lines stay together.
      const text = squash(run("pdftotext", "-raw", file(slug), "-"));
      expect(text).toContain(squash(l.meta.title));
      expect(text).toContain(`Speaker: ${l.meta.speaker.name}`);
      for (const o of l.meta.objectives) expect(text).toContain(squash(o));
      for (const f of l.meta.keyFigures) expect(text).toContain(f.value.replace("→", "->"));
      for (const s of l.sections) {
        expect(text).toContain(s.title);
        // The section's words, in order (the PDF hyphenates nothing and drops no text).
        const words = s.text.split(" ").filter((w) => /^[A-Za-z]{4,}$/.test(w));
        let at = 0;
        for (const w of words) {
          const found = text.indexOf(w, at);
          expect(found, `"${w}" of ${s.id}`).toBeGreaterThanOrEqual(0);
          at = found;
        }
      }
      // What the page shows after the sections: the recap, the glossary and the readings.
      expect(text.indexOf("Key takeaways")).toBeGreaterThan(text.indexOf(l.sections.at(-1)!.title));
      for (const line of l.meta.takeaways) expect(text).toContain(squash(line).slice(0, 40));
      for (const g of l.meta.glossary)
        expect(text).toContain(`${squash(g.term)}: ${squash(g.definition).slice(0, 30)}`);
      for (const r of l.meta.furtherReading ?? []) expect(text).toContain(squash(r.title).slice(0, 40));
    },
  );

  it.each(lectures.map((l) => [l.slug] as const))("%s: is small, with subsets of the serif only", (slug) => {
    expect(sizes.get(slug)).toBeLessThan(150_000);
    const rows = run("pdffonts", file(slug)).trim().split("\n").slice(2);
    expect(rows.map((r) => r.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "NotoSerif-Bold",
      "NotoSerif-Italic",
      "NotoSerif-Regular",
    ]);
  });

  it("writes a character the font lacks as plain text", async () => {
    const pdf = await renderReadingPdf({
      ...labels(9, "Dr. Example"),
      programme: "Programme",
      title: "Budget items",
      summary: "Summary.",
      objectives: ["One objective."],
      keyFigures: [{ label: "Budget items", value: "9 → 3", note: "Fewer items." }],
      sections: [{ title: "Context", blocks: markdownBlocks("Nine became three.") }],
    });
    writeFileSync(file("arrow"), pdf);
    expect(run("pdftotext", file("arrow"), "-")).toContain("9 -> 3");
  });

  it("is addressed by a content version: the same content, the same address", () => {
    const l = lectures[0]!;
    expect(readingVersion(l.slug)).toMatch(/^[\w-]{16}$/);
    expect(readingPdfPath(l.slug)).toBe(`/api/lectures/${l.slug}/pdf?v=${readingVersion(l.slug)}`);
    expect(new Set(lectures.map((x) => readingVersion(x.slug))).size).toBe(lectures.length);
    expect(readingVersion("no-such-lecture")).toBeUndefined();
  });
});

describe("renderReadingPdf", () => {
  it("lays out headings, lists, tables, quotes and links as text", async () => {
    const pdf = await renderReadingPdf({
      ...labels(9, "Dr. Example"),
      programme: "Programme",
      title: "A test reading",
      summary: "Summary.",
      objectives: ["One objective."],
      keyFigures: [{ label: "A figure", value: "42", note: "A note." }],
      sections: [
        {
          title: "Context",
          blocks: markdownBlocks(
            [
              "### A sub-heading",
              "A paragraph with **bold**, _italic_ and [the source](https://example.org/report.pdf).",
              "1. first step\n2. second step\n   - a nested point",
              "| Country | Parks |\n|---|---|\n| Iran | 43 |\n| Pakistan | 12 |",
              "> A quoted remark.",
              "| Year | Employees of the tenant firms of the park | Average sales per tenant firm (billion won) |\n|---|---|---|\n| 2012 | 13,430 | 4.8 |",
              "See [lecture 4](/lectures/iran-sti-science-parks#context).",
            ].join("\n\n"),
            "https://training.example.org",
          ),
        },
      ],
    });
    writeFileSync(file("synthetic"), pdf);
    const text = run("pdftotext", "-layout", file("synthetic"), "-");
    expect(text).toContain("A sub-heading");
    expect(squash(text)).toContain("A paragraph with bold, italic and the source (https://example.org/report.pdf).");
    expect(text).toMatch(/1\.\s+first step/);
    expect(text).toMatch(/2\.\s+second step/);
    expect(text).toMatch(/•\s+a nested point/);
    expect(text).toMatch(/Country\s+Parks/);
    expect(text).toMatch(/Iran\s+43/);
    expect(text).toMatch(/Pakistan\s+12/);
    expect(text).toContain("A quoted remark.");
    // A narrow column keeps its words whole beside wide ones.
    expect(run("pdftotext", "-raw", file("synthetic"), "-")).toMatch(/^Year Employees/m);
    expect(text).toMatch(/2012\s+13,430\s+4\.8/);
    // A link to another page of the site, printed with the site's address.
    expect(squash(text)).toContain(
      "See lecture 4 (https://training.example.org/lectures/iran-sti-science-parks#context).",
    );
    expect(text).toContain("Page 1 of 1");
  });
});
