import { describe, expect, it } from "vitest";
import { normaliseEmail } from "@/lib/domain/email";
import { ZEmailAddress } from "@/lib/schemas/common";

describe("normaliseEmail", () => {
  it.each([
    ["ASCII, as typed", "li.wei@btbu.edu.cn", "li.wei@btbu.edu.cn"],
    ["capitals and spaces around", "  Li.Wei@BTBU.edu.cn \t", "li.wei@btbu.edu.cn"],
    [
      "all full-width (an input method left in full-width mode)",
      "ｌｉ．ｗｅｉ＠ｂｔｂｕ．ｅｄｕ．ｃｎ",
      "li.wei@btbu.edu.cn",
    ],
    ["full-width capitals", "ＬＩ＠ＢＴＢＵ．ＥＤＵ．ＣＮ", "li@btbu.edu.cn"],
    ["only the at sign full-width", "li＠btbu.edu.cn", "li@btbu.edu.cn"],
    ["ideographic full stops", "li@btbu。edu。cn", "li@btbu.edu.cn"],
    ["half-width ideographic full stop", "li@btbu｡edu｡cn", "li@btbu.edu.cn"],
    ["full-width digits, plus and hyphen", "ｓａｒａ＋２０２１＠ｅｃｏ－ｓｆ．ｏｒｇ", "sara+2021@eco-sf.org"],
    ["Persian digits", "ali۱۲@ut.ac.ir", "ali12@ut.ac.ir"],
    ["Arabic-Indic digits", "omar٢٠@example.pk", "omar20@example.pk"],
    ["ideographic spaces around", "\u3000li@btbu.edu.cn\u3000", "li@btbu.edu.cn"],
    ["nothing", "", ""],
  ])("%s: %j → %j", (_, typed, expected) => {
    expect(normaliseEmail(typed)).toBe(expected);
  });

  it.each([
    ["a space inside stays, to be refused", "li wei@btbu.edu.cn", "li wei@btbu.edu.cn"],
    ["letters of other scripts stay, to be refused", "李@btbu.edu.cn", "李@btbu.edu.cn"],
  ])("%s: %j → %j", (_, typed, expected) => {
    expect(normaliseEmail(typed)).toBe(expected);
  });
});

describe("ZEmailAddress", () => {
  it.each([
    ["li.wei@btbu.edu.cn", "li.wei@btbu.edu.cn"],
    ["ｌｉ．ｗｅｉ＠ｂｔｂｕ．ｅｄｕ．ｃｎ", "li.wei@btbu.edu.cn"],
    [" LI@btbu。edu。cn ", "li@btbu.edu.cn"],
  ])("takes %j as %j", (typed, stored) => {
    expect(ZEmailAddress.parse(typed)).toBe(stored);
  });

  it.each([
    ["no at sign", "li.wei.btbu.edu.cn"],
    ["a space inside", "li wei@btbu.edu.cn"],
    ["letters of another script", "李@btbu.edu.cn"],
    ["nothing", ""],
    ["longer than an address can be", `${"a".repeat(243)}@example.org`],
  ])("refuses %s", (_, typed) => {
    expect(ZEmailAddress.safeParse(typed).success).toBe(false);
  });
});
