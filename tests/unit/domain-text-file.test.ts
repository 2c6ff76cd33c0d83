import { describe, expect, it } from "vitest";
import { decodeTextFile, type TextEncoding } from "../../lib/domain/text-file";

const ROSTER = "Name\tEmail\nÖmer Çelik\tomer@example.org\nАйгерим\taigerim@example.kz\n";

function utf16(text: string, endian: "le" | "be", bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  const units = (bom ? "\uFEFF" : "") + text;
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), endian === "le");
  return out;
}
const utf8 = (text: string) => new TextEncoder().encode(text);
const utf8Bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
/** Windows-1252 for the characters used below (Latin-1 range). */
const cp1252 = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

describe("decodeTextFile", () => {
  const latin = "Name,Email\nJosé Müller,jose@example.org\n";
  const cases: [string, Uint8Array, TextEncoding, string][] = [
    ["UTF-8 without a mark", utf8(ROSTER), "utf-8", ROSTER],
    ["UTF-8 with a mark (Excel's CSV UTF-8)", utf8Bom(ROSTER), "utf-8", ROSTER],
    ["UTF-16 LE with a mark (Excel's Unicode Text)", utf16(ROSTER, "le", true), "utf-16le", ROSTER],
    ["UTF-16 BE with a mark", utf16(ROSTER, "be", true), "utf-16be", ROSTER],
    ["UTF-16 LE without a mark", utf16(latin, "le", false), "utf-16le", latin],
    ["UTF-16 BE without a mark", utf16(latin, "be", false), "utf-16be", latin],
    ["Windows-1252 (Excel's CSV)", cp1252(latin), "windows-1252", latin],
    ["ASCII", utf8("Name,Email\n"), "utf-8", "Name,Email\n"],
    ["empty", new Uint8Array(), "utf-8", ""],
  ];
  it.each(cases)("%s", (_label, bytes, encoding, text) => {
    expect(decodeTextFile(bytes)).toEqual({ text, encoding });
  });

  it("drops NUL characters a broken export leaves in UTF-8", () => {
    expect(decodeTextFile(utf8("Na\0me,Email\n")).text).toBe("Name,Email\n");
  });
});
