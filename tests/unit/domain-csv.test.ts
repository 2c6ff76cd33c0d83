import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { safeCell, toCsv } from "@/lib/domain/csv";

const BOM = "\uFEFF";
const parse = (csv: string) =>
  Papa.parse<string[]>(csv.slice(BOM.length), { header: false, skipEmptyLines: true }).data;

describe("safeCell", () => {
  it.each<[string, Parameters<typeof safeCell>[0], string]>([
    ["formula", "=1+1", "'=1+1"],
    ["hyperlink formula", '=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ["plus", "+123", "'+123"],
    ["minus text", "-5", "'-5"],
    ["at", "@SUM(A1)", "'@SUM(A1)"],
    ["leading tab", "\t=1", "'\t=1"],
    ["leading carriage return", "\r=1", "'\r=1"],
    ["DDE payload", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["only an equals sign", "=", "'="],
    ["negative number", -5, "-5"],
    ["positive number", 42, "42"],
    ["decimal", 3.5, "3.5"],
    ["zero", 0, "0"],
    ["-Infinity, not a plain number", -Number.POSITIVE_INFINITY, "'-Infinity"],
    ["NaN", Number.NaN, "NaN"],
    ["true", true, "true"],
    ["false", false, "false"],
    ["null", null, ""],
    ["undefined", undefined, ""],
    ["empty string", "", ""],
    ["plain text", "Ali Rezaei", "Ali Rezaei"],
    ["email", "ali@x.ir", "ali@x.ir"],
    ["hyphen inside", "Quaid-i-Azam", "Quaid-i-Azam"],
    ["equals inside", "a=b", "a=b"],
    ["leading space before =", " =1", " =1"],
    ["already escaped", "'=1", "'=1"],
    ["Persian", "علی‌رضا", "علی‌رضا"],
  ])("%s", (_, value, expected) => {
    expect(safeCell(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("starts with a BOM, ends lines with CRLF and quotes what needs quoting", () => {
    const csv = toCsv(
      ["Name", "Organisation", "Note"],
      [
        ["Rezaei, Ali", 'The "best" one', "two\nlines"],
        ["Sara", "NUST", null],
      ],
    );
    expect(csv).toBe(`${BOM}Name,Organisation,Note\r\n"Rezaei, Ali","The ""best"" one","two\nlines"\r\nSara,NUST,\r\n`);
  });

  it("writes only a header when there are no rows", () => {
    expect(toCsv(["Name", "Email"], [])).toBe(`${BOM}Name,Email\r\n`);
  });

  it("makes formula-like text safe, numbers excepted", () => {
    const csv = toCsv(
      ["Value", "Amount"],
      [
        ["=1+1", -5],
        ["-5", 5],
        ["@SUM(A1)", 0],
      ],
    );
    expect(csv.split("\r\n").slice(1)).toEqual(["'=1+1,-5", "'-5,5", "'@SUM(A1),0", ""]);
  });

  it("keeps an empty last cell of a one-column file as a line", () => {
    expect(toCsv(["Note"], [["x"], [""]])).toBe(`${BOM}Note\r\nx\r\n\r\n`);
    expect(toCsv(["Note"], [[null]])).toBe(`${BOM}Note\r\n\r\n`);
  });

  it("escapes the header too", () => {
    const csv = toCsv(["=EVIL()", "Name, full"], [["a", "b"]]);
    expect(csv.split("\r\n")[0]).toBe(`${BOM}'=EVIL(),"Name, full"`);
  });

  it("round-trips through a CSV reader to the escaped values", () => {
    const header = ["Name", "Formula", "Organisation", "Amount", "Flag"];
    const rows = [
      ["Rezaei, Ali", '=HYPERLINK("http://evil.example")', "Sharif\r\nTehran", -12.5, true],
      ["王秀英", "+1", 'Quote "here"', 3, false],
      ["Дмитрий", "\tx", "", null, undefined],
    ] as const;
    expect(parse(toCsv(header, rows))).toEqual([
      header,
      ["Rezaei, Ali", `'=HYPERLINK("http://evil.example")`, "Sharif\r\nTehran", "-12.5", "true"],
      ["王秀英", "'+1", 'Quote "here"', "3", "false"],
      ["Дмитрий", "'\tx", "", "", ""],
    ]);
  });

  it("keeps non-Latin scripts intact", () => {
    const names = ["علی‌رضا حسینی", "عائشہ چودھری", "王秀英", "Дмитрий Иванов", "Zoë Nuñez-Çelik", "Əliyev Şükrü"];
    const csv = toCsv(
      ["Name"],
      names.map((n) => [n]),
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(
      parse(csv)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(names);
  });
});
