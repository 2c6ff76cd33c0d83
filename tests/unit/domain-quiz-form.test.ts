import { describe, expect, it } from "vitest";
import type { QuizResponse } from "@/lib/domain/quiz";
import { parseNumberInput, responseFromForm } from "@/lib/domain/quiz-form";

describe("parseNumberInput", () => {
  it.each<[string, string, number | undefined]>([
    ["empty", "", undefined],
    ["spaces only", "   ", undefined],
    ["a whole number", "1988", 1988],
    ["with spaces around", "  1988 ", 1988],
    ["zero", "0", 0],
    ["negative", "-12", -12],
    ["with a plus sign", "+12", 12],
    ["the minus sign U+2212", "\u221212", -12],
    ["a decimal with a dot", "2.5", 2.5],
    ["a dot before the digits", ".5", 0.5],
    ["a dot after them", "5.", 5],
    ["a dot and three digits is still a decimal", "1.988", 1.988],
    ["a decimal comma", "2,5", 2.5],
    ["a decimal comma, two digits", "19,88", 19.88],
    ["a comma before the digits", ",5", 0.5],
    ["a thousands comma", "1,988", 1988],
    ["thousands commas", "1,000,000", 1_000_000],
    ["South Asian grouping", "12,34,567", 1_234_567],
    ["lakh", "1,00,000", 100_000],
    ["thousands commas and a decimal dot", "1,234.5", 1234.5],
    ["thousands dots and a decimal comma", "1.234,5", 1234.5],
    ["thousands dots", "1.234.567", 1_234_567],
    ["thousands dots, a decimal comma", "1.234.567,89", 1234567.89],
    ["spaces between groups", "1 988", 1988],
    ["a no-break space between groups", "1\u00a0000\u202f000", 1_000_000],
    ["apostrophes between groups", "1'000'000", 1_000_000],
    ["Persian digits", "۱۹۸۸", 1988],
    ["Arabic-Indic digits", "١٩٨٨", 1988],
    ["the Arabic decimal separator", "٢٫٥", 2.5],
    ["the Arabic thousands separator", "١٬٠٠٠", 1000],
    ["full-width digits", "１９８８", 1988],
    ["a full-width full stop", "２．５", 2.5],
    ["Devanagari digits", "१९८८", 1988],
  ])("%s: %j", (_, text, expected) => {
    expect(parseNumberInput(text)).toBe(expected);
  });

  it.each<[string, string]>([
    ["a word", "twelve"],
    ["a number and a word", "1988 AD"],
    ["an exponent", "1e3"],
    ["hexadecimal", "0x10"],
    ["Infinity", "Infinity"],
    ["NaN", "NaN"],
    ["two signs", "--5"],
    ["a sign alone", "-"],
    ["a dot alone", "."],
    ["a comma alone", ","],
    ["two decimal dots after a grouping comma", "1,234.5.6"],
    ["two decimal commas after grouping dots", "1.234,5,6"],
    ["groups of the wrong size", "1,2.5"],
    ["two dots with a group of two", "1.23.4"],
    ["a grouping comma after the decimal dot", "1.5,000"],
  ])("not a number: %s (%j)", (_, text) => {
    expect(parseNumberInput(text)).toBeNaN();
  });
});

function formOf(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

describe("responseFromForm", () => {
  it.each<[string, "single" | "multiple" | "true-false" | "numeric", [string, string][], QuizResponse | undefined]>([
    ["a single choice", "single", [["q-a", "o2"]], { type: "single", optionId: "o2" }],
    ["a single choice not made", "single", [], undefined],
    ["an empty single choice", "single", [["q-a", ""]], undefined],
    ["another question's field", "single", [["q-b", "o2"]], undefined],
    [
      "several choices",
      "multiple",
      [
        ["q-a-shown", "1"],
        ["q-a", "o1"],
        ["q-a", "o3"],
      ],
      { type: "multiple", optionIds: ["o1", "o3"] },
    ],
    ["no choice on a question shown", "multiple", [["q-a-shown", "1"]], { type: "multiple", optionIds: [] }],
    ["a question not on the page", "multiple", [], undefined],
    ["true", "true-false", [["q-a", "true"]], { type: "true-false", value: true }],
    ["false", "true-false", [["q-a", "false"]], { type: "true-false", value: false }],
    ["neither", "true-false", [["q-a", "yes"]], undefined],
    ["a number", "numeric", [["q-a", "1,988"]], { type: "numeric", value: 1988 }],
    ["Persian digits", "numeric", [["q-a", "۱۹۸۸"]], { type: "numeric", value: 1988 }],
    ["an empty box", "numeric", [["q-a", " "]], undefined],
  ])("%s", (_, type, entries, expected) => {
    expect(responseFromForm({ id: "a", type }, formOf(entries))).toEqual(expected);
  });

  it("keeps a numeric answer that is not a number as NaN, for parseResponse to refuse", () => {
    const response = responseFromForm({ id: "a", type: "numeric" }, formOf([["q-a", "1e3"]]));
    expect(response?.type).toBe("numeric");
    expect(response?.type === "numeric" && Number.isNaN(response.value)).toBe(true);
  });
});
