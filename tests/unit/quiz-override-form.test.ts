import { describe, expect, it } from "vitest";
import { EXTRA_ATTEMPTS_MAX, EXTRA_MINUTES_MAX } from "@/lib/domain/quiz-override";
import { parseQuizOverrideForm } from "@/lib/schemas/quiz-override";

const form = (o: Record<string, string | undefined> = {}) => ({
  userId: "cmperson0000000000000000",
  extraAttempts: "",
  extraMinutes: "",
  closesAt: "",
  ...o,
});

describe("parseQuizOverrideForm", () => {
  it.each([
    ["a person chosen from the list: their id, as sent", "cmperson0000000000000000", "cmperson0000000000000000"],
    ["an address typed in a large cohort", "li.wei@btbu.edu.cn", "li.wei@btbu.edu.cn"],
    ["an address in capitals, spaces around", "  Li.Wei@BTBU.edu.cn ", "li.wei@btbu.edu.cn"],
    ["an address typed in full-width", "ｌｉ．ｗｅｉ＠ｂｔｂｕ．ｅｄｕ．ｃｎ", "li.wei@btbu.edu.cn"],
    ["an address with ideographic full stops", "li.wei@btbu。edu。cn", "li.wei@btbu.edu.cn"],
  ])("%s: %j → %j", (_, typed, userId) => {
    expect(parseQuizOverrideForm(form({ userId: typed, extraAttempts: "1" }), "UTC")).toEqual({
      ok: true,
      userId,
      terms: { extraAttempts: 1, extraMinutes: null, closesAt: null },
    });
  });

  it("reads the terms, the closing time on the cohort's clocks", () => {
    expect(
      parseQuizOverrideForm(
        form({ extraAttempts: "2", extraMinutes: "15", closesAt: "2030-03-01T17:00" }),
        "Asia/Karachi",
      ),
    ).toEqual({
      ok: true,
      userId: "cmperson0000000000000000",
      terms: { extraAttempts: 2, extraMinutes: 15, closesAt: new Date("2030-03-01T12:00:00Z") },
    });
  });

  it.each<[string, Record<string, string>, Record<string, string>]>([
    ["no person", { userId: "  " }, { userId: "choose-person" }],
    ["a person longer than an id or address can be", { userId: "x".repeat(321) }, { userId: "choose-person" }],
    ["attempts not a whole number", { extraAttempts: "1.5" }, { extraAttempts: "whole-number" }],
    ["minutes negative", { extraMinutes: "-5" }, { extraMinutes: `between-1-${EXTRA_MINUTES_MAX}` }],
    ["no attempts", { extraAttempts: "0" }, { extraAttempts: `between-1-${EXTRA_ATTEMPTS_MAX}` }],
    [
      "more minutes than allowed",
      { extraMinutes: String(EXTRA_MINUTES_MAX + 1) },
      { extraMinutes: `between-1-${EXTRA_MINUTES_MAX}` },
    ],
    ["a closing time that is not one", { closesAt: "1 March" }, { closesAt: "invalid-date" }],
  ])("refuses %s, saying which field", (_, values, errors) => {
    expect(parseQuizOverrideForm(form(values), "UTC")).toEqual({ ok: false, errors });
  });
});
