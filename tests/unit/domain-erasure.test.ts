import { describe, expect, it } from "vitest";
import {
  certificateErased,
  ERASED_TEXT,
  erasedAddress,
  erasureRefusal,
  identifyingStrings,
  isErasedAddress,
  profileStrings,
  redactJson,
  redactText,
} from "@/lib/domain/erasure";

const X = ERASED_TEXT;

describe("erasureRefusal", () => {
  const person = { id: "p", email: "ana@example.org", role: "PARTICIPANT", erasedAt: null };
  it.each([
    ["a participant, confirmed", "a", person, "ana@example.org", null],
    ["the address typed in capitals with spaces", "a", person, "  ANA@Example.org ", null],
    ["the address typed in full-width", "a", person, "ａｎａ＠ｅｘａｍｐｌｅ．ｏｒｇ", null],
    ["another address typed", "a", person, "bob@example.org", "not-confirmed"],
    ["nothing typed", "a", person, "", "not-confirmed"],
    ["part of the address typed", "a", person, "ana@example", "not-confirmed"],
    ["oneself", "p", person, "ana@example.org", "self"],
    ["an admin", "a", { ...person, role: "ADMIN" }, "ana@example.org", "admin"],
    ["someone erased already", "a", { ...person, erasedAt: new Date(0) }, "ana@example.org", "already-erased"],
  ] as const)("%s", (_case, actor, target, typed, expected) => {
    expect(erasureRefusal(actor, target, typed)).toBe(expected);
  });
});

describe("erased addresses", () => {
  it.each([
    [erasedAddress("9F3A0C11"), true],
    ["erased-9f3a0c11@erased.invalid", true],
    ["erased-9f3a0c11@example.org", false],
    ["ana@erased.invalid", false],
    ["erased-@erased.invalid", false],
  ])("%s is erased: %s", (address, expected) => {
    expect(isErasedAddress(address)).toBe(expected);
  });
  it("are lower-case and never repeat a random part", () => {
    expect(erasedAddress("AB12")).toBe("erased-ab12@erased.invalid");
    expect(erasedAddress("a")).not.toBe(erasedAddress("b"));
  });
});

describe("the strings that name a person", () => {
  const person = {
    email: "ana@example.org",
    name: "Ana Khan",
    certificateName: "Ana Khan",
    nativeName: "آنا خان",
    organisation: "Institute of Policy",
    position: "Analyst",
  };
  it("are the address and the names, once each, longest first, organisation and position only in the profile's", () => {
    expect(identifyingStrings(person)).toEqual(["ana@example.org", "Ana Khan", "آنا خان"]);
    expect(profileStrings(person)).toEqual([
      "Institute of Policy",
      "ana@example.org",
      "Ana Khan",
      "آنا خان",
      "Analyst",
    ]);
  });
  it("leave out missing, blank and one- or two-letter values", () => {
    expect(identifyingStrings({ email: "a@b.cd", name: "Al", certificateName: "  ", nativeName: null })).toEqual([
      "a@b.cd",
    ]);
  });
});

describe("redactText", () => {
  it.each([
    ["every occurrence, in any case", "ANA KHAN met ana khan", ["Ana Khan"], `${X} met ${X}`],
    ["a longer string before the shorter one inside it", "Ana Khan, Ana", ["Ana Khan", "Ana"], `${X}, ${X}`],
    [
      "other people's lines untouched",
      "ana@x.org,Ana\nbob@x.org,Bob",
      ["ana@x.org", "Ana"],
      `${X},${X}\nbob@x.org,Bob`,
    ],
    [
      "characters of regular expressions taken literally",
      "a.b+c@x.org and aXb+c@x.org",
      ["a.b+c@x.org"],
      `${X} and aXb+c@x.org`,
    ],
    ["native scripts", "نام: آنا خان", ["آنا خان"], `نام: ${X}`],
    ["nothing when there is nothing to replace", "text", [], "text"],
  ])("replaces %s", (_case, text, strings, expected) => {
    expect(redactText(text, strings)).toBe(expected);
  });
});

describe("redactJson", () => {
  it("replaces in every string of the value, keys included, and keeps the rest", () => {
    const value = { after: { name: "Ana Khan", count: 2, ok: true, none: null, list: ["Ana Khan", 3] }, "Ana Khan": 1 };
    expect(redactJson(value, ["Ana Khan"])).toEqual({
      after: { name: X, count: 2, ok: true, none: null, list: [X, 3] },
      [X]: 1,
    });
  });
});

describe("certificateErased", () => {
  it("is a certificate whose signed credential was cleared", () => {
    expect(certificateErased({ credential: "" })).toBe(true);
    expect(certificateErased({ credential: "eyJhbGciOi..." })).toBe(false);
  });
});
