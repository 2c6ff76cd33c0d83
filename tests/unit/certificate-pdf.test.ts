// The certificate PDF as a reader sees it, checked with poppler's own tools (pdfinfo,
// pdffonts, pdftotext, pdftoppm) rather than with the library that wrote it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as fontkitModule from "@pdf-lib/fontkit";
import { unzipSync } from "fflate";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCertificatePdf, type CertificatePdfInput } from "@/lib/certificates/pdf";
import { closePdfPool } from "@/lib/certificates/pdf-pool";
import { certificatesZip } from "@/lib/certificates/zip";
import { SAMPLE_CERTIFICATE, SAMPLE_NAMES } from "../support/certificate-fixture";

const base = SAMPLE_CERTIFICATE;

/** An SVG drawn to PNG, as a template's images are stored. */
async function pngOf(svg: string) {
  const { data, info } = await sharp(Buffer.from(svg)).png().toBuffer({ resolveWithObject: true });
  return { png: new Uint8Array(data), width: info.width, height: info.height };
}
const box = (w: number, h: number, fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${fill}"/></svg>`;
const signature = await pngOf(
  `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="90"><path d="M10 70 C 60 10, 90 90, 140 40" stroke="#1a237e" stroke-width="5" fill="none"/></svg>`,
);
// A cohort's own template: other words and colours, three logos, three signatories (one without a signature).
const branded: CertificatePdfInput = {
  ...base,
  template: {
    title: "Certificate of Participation",
    intro: "We are pleased to certify that",
    body: "took part in every lecture of the 4th BTBU-ECOSF Joint Training Program",
    colour: "#5b1a3a",
    accent: "#2a7f62",
    organisers: ["Beijing Technology and Business University", "ECO Science Foundation"],
    logos: [
      await pngOf(box(300, 120, "#1b4d89")),
      await pngOf(box(200, 200, "#2a7f62")),
      await pngOf(box(400, 100, "#aa3333")),
    ],
    signatories: [
      { name: "Prof. Sun Baowen", title: "President, Beijing Technology and Business University", signature },
      { name: "Prof. Manzoor Hussain Soomro", title: "President, ECO Science Foundation", signature },
      { name: "Dr. Liu Ying", title: "Director, Joint Training Center", signature: null },
    ],
  },
};

const SERIF = ["NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-Regular"];
const samples: Record<string, { input: CertificatePdfInput; fonts: string[] }> = {
  latin: { input: base, fonts: SERIF },
  chinese: { input: { ...base, ...SAMPLE_NAMES.chinese }, fonts: [...SERIF, "NotoSansSC-Regular"] },
  persian: { input: { ...base, ...SAMPLE_NAMES.persian }, fonts: [...SERIF, "NotoNaskhArabic-Regular"] },
  // ز and ر share one dotless skeleton glyph; the non-joiner must survive extraction.
  persianZwnj: {
    input: { ...base, name: "Zahra Hosseinzadeh", nativeName: "زهرا حسین‌زاده" },
    fonts: [...SERIF, "NotoNaskhArabic-Regular"],
  },
  // Urdu in Nastaliq: by its letters (ہ), or by the holder's country when the letters are
  // shared with Persian; Persian letters from Iran stay in Naskh.
  urdu: { input: { ...base, ...SAMPLE_NAMES.urdu }, fonts: [...SERIF, "NotoNastaliqUrdu-Regular"] },
  urduByCountry: {
    input: { ...base, name: "Muhammad Ali Jinnah", nativeName: "محمد علی جناح", country: "PK" },
    fonts: [...SERIF, "NotoNastaliqUrdu-Regular"],
  },
  sameLettersFromIran: {
    input: { ...base, name: "Muhammad Ali", nativeName: "محمد علی", country: "IR" },
    fonts: [...SERIF, "NotoNaskhArabic-Regular"],
  },
  urduLong: {
    input: {
      ...base,
      name: "Chaudhry Muhammad Zafarullah Khan",
      nativeName: "چوہدری محمد ظفر اللہ خان صاحب بہادر چوہدری محمد ظفر اللہ خان صاحب بہادر",
    },
    fonts: [...SERIF, "NotoNastaliqUrdu-Regular"],
  },
  russian: { input: { ...base, ...SAMPLE_NAMES.russian }, fonts: SERIF },
  revoked: { input: { ...base, revoked: true }, fonts: SERIF },
  branded: { input: branded, fonts: SERIF },
  brandedPersian: { input: { ...branded, ...SAMPLE_NAMES.persian }, fonts: [...SERIF, "NotoNaskhArabic-Regular"] },
};

let dir: string;
const file = (name: string) => path.join(dir, `${name}.pdf`);
const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: "utf8" });
const squash = (text: string) => text.replace(/\s+/g, " ");
// poppler wraps right-to-left text in U+202B … U+202C; NFKC folds presentation forms.
const plain = (text: string) => squash(text.replace(/[\u202A-\u202E]/g, "")).normalize("NFKC");

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "certificate-pdf-"));
  for (const [name, { input }] of Object.entries(samples)) writeFileSync(file(name), await renderCertificatePdf(input));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closePdfPool();
});

describe("renderCertificatePdf", () => {
  it.each(Object.keys(samples))("%s: one A4-landscape page", (name) => {
    const info = run("pdfinfo", file(name));
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+841\.89 x 595\.28 pts \(A4\)$/m);
  });

  it.each(Object.entries(samples))("%s: embeds subsets of exactly the fonts it needs", (name, { fonts }) => {
    const rows = run("pdffonts", file(name))
      .trim()
      .split("\n")
      .slice(2)
      .map((line) => line.split(/\s+/));
    // Columns: name, type (two words), encoding, emb, sub, uni, object id.
    expect(rows.map((r) => r[0]!.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([...fonts].sort());
    for (const r of rows) expect(r.slice(-5, -2), r[0]).toEqual(["yes", "yes", "yes"]);
  });

  it.each(Object.keys(samples))("%s: every embedded glyph outline is intact", async (name) => {
    // Unpatched, @pdf-lib/fontkit's subsets lose most glyphs silently (patchFont in pdf-text.ts).
    const fontkit = (fontkitModule as { default?: typeof fontkitModule }).default ?? fontkitModule;
    const doc = await PDFDocument.load(readFileSync(file(name)));
    const fontFiles = doc.context.enumerateIndirectObjects().flatMap(([, obj]) => {
      const stream = obj instanceof PDFDict ? doc.context.lookup(obj.get(PDFName.of("FontFile2"))) : undefined;
      return stream instanceof PDFRawStream ? [stream] : [];
    });
    expect(fontFiles.length).toBe(samples[name]!.fonts.length);
    for (const stream of fontFiles) {
      const font = fontkit.create(decodePDFRawStream(stream).decode()) as fontkitModule.Font & {
        numGlyphs: number;
        bbox: fontkitModule.BoundingBox;
      };
      for (let id = 1; id < font.numGlyphs; id += 1) {
        const box = font.getGlyph(id).path.bbox;
        if (box.width === 0) continue; // a space
        expect(
          box.minX >= font.bbox.minX &&
            box.maxX <= font.bbox.maxX &&
            box.minY >= font.bbox.minY &&
            box.maxY <= font.bbox.maxY,
        ).toBe(true);
      }
    }
  });

  it.each(Object.keys(samples))("%s: the text can be extracted", (name) => {
    const { input } = samples[name]!;
    const text = plain(run("pdftotext", file(name), "-"));
    for (const expected of [
      input.name,
      input.code,
      input.verifyUrl,
      input.programmeTitle,
      input.template.title,
      input.template.intro,
      input.template.body,
      ...input.template.organisers.map((o) => o.toUpperCase()),
      ...input.template.signatories.flatMap((s) => [s.name, s.title]),
      ...input.lectures.flatMap((l) => [l.title, l.speaker]),
    ]) {
      expect(text).toContain(plain(expected));
    }
    // Arabic script: pdftotext gives the letters in logical order (the order typed), as
    // base letters, not presentation forms: each letter glyph carries its own ActualText.
    // A single ActualText for the whole name would come out reversed (poppler spreads the
    // text over the span left to right, then reorders it as right-to-left), and glyph-level
    // ToUnicode alone gives ر for ز, since Naskh draws both with one dotless glyph.
    if (input.nativeName) expect(text).toContain(plain(input.nativeName));
  });

  it("draws the template's logos and signatures, and only those, as images", () => {
    const images = (name: string) =>
      run("pdfimages", "-list", file(name))
        .trim()
        .split("\n")
        .slice(2)
        .map((line) => line.trim().split(/\s+/))
        // Columns: page, num, type, width, height; an image's transparency is its "smask".
        .filter((columns) => columns[2] === "image")
        .map((columns) => columns.slice(3, 5).map(Number));
    // Width and height in pixels: the three logos, then the two signatures.
    expect(images("branded")).toEqual([
      [300, 120],
      [200, 200],
      [400, 100],
      [300, 90],
      [300, 90],
    ]);
    expect(images("latin")).toEqual([]);
  });

  it("stamps a revoked certificate", () => {
    const lines = run("pdftotext", "-raw", file("revoked"), "-").split("\n");
    expect(lines).toContain("REVOKED"); // the diagonal watermark
    expect(lines).toContain("REVOKED: this certificate is no longer valid");
    expect(run("pdftotext", "-raw", file("latin"), "-")).not.toContain("REVOKED");
  });

  it("renders to an image", () => {
    run("pdftoppm", "-r", "50", "-png", "-singlefile", file("persian"), path.join(dir, "persian"));
    const png = readFileSync(path.join(dir, "persian.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.length).toBeGreaterThan(10_000);
  });

  it.each([
    ["an emoji in the name", { name: "Zoë 😀" }, /no glyph for U\+1F600/],
    ["a Chinese character in the Latin name", { name: "Li 明" }, /NotoSerif-Bold has no glyph for U\+660E/],
    ["an emoji in the name, with a native name", { name: "Zoë 😀", nativeName: "李明" }, /no glyph for U\+1F600/],
  ])("refuses %s rather than drawing a box", async (_, change, message) => {
    await expect(renderCertificatePdf({ ...base, ...change })).rejects.toThrow(message);
  });

  it.each([
    ["a Tamil native name", "தமிழ்"],
    ["digits inside an Arabic name", "مریم 2"],
  ])("draws the certificate without %s, which no font here can show, rather than failing", async (_, nativeName) => {
    const out = path.join(dir, "fallback.pdf");
    writeFileSync(out, await renderCertificatePdf({ ...base, nativeName }));
    const text = run("pdftotext", out, "-");
    expect(text).toContain("Zoë Ćirić-Łukasz");
    expect(text).not.toContain(nativeName);
    expect(run("pdffonts", out)).not.toMatch(/NotoNaskhArabic|NotoSansSC/);
  });

  it.each([
    ["a name that climbs high (بلقیس: the letters stack up from the last one)", "Bilqis", "بلقیس"],
    ["a name that hangs low (ے and ی sweep under the next letters)", "Gulzar Begum", "گلزار بیگم صاحبے"],
    ["a long name, shrunk to the width", "Chaudhry Muhammad Zafarullah Khan", SAMPLE_NAMES.urdu.nativeName.repeat(8)],
  ])("keeps %s in Nastaliq clear of the lines above and below", async (_, name, nativeName) => {
    const out = path.join(dir, "tall.pdf");
    writeFileSync(out, await renderCertificatePdf({ ...base, name, nativeName, country: "PK" }));
    expect(run("pdffonts", out)).toContain("NotoNastaliqUrdu-Regular");
    // The rows between "This certifies that" and "has completed…" (at 144 dpi, 2 px a point):
    // the ink must fall in three separate bands (the Latin name, the Urdu name, the line
    // below); a name touching a line around it merges two of them.
    const words = [
      ...run("pdftotext", "-bbox", out, "-").matchAll(/yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g),
    ];
    const bottom = (w: string) => Number(words.find((m) => m[2] === w)![1]);
    const [from, to] = [Math.ceil(bottom("that") * 2) + 1, Math.floor(bottom("has") * 2)];
    run("pdftoppm", "-r", "144", "-gray", "-singlefile", out, path.join(dir, "tall"));
    const pgm = readFileSync(path.join(dir, "tall.pgm"));
    const header = /^P5\s+(\d+)\s+\d+\s+255\s/.exec(pgm.toString("latin1", 0, 40))!;
    const [width, headerEnd] = [Number(header[1]), header[0].length];
    // Inside the frame: its sides are ink on every row.
    const inked = (row: number) =>
      pgm.subarray(headerEnd + row * width + 100, headerEnd + (row + 1) * width - 100).some((v) => v < 160);
    const bands: number[][] = [];
    for (let row = from; row <= to; row += 1) {
      if (!inked(row)) continue;
      const last = bands.at(-1);
      if (last && last[1] === row - 1) last[1] = row;
      else bands.push([row, row]);
    }
    expect(bands.length, JSON.stringify(bands)).toBe(3);
  });
});

describe("certificatesZip", () => {
  it("streams the PDFs from the worker pool, in order", async () => {
    const people = [
      ["Zoë Ćirić", null],
      ["Li Ming", "李明"],
      ["Ayesha Khan", "عائشہ خان"],
    ] as const;
    const progress: number[] = [];
    const stream = certificatesZip(
      people.map(([name, nativeName], i) => ({
        filename: `${i + 1}-${name}.pdf`,
        input: { ...base, code: `ECOSF-21-TEST-000${i}`, name, nativeName },
      })),
      { onProgress: (done) => progress.push(done) },
    );
    const files = Object.entries(unzipSync(new Uint8Array(await new Response(stream).arrayBuffer())));
    expect(files.map(([filename]) => filename)).toEqual(["1-Zoë Ćirić.pdf", "2-Li Ming.pdf", "3-Ayesha Khan.pdf"]);
    files.forEach(([filename, bytes], i) => {
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
      writeFileSync(path.join(dir, filename), bytes);
      expect(plain(run("pdftotext", path.join(dir, filename), "-"))).toContain(`ECOSF-21-TEST-000${i}`);
    });
    expect(progress).toEqual([1, 2, 3]);
  }, 30_000);

  it("errors the stream when a render fails", async () => {
    const stream = certificatesZip([
      { filename: "ok.pdf", input: base },
      { filename: "bad.pdf", input: { ...base, name: "😀" } },
    ]);
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow(/no glyph for U\+1F600/);
  }, 30_000);
});
