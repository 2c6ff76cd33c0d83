// Adding a locale (Chinese, a right-to-left language) must touch no component:
// text comes from messages/, direction from the locale, and layouts use
// logical (start/end) utilities only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { countryName, readingMinutes } from "@/lib/i18n/format";
import { directionOf, routing } from "@/lib/i18n/routing";

const ROOT = path.resolve(import.meta.dirname, "../..");

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

// Tailwind utilities tied to the physical left/right instead of start/end.
const PHYSICAL =
  /^-?(?:m[lr]|p[lr]|left|right|border-[lr]|rounded-[lr]|rounded-[tb][lr]|scroll-[mp][lr]|text-(?:left|right)|float-(?:left|right)|clear-(?:left|right))(?:-|$)/;

export function physicalClasses(source: string): string[] {
  const strings = source.match(/"[^"\n]*"|`[^`]*`/g) ?? [];
  return strings
    .flatMap((s) => s.slice(1, -1).split(/\s+/))
    .map((token) => token.split(":").pop()!)
    .filter((token) => PHYSICAL.test(token));
}

describe("direction", () => {
  it.each([
    ["en", "ltr"],
    ["zh", "ltr"],
    ["ar", "rtl"],
    ["fa", "rtl"],
    ["ur-PK", "rtl"],
  ])("%s is %s", (locale, dir) => expect(directionOf(locale)).toBe(dir));
});

describe("layout utilities", () => {
  it("the detector finds physical utilities and passes logical ones", () => {
    expect(physicalClasses('className="ml-2 sm:pr-4 text-left hover:border-r-2 ms-2 pe-4 text-start"')).toEqual([
      "ml-2",
      "pr-4",
      "text-left",
      "border-r-2",
    ]);
  });

  it("components and pages use only logical (start/end) utilities", () => {
    const offenders = [...files("app", /\.tsx$/), ...files("components", /\.tsx$/)].flatMap((f) =>
      physicalClasses(readFileSync(f, "utf8")).map((c) => `${path.relative(ROOT, f)}: ${c}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe("every message is valid ICU syntax", () => {
  const flat = (o: object, prefix = ""): [string, string][] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === "object" ? flat(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
    );
  it("the check catches a select on a hyphenated key", () => {
    expect(() => new IntlMessageFormat("{state, select, not-yet-open {x} other {y}}", "en")).toThrow();
  });
  for (const locale of routing.locales) {
    it(`messages/${locale}.json`, () => {
      const messages = JSON.parse(readFileSync(path.join(ROOT, "messages", `${locale}.json`), "utf8")) as object;
      const invalid = flat(messages).filter(([, m]) => {
        try {
          new IntlMessageFormat(m, locale);
          return false;
        } catch {
          return true;
        }
      });
      expect(invalid).toEqual([]);
    });
  }
});

describe("format helpers", () => {
  it.each([
    ["CN", "China"],
    ["PK", "Pakistan"],
    ["IR", "Iran"],
  ])("names %s", (code, name) => expect(countryName(code, "en")).toBe(name));

  it.each([
    [0, 1],
    [200, 1],
    [201, 2],
    [1073, 6],
  ])("%i words take %i min", (words, minutes) => expect(readingMinutes(words)).toBe(minutes));
});
