import { describe, expect, it } from "vitest";
import { clockShift, encodeClockShift, offShift } from "../support/clock-shift";

const DAY = 24 * 60 * 60 * 1000;
const from = Date.UTC(2030, 0, 1);
const shift = { from, days: 400 };

describe("clockShift", () => {
  it("reads what the clock stage sets, and null on the real clock", () => {
    expect(clockShift({ TEST_CLOCK_SHIFT: encodeClockShift(shift) })).toEqual(shift);
    expect(clockShift({})).toBeNull();
  });
  it("refuses a malformed value rather than checking nothing", () => {
    expect(() => clockShift({ TEST_CLOCK_SHIFT: '{"days":400}' })).toThrow();
    expect(() => clockShift({ TEST_CLOCK_SHIFT: "400" })).toThrow();
  });
});

describe("offShift", () => {
  it.each([
    ["the real clock: not moved at all", from + 5 * 60_000, 400 * DAY - 5 * 60_000],
    ["moved a day short", from + 399 * DAY, DAY],
    ["moved exactly", from + 400 * DAY, 0],
    ["moved, ten minutes into the stage", from + 400 * DAY + 10 * 60_000, 0],
    ["moved twice as far", from + 800 * DAY, 399 * DAY],
  ])("%s", (_, now, off) => {
    expect(offShift(now, shift)).toBe(off);
  });
});
