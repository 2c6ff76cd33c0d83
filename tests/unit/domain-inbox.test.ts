import { describe, expect, it } from "vitest";
import { clampPage, planBulkApproval, summariseBulk, type BulkOutcome } from "@/lib/domain/inbox";
import { bulkDecisionInput, ZBulkDecision } from "@/lib/schemas/inbox";

describe("planBulkApproval", () => {
  const pending = ["a", "b", "c", "d"];
  it.each<[string, number | null, number, string[], string[]]>([
    ["no capacity: everyone", null, 500, ["a", "b", "c", "d"], []],
    ["room for all", 10, 2, ["a", "b", "c", "d"], []],
    ["room for exactly all", 10, 6, ["a", "b", "c", "d"], []],
    ["room for two: the two oldest", 10, 8, ["a", "b"], ["c", "d"]],
    ["one place left", 5, 4, ["a"], ["b", "c", "d"]],
    ["full", 5, 5, [], ["a", "b", "c", "d"]],
    ["over-full (capacity lowered since)", 5, 7, [], ["a", "b", "c", "d"]],
    ["capacity zero", 0, 0, [], ["a", "b", "c", "d"]],
  ])("%s", (_, capacity, activeCount, approve, full) => {
    expect(planBulkApproval({ capacity, activeCount, pending })).toEqual({ approve, full });
  });

  it("nothing chosen, nothing planned", () => {
    expect(planBulkApproval({ capacity: 3, activeCount: 0, pending: [] })).toEqual({ approve: [], full: [] });
  });
});

describe("summariseBulk", () => {
  it.each<[BulkOutcome[], number, number, number]>([
    [[], 0, 0, 0],
    [["done", "done", "done"], 3, 0, 0],
    [["done", "full", "full", "skipped"], 1, 2, 1],
    [["skipped", "skipped"], 0, 0, 2],
  ])("%j: %i done, %i full, %i skipped", (outcomes, done, full, skipped) => {
    expect(summariseBulk("approve", outcomes)).toEqual({ decision: "approve", done, full, skipped });
  });
});

describe("clampPage", () => {
  it.each([
    [1, 0, 1],
    [3, 0, 1],
    [1, 50, 1],
    [2, 50, 1],
    [2, 51, 2],
    [9, 120, 3],
    [0, 120, 1],
    [-4, 120, 1],
    [Number.NaN, 120, 1],
  ])("page %d of %d requests shows page %d", (page, total, shown) => {
    expect(clampPage(page, total)).toBe(shown);
  });
});

describe("the bulk decision form", () => {
  const form = (fields: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of fields) f.append(k, v);
    return ZBulkDecision.safeParse(bulkDecisionInput(f));
  };

  it("reads every checked box", () => {
    const parsed = form([
      ["cohortId", "c1"],
      ["decision", "approve"],
      ["ids", "e1"],
      ["ids", "e2"],
    ]);
    expect(parsed.data).toEqual({ cohortId: "c1", decision: "approve", ids: ["e1", "e2"] });
  });

  it("a refusal is confirmed only by the confirmation step's button", () => {
    expect(
      form([
        ["cohortId", "c1"],
        ["decision", "reject-confirmed"],
        ["ids", "e1"],
      ]).data,
    ).toMatchObject({ decision: "reject", confirm: "yes" });
    expect(
      form([
        ["cohortId", "c1"],
        ["decision", "reject"],
        ["ids", "e1"],
        ["confirm", "yes"],
      ]).data,
    ).toEqual({ cohortId: "c1", decision: "reject", ids: ["e1"] });
  });

  it.each<[string, [string, string][]]>([
    [
      "no box checked",
      [
        ["cohortId", "c1"],
        ["decision", "approve"],
      ],
    ],
    [
      "an unknown decision",
      [
        ["cohortId", "c1"],
        ["decision", "delete"],
        ["ids", "e1"],
      ],
    ],
    [
      "an id too long",
      [
        ["cohortId", "c1"],
        ["decision", "approve"],
        ["ids", "x".repeat(41)],
      ],
    ],
    [
      "a message too long",
      [
        ["cohortId", "c1"],
        ["decision", "approve"],
        ["ids", "e1"],
        ["note", "x".repeat(1001)],
      ],
    ],
    [
      "no cohort",
      [
        ["decision", "approve"],
        ["ids", "e1"],
      ],
    ],
    [
      "too many ids",
      [
        ["cohortId", "c1"],
        ["decision", "approve"],
        ...Array.from({ length: 201 }, (_, i): [string, string] => ["ids", `e${i}`]),
      ],
    ],
  ])("refuses %s", (_, fields) => {
    expect(form(fields).success).toBe(false);
  });
});
