import { describe, expect, it } from "vitest";
import { asciiDigits } from "@/lib/domain/digits";

describe("asciiDigits", () => {
  it.each([
    ["ASCII", "2021", "2021"],
    ["Persian", "۲۰۲۱", "2021"],
    ["Arabic-Indic", "٢٠٢١", "2021"],
    ["Devanagari", "२०२१", "2021"],
    ["Bengali", "২০২১", "2021"],
    ["Thai", "๒๐๒๑", "2021"],
    ["Myanmar", "၂၀၂၁", "2021"],
    ["Khmer", "២០២១", "2021"],
    ["full-width", "２０２１", "2021"],
    ["mixed with letters and signs, which stay", "ECOSF-۲۱ / x", "ECOSF-21 / x"],
    ["letters of those scripts stay", "سال ۱۴۰۰", "سال 1400"],
    ["nothing", "", ""],
  ])("%s: %j → %j", (_, typed, expected) => {
    expect(asciiDigits(typed)).toBe(expected);
  });
});
