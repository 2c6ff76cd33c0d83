import { describe, expect, it } from "vitest";
import {
  certificateCounts,
  funnel,
  bucketOf,
  buckets,
  hardest,
  sessionCounts,
  share,
  SMALL_WHOLE,
  sumFunnels,
  attended,
  tally,
  type Place,
} from "@/lib/domain/programme-report";

describe("share", () => {
  it.each([
    [3, 5, null],
    [0, 0, null],
    [9, SMALL_WHOLE - 1, null],
    [3, SMALL_WHOLE, 30],
    [1, 3 * SMALL_WHOLE, 3.3],
    [40, 40, 100],
  ])("%i of %i: %s%", (count, of, percent) => {
    expect(share(count, of)).toEqual({ count, of, percent });
  });
});

describe("funnel", () => {
  const place = (userId: string, status: Place["status"] = "ACTIVE"): Place => ({ userId, status });
  it("counts every place as invited, the active places as enrolled, and the rest among the enrolled", () => {
    const places = [place("a"), place("b"), place("c"), place("w", "WITHDRAWN"), place("p", "PENDING")];
    // "w" studied before withdrawing and still holds a certificate: not among the enrolled.
    const result = funnel(places, new Set(["a", "b", "w"]), new Set(["a"]), new Set(["a", "w"]));
    expect(result).toEqual({
      invited: 5,
      enrolled: 3,
      active: { count: 2, of: 3, percent: null },
      completed: { count: 1, of: 3, percent: null },
      certified: { count: 2, of: 3, percent: null },
    });
  });
  it("is all zeros for an empty cohort", () => {
    expect(funnel([], new Set(), new Set(), new Set())).toEqual({
      invited: 0,
      enrolled: 0,
      active: { count: 0, of: 0, percent: null },
      completed: { count: 0, of: 0, percent: null },
      certified: { count: 0, of: 0, percent: null },
    });
  });
});

describe("tally", () => {
  it.each([
    [
      "most first, ties by value",
      ["PK", "IR", "PK", "CN", "IR", "PK"],
      Infinity,
      [
        ["PK", 3],
        ["IR", 2],
        ["CN", 1],
      ],
    ],
    [
      "unknown (null, blank) last",
      [null, "PK", " ", undefined, "AZ"],
      Infinity,
      [
        ["AZ", 1],
        ["PK", 1],
        [null, 3],
      ],
    ],
    [
      "the rest as other",
      ["PK", "PK", "IR", "CN", "AZ", null],
      1,
      [
        ["PK", 2],
        ["other", 3],
        [null, 1],
      ],
    ],
    ["trimmed values counted together", ["Professor", " Professor "], Infinity, [["Professor", 2]]],
    ["nothing", [], Infinity, []],
  ] as const)("%s", (_case, values, top, expected) => {
    const rows = tally(values, top);
    expect(rows.map((r) => [r.key, r.count])).toEqual(expected);
    expect(rows.every((r) => r.share.of === values.length)).toBe(true);
  });
});

describe("sessionCounts", () => {
  it("counts each status, the unmarked apart", () => {
    expect(sessionCounts(["PRESENT", "PRESENT", "LATE", null, "EXCUSED", "ABSENT", null])).toEqual({
      PRESENT: 2,
      LATE: 1,
      EXCUSED: 1,
      ABSENT: 1,
      unmarked: 2,
    });
  });
});

describe("certificateCounts", () => {
  it("tells issued, valid, revoked and replaced apart", () => {
    const at = new Date(0);
    const rows = [
      { revokedAt: null, replacedById: null },
      { revokedAt: null, replacedById: null },
      { revokedAt: at, replacedById: null },
      { revokedAt: at, replacedById: "new" },
    ];
    expect(certificateCounts(rows)).toEqual({ issued: 4, valid: 2, revoked: 1, reissued: 1 });
  });
});

describe("hardest", () => {
  it("orders by share right, leaves out unanswered questions, and keeps at most n", () => {
    const q = (id: string, correctShare: number | null) => ({ id, correctShare });
    const questions = [q("q1", 80), q("q2", 20), q("q3", null), q("q4", 20), q("q5", 50)];
    expect(hardest(questions, 3).map((x) => x.id)).toEqual(["q2", "q4", "q5"]);
    expect(hardest([q("q3", null)])).toEqual([]);
  });
});

describe("buckets", () => {
  it.each([
    [0, []],
    [1, [[1, 1]]],
    [
      3,
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    ],
    [
      5,
      [
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 5],
      ],
    ],
    [
      100,
      [
        [1, 25],
        [26, 50],
        [51, 75],
        [76, 100],
      ],
    ],
  ])("1..%i", (max, expected) => {
    expect(buckets(max).map((b) => [b.from, b.to])).toEqual(expected);
  });
  it("places each count in its bucket, none for 0", () => {
    const ranges = buckets(100);
    expect([0, 1, 25, 26, 100, 101].map((c) => bucketOf(c, ranges))).toEqual([-1, 0, 0, 1, 3, -1]);
  });
});

describe("sumFunnels", () => {
  it("sums the counts and takes the shares of the summed enrolled", () => {
    const a = funnel([{ userId: "a", status: "ACTIVE" }], new Set(["a"]), new Set(["a"]), new Set(["a"]));
    const many = Array.from({ length: 12 }, (_, i) => ({
      userId: `b${i}`,
      status: "ACTIVE" as const,
      source: "ROSTER",
    }));
    const b = funnel(many, new Set(["b1", "b2"]), new Set(), new Set());
    expect(sumFunnels([a, b])).toEqual({
      invited: 13,
      enrolled: 13,
      active: { count: 3, of: 13, percent: 23.1 },
      completed: { count: 1, of: 13, percent: 7.7 },
      certified: { count: 1, of: 13, percent: 7.7 },
    });
    expect(sumFunnels([]).enrolled).toBe(0);
  });
});

describe("attended", () => {
  it("counts present and late among the marks, leaving out the unmarked", () => {
    const counts = (PRESENT: number, LATE: number, EXCUSED: number, ABSENT: number, unmarked: number) => ({
      counts: { PRESENT, LATE, EXCUSED, ABSENT, unmarked },
    });
    expect(attended([counts(5, 1, 1, 3, 40), counts(2, 0, 0, 0, 9)])).toEqual({ count: 8, of: 12, percent: 66.7 });
    expect(attended([])).toEqual({ count: 0, of: 0, percent: null });
  });
});
