import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prepareImage } from "@/lib/certificates/template-image";
import {
  DEFAULT_ACCENT,
  DEFAULT_COLOUR,
  MAX_IMAGE_BYTES,
  checkTemplateFields,
  contrastRatio,
  defaultTemplate,
  sniffImageType,
  type TemplateFields,
} from "@/lib/domain/certificate-template";
import { parseTemplateForm } from "@/lib/schemas/certificate-template";

const fields: TemplateFields = {
  title: "Certificate of Completion",
  intro: "This certifies that",
  body: "has completed the 4th BTBU-ECOSF Joint Training Program",
  colour: DEFAULT_COLOUR,
  accent: DEFAULT_ACCENT,
  organisers: ["Beijing Technology and Business University", "ECO Science Foundation"],
  signatories: [{ name: "Prof. Sun Baowen", title: "President", signatureId: null }],
};

describe("defaultTemplate", () => {
  it("names every organisation of the programme, with the edition in the body and no signatories", () => {
    const t = defaultTemplate({
      edition: "4th BTBU-ECOSF Joint Training Program",
      organisers: [{ name: "BTBU" }, { name: "ECOSF" }, { name: "CAST" }],
    });
    expect(t.organisers).toEqual(["BTBU", "ECOSF", "CAST"]);
    expect(t.body).toBe("has completed the 4th BTBU-ECOSF Joint Training Program");
    expect(t.signatories).toEqual([]);
    expect(checkTemplateFields(t)).toEqual({ ok: true, fields: t });
  });
});

describe("contrastRatio", () => {
  it.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    ["#777777", "#ffffff", 4.48],
    ["#767676", "#ffffff", 4.54],
  ])("%s on %s is %f", (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
    expect(contrastRatio(b, a)).toBeCloseTo(ratio, 2);
  });
});

describe("checkTemplateFields", () => {
  it.each<[string, Partial<TemplateFields>, string]>([
    ["an empty title", { title: "  " }, "title"],
    ["a title too long", { title: "x".repeat(81) }, "title"],
    ["an intro too long", { intro: "x".repeat(81) }, "intro"],
    ["an empty body", { body: "" }, "body"],
    ["a body too long", { body: "x".repeat(161) }, "body"],
    ["five organisations", { organisers: ["A", "B", "C", "D", "E"] }, "organisers"],
    ["an organisation too long", { organisers: ["x".repeat(121)] }, "organisers"],
    ["a colour that is not #rrggbb", { colour: "navy" }, "colour"],
    ["a short colour", { colour: "#123" }, "colour"],
    ["a colour too light to read on white", { colour: "#777777" }, "colour-contrast"],
    ["an accent that is not #rrggbb", { accent: "rgb(1,2,3)" }, "accent"],
    [
      "a signatory with a title but no name",
      { signatories: [{ name: "", title: "Dean", signatureId: null }] },
      "signatories",
    ],
    ["a signature without a name", { signatories: [{ name: " ", title: "", signatureId: "img" }] }, "signatories"],
    [
      "four signatories",
      { signatories: Array.from({ length: 4 }, (_, i) => ({ name: `S${i}`, title: "", signatureId: null })) },
      "signatories",
    ],
    [
      "a signatory's name too long",
      { signatories: [{ name: "x".repeat(81), title: "", signatureId: null }] },
      "signatories",
    ],
  ])("refuses %s", (_, change, error) => {
    expect(checkTemplateFields({ ...fields, ...change })).toEqual({ ok: false, error });
  });

  it("tidies white space, lower-cases colours, drops blank organisers and signatories, keeps an empty intro", () => {
    const result = checkTemplateFields({
      ...fields,
      title: "  Certificate \n of   Participation ",
      intro: "",
      colour: "#14305C",
      organisers: ["  BTBU ", "", "   "],
      signatories: [
        { name: "", title: " ", signatureId: null },
        { name: " Dr.  Liu Ying ", title: "Director ", signatureId: null },
      ],
    });
    expect(result).toEqual({
      ok: true,
      fields: {
        ...fields,
        title: "Certificate of Participation",
        intro: "",
        colour: "#14305c",
        organisers: ["BTBU"],
        signatories: [{ name: "Dr. Liu Ying", title: "Director", signatureId: null }],
      },
    });
  });

  it("takes the darkest colour allowed and the limits exactly", () => {
    expect(checkTemplateFields({ ...fields, colour: "#767676", title: "x".repeat(80), body: "y".repeat(160) }).ok).toBe(
      true,
    );
  });
});

describe("sniffImageType", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it.each<[string, Uint8Array, string | null]>([
    ["a PNG signature", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "image/png"],
    ["an SVG", bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image/svg+xml"],
    [
      "an SVG after a byte-order mark, declaration, comment and doctype",
      bytes('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg>\n  <svg width="1">'),
      "image/svg+xml",
    ],
    ["an HTML page", bytes("<html><svg></svg></html>"), null],
    ["a JPEG", new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), null],
    ["a GIF", bytes("GIF89a"), null],
    ["an element whose name only starts with svg", bytes("<svgx/>"), null],
    ["nothing", new Uint8Array(), null],
  ])("%s", (_, input, type) => {
    expect(sniffImageType(input)).toBe(type);
  });
});

describe("prepareImage", () => {
  const png = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 4, background: "#1b4d89" } })
      .png()
      .toBuffer();

  it("re-encodes a PNG, keeping its size, and names it by the digest of what is stored", async () => {
    const result = await prepareImage(new Uint8Array(await png(300, 120)));
    if (!result.ok) throw new Error(result.error);
    expect(result.image).toMatchObject({ width: 300, height: 120, uploadedType: "image/png" });
    expect(result.image.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await sharp(result.image.png).metadata()).format).toBe("png");
  });

  it("brings a large image down to 1200 pixels on its longest side", async () => {
    const result = await prepareImage(new Uint8Array(await png(2400, 600)));
    expect(result.ok && [result.image.width, result.image.height]).toEqual([1200, 300]);
  });

  it("draws an SVG to a PNG 1200 pixels on its longest side, however small it was declared", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#123"/></svg>';
    const result = await prepareImage(new TextEncoder().encode(svg));
    if (!result.ok) throw new Error(result.error);
    expect(result.image).toMatchObject({ width: 1200, height: 600, uploadedType: "image/svg+xml" });
    const { data } = await sharp(result.image.png).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 4)]).toEqual([0x11, 0x22, 0x33, 255]);
  });

  it("loads nothing an SVG points to outside itself, but draws what it holds", async () => {
    // A red PNG on this machine's disk, pointed to by path and by file: address.
    const dir = mkdtempSync(path.join(tmpdir(), "template-image-"));
    const red = path.join(dir, "red.png");
    const redPng = await sharp({ create: { width: 10, height: 10, channels: 4, background: "#ff0000" } })
      .png()
      .toBuffer();
    writeFileSync(red, redPng);
    const svgWith = (href: string) =>
      new TextEncoder().encode(
        `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><image href="${href}" width="100" height="100"/></svg>`,
      );
    const pixels = async (svg: Uint8Array) => {
      const result = await prepareImage(svg);
      if (!result.ok) throw new Error(result.error);
      return (await sharp(result.image.png).raw().toBuffer({ resolveWithObject: true })).data;
    };
    try {
      for (const href of [`file://${red}`, red])
        expect(
          (await pixels(svgWith(href))).every((byte) => byte === 0),
          href,
        ).toBe(true); // fully transparent
      // The same image inside the SVG is drawn: the check above would see it.
      const inline = await pixels(svgWith(`data:image/png;base64,${redPng.toString("base64")}`));
      expect([...inline.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, () => Promise<Uint8Array>, string]>([
    ["a file larger than the limit", async () => new Uint8Array(MAX_IMAGE_BYTES + 1), "too-large"],
    [
      "a JPEG",
      async () =>
        new Uint8Array(
          await sharp(await png(10, 10))
            .jpeg()
            .toBuffer(),
        ),
      "not-image",
    ],
    ["a truncated PNG", async () => new Uint8Array((await png(300, 300)).subarray(0, 60)), "not-image"],
    ["an SVG that is not well-formed", async () => new TextEncoder().encode("<svg><rect></svg"), "not-image"],
    ["a PNG wider than 4000 pixels", async () => new Uint8Array(await png(4001, 10)), "too-many-pixels"],
  ])("refuses %s", async (_, make, error) => {
    expect(await prepareImage(await make())).toEqual({ ok: false, error });
  });
});

describe("parseTemplateForm", () => {
  const form = (entries: Record<string, string | File>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries({
      title: fields.title,
      intro: fields.intro,
      body: fields.body,
      colour: fields.colour,
      accent: fields.accent,
      organisers: "BTBU\r\nECOSF\n",
      ...entries,
    }))
      f.append(k, v);
    return f;
  };
  const file = new File([new Uint8Array([1, 2, 3])], "logo.png", { type: "image/png" });
  const empty = new File([], "", { type: "application/octet-stream" });

  it("reads the organisers one per line and each image slot: a file wins, then a kept image unless removed", () => {
    const parsed = parseTemplateForm(
      form({
        logo0: file,
        logo0Keep: "kept0",
        logo1: empty,
        logo1Keep: "kept1",
        logo2Keep: "kept2",
        logo2Remove: "on",
        signatory0Name: "Prof. Sun Baowen",
        signatory0Title: "President",
        signatory0SignatureKeep: "sig0",
        signatory1Name: "",
        signatory1Title: "",
        signatory2Name: "Dr. Liu Ying",
        signatory2Signature: file,
        sample: "chinese",
      }),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.form.fields.organisers).toEqual(["BTBU", "ECOSF"]);
    expect(parsed.form.logos).toEqual([{ upload: file }, { keep: "kept1" }]);
    // The blank second row is dropped with its slot.
    expect(parsed.form.fields.signatories.map((s) => s.name)).toEqual(["Prof. Sun Baowen", "Dr. Liu Ying"]);
    expect(parsed.form.signatures).toEqual([{ keep: "sig0" }, { upload: file }]);
    expect(parsed.form.sample).toBe("chinese");
  });

  it("refuses a signature without a name, and falls back to the first sample", () => {
    expect(parseTemplateForm(form({ signatory0Signature: file }))).toEqual({ ok: false, error: "signatories" });
    const parsed = parseTemplateForm(form({ sample: "klingon" }));
    expect(parsed.ok && parsed.form.sample).toBe("persian");
  });

  it("refuses a missing title rather than printing an empty one", () => {
    expect(parseTemplateForm(form({ title: "" }))).toEqual({ ok: false, error: "title" });
  });
});
