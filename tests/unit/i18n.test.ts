// Adding a locale (Chinese, a right-to-left language) must touch no component:
// text comes from messages/, direction from the locale, and layouts use
// logical (start/end) utilities only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { countryName, dateTimeFormat, readingMinutes, sessionDateParts, timeZoneName } from "@/lib/i18n/format";
import { directionOf, routing } from "@/lib/i18n/routing";
import { siteTitle } from "@/lib/i18n/title";

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

describe("siteTitle", () => {
  it.each([
    [[], "Site"],
    [["Lectures"], "Lectures · Site"],
    [["Participants", "Cohort 4"], "Participants · Cohort 4 · Site"],
    [["%s", "Cohort 4"], "%s · Cohort 4 · Site"],
  ])("%j → %j", (parts, title) => expect(siteTitle("Site", ...parts)).toBe(title));
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

  it("names a country in the reader's language, the same from a kept formatter as from a fresh one", () => {
    for (const locale of ["en", "fa", "ru", "zh"])
      for (const code of ["CN", "PK", "IR", "AZ"]) {
        const fresh = new Intl.DisplayNames([locale], { type: "region" }).of(code);
        expect([countryName(code, locale), countryName(code, locale)]).toEqual([fresh, fresh]);
      }
  });

  it.each([
    // instant, time zone, locale → date, time, zone
    ["2021-12-15T06:00:00Z", "Asia/Tehran", "en", "Wednesday, December 15, 2021", "9:30 AM", "Iran Standard Time"],
    [
      "2021-12-15T06:00:00Z",
      "Asia/Karachi",
      "en",
      "Wednesday, December 15, 2021",
      "11:00 AM",
      "Pakistan Standard Time",
    ],
    ["2021-12-15T23:30:00Z", "Asia/Shanghai", "en", "Thursday, December 16, 2021", "7:30 AM", "China Standard Time"],
    ["2026-07-01T12:00:00Z", "Asia/Kabul", "en", "Wednesday, July 1, 2026", "4:30 PM", "Afghanistan Time"],
  ])("a session at %s in %s (%s) reads %s, %s, %s", (at, zone, locale, date, time, name) => {
    const instant = new Date(at);
    expect(sessionDateParts(instant, zone, locale)).toEqual({ date, time, zone: name });
    // Asked again (from the kept formatters), the same.
    expect(sessionDateParts(instant, zone, locale)).toEqual({ date, time, zone: name });
    expect(timeZoneName(instant, zone, locale)).toBe(name);
  });

  it("makes one formatter per locale and options, whatever the options' object", () => {
    const a = dateTimeFormat("en", { dateStyle: "full", timeZone: "Asia/Baku" });
    expect(dateTimeFormat("en", { dateStyle: "full", timeZone: "Asia/Baku" })).toBe(a);
    expect(dateTimeFormat("en", { dateStyle: "full", timeZone: "Asia/Dubai" })).not.toBe(a);
    expect(dateTimeFormat("ru", { dateStyle: "full", timeZone: "Asia/Baku" })).not.toBe(a);
    expect(a.resolvedOptions()).toEqual(
      expect.objectContaining({ locale: "en", timeZone: "Asia/Baku", dateStyle: "full" }),
    );
  });

  it("keeps a bounded number of formatters: past the bound the oldest is made again", () => {
    const first = dateTimeFormat("en", { timeZone: "UTC", year: "numeric" });
    // Private-use tags: 2,000 distinct locales that all format as English.
    for (let i = 0; i < 2_000; i++) dateTimeFormat(`en-x-k${i}`, { timeZone: "UTC", year: "numeric" });
    expect(dateTimeFormat("en", { timeZone: "UTC", year: "numeric" })).not.toBe(first);
  });
});
