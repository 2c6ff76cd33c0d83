import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, isLatinName, missingProfileFields } from "@/lib/domain/profile";
import { ZProfile } from "@/lib/schemas/profile";

const valid: Record<string, string> = {
  name: "Arabella Bhutto",
  certificateName: "Arabella Bhutto",
  nativeName: "",
  country: "pk",
  organisation: "MUISTD",
  position: "Co-director",
  timeZone: "Asia/Karachi",
};

describe("isLatinName", () => {
  it.each([
    ["Mozhgan Yazdianpour", true],
    ["Bi Liangliang", true],
    ["José Ñúñez-O'Brien", true],
    ["Zoë Çelik", true],
    ["李岩", false],
    ["مژگان یزدیان‌پور", false],
    ["Иван Петров", false],
    ["Li 岩", false],
    ["--- ...", false],
  ])("%s: %s", (name, ok) => expect(isLatinName(name)).toBe(ok));
});

describe("ZProfile", () => {
  it("accepts a complete profile, upper-cases the country and stores an empty native name as none", () => {
    expect(ZProfile.parse(valid)).toEqual({ ...valid, country: "PK", nativeName: null });
  });

  it.each<[string, Partial<typeof valid>, string, string]>([
    ["an empty name", { name: "  " }, "name", "required"],
    ["a certificate name in Chinese", { certificateName: "李岩" }, "certificateName", "latin-only"],
    ["an unknown country", { country: "XX" }, "country", "unknown-country"],
    ["a made-up time zone", { timeZone: "Mars/Olympus" }, "timeZone", "unknown-time-zone"],
    ["a 200-character organisation", { organisation: "x".repeat(200) }, "organisation", "too-long"],
    ["a made-up type of organisation", { organisationType: "CLUB" }, "organisationType", "unknown-organisation-type"],
    [
      "a type of organisation in lower case",
      { organisationType: "ngo" },
      "organisationType",
      "unknown-organisation-type",
    ],
  ])("refuses %s, naming the field", (_, change, field, code) => {
    const result = ZProfile.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toContainEqual([field, code]);
  });

  it.each<[string, string | undefined, string | null | undefined]>([
    ["one of the kinds", "UNIVERSITY", "UNIVERSITY"],
    ["another", "INTERNATIONAL", "INTERNATIONAL"],
    ["none chosen, stored as none", "", null],
    ["a form without the field, left as it is", undefined, undefined],
  ])("takes a type of organisation: %s", (_, given, stored) => {
    const parsed = ZProfile.parse({ ...valid, ...(given !== undefined && { organisationType: given }) });
    expect(parsed.organisationType).toBe(stored);
  });

  it("keeps a name in the participant's own script", () => {
    expect(ZProfile.parse({ ...valid, nativeName: " مژگان یزدیان‌پور " }).nativeName).toBe("مژگان یزدیان‌پور");
  });
});

describe("profile completeness", () => {
  it("lists what is missing", () => {
    expect(
      missingProfileFields({
        name: "A",
        certificateName: " ",
        country: "PK",
        organisation: null,
        position: "P",
        timeZone: "UTC",
      }),
    ).toEqual(["certificateName", "organisation"]);
  });
  it("knows the programme's countries", () => {
    for (const code of ["CN", "PK", "IR", "AF", "AZ", "KZ", "KG", "TJ", "TR", "TM", "UZ"])
      expect(COUNTRY_CODES).toContain(code);
  });
});
