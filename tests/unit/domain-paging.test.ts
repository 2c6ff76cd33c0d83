import { describe, expect, it } from "vitest";
import { firstValues, pageNumbers, pageWindow, parseConfirm, ZPage, ZSearch } from "@/lib/domain/paging";

describe("ZPage", () => {
  it.each([
    [undefined, 1],
    ["", 1],
    ["1", 1],
    ["3", 3],
    ["0", 1],
    ["-2", 1],
    ["2.5", 1],
    ["abc", 1],
    ["1e9", 1],
    ["100000", 100_000],
  ])("%j reads as page %i", (raw, page) => {
    expect(ZPage.parse(raw)).toBe(page);
  });
});

describe("ZSearch", () => {
  it.each([
    [undefined, ""],
    ["  ", ""],
    ["  Ana   María ", "Ana María"],
    [42, ""],
    ["x".repeat(300), "x".repeat(100)],
  ])("%j reads as %j", (raw, search) => {
    expect(ZSearch.parse(raw)).toBe(search);
  });
});

describe("pageWindow", () => {
  it.each([
    // requested, total, size -> page, pages, skip, from, to
    [1, 0, 100, { page: 1, pages: 1, skip: 0, from: 0, to: 0 }],
    [3, 0, 100, { page: 1, pages: 1, skip: 0, from: 0, to: 0 }],
    [1, 5000, 100, { page: 1, pages: 50, skip: 0, from: 1, to: 100 }],
    [2, 5000, 100, { page: 2, pages: 50, skip: 100, from: 101, to: 200 }],
    [50, 5000, 100, { page: 50, pages: 50, skip: 4900, from: 4901, to: 5000 }],
    [51, 5000, 100, { page: 50, pages: 50, skip: 4900, from: 4901, to: 5000 }],
    [3, 250, 100, { page: 3, pages: 3, skip: 200, from: 201, to: 250 }],
    [9, 250, 100, { page: 3, pages: 3, skip: 200, from: 201, to: 250 }],
    [0, 250, 100, { page: 1, pages: 3, skip: 0, from: 1, to: 100 }],
    [-4, 250, 100, { page: 1, pages: 3, skip: 0, from: 1, to: 100 }],
    [Number.NaN, 250, 100, { page: 1, pages: 3, skip: 0, from: 1, to: 100 }],
    [2, 100, 100, { page: 1, pages: 1, skip: 0, from: 1, to: 100 }],
    [2, 101, 100, { page: 2, pages: 2, skip: 100, from: 101, to: 101 }],
    [2, 7, 0, { page: 2, pages: 7, skip: 1, from: 2, to: 2 }],
  ])("page %d of %d rows by %d", (requested, total, size, expected) => {
    const w = pageWindow(requested, total, size);
    expect({ page: w.page, pages: w.pages, skip: w.skip, from: w.from, to: w.to }).toEqual(expected);
    expect(w.take).toBe(Math.max(1, size));
  });
});

describe("pageNumbers", () => {
  it.each([
    [1, 1, [1]],
    [1, 2, [1, 2]],
    [1, 3, [1, 2, 3]],
    [1, 50, [1, 2, "gap", 50]],
    [5, 50, [1, "gap", 4, 5, 6, "gap", 50]],
    [3, 50, [1, 2, 3, 4, "gap", 50]],
    [50, 50, [1, "gap", 49, 50]],
    [4, 7, [1, 2, 3, 4, 5, 6, 7]],
  ])("page %d of %d", (page, pages, expected) => {
    expect(pageNumbers(page, pages)).toEqual(expected);
  });
});

describe("firstValues", () => {
  it("keeps the first of a repeated parameter", () => {
    expect(firstValues({ page: ["2", "3"], q: "ana", show: undefined })).toEqual({
      page: "2",
      q: "ana",
      show: undefined,
    });
  });
});

describe("parseConfirm", () => {
  const kinds = ["withdraw", "move"] as const;
  it.each([
    ["withdraw:abc-123", { kind: "withdraw", id: "abc-123" }],
    ["move:cl9x_Y2", { kind: "move", id: "cl9x_Y2" }],
    [["move:a", "withdraw:b"], { kind: "move", id: "a" }],
    [undefined, undefined],
    ["", undefined],
    ["withdraw", undefined],
    ["withdraw:", undefined],
    ["reject:abc", undefined],
    ["WITHDRAW:abc", undefined],
    ["withdraw:a b", undefined],
    ["withdraw:a/../b", undefined],
    [`withdraw:${"x".repeat(61)}`, undefined],
  ])("%j reads as %j", (raw, expected) => {
    expect(parseConfirm(raw, kinds)).toEqual(expected);
  });
});
