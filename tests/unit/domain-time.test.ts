import { describe, expect, it } from "vitest";
import { dateOnly, slugify, toDateInput, utcToZonedInput, zonedInputToUtc } from "@/lib/domain/time";

describe("cohort time zones", () => {
  it.each([
    ["2021-12-15T09:00", "Asia/Karachi", "2021-12-15T04:00:00.000Z"],
    ["2021-12-15T09:00", "Asia/Tehran", "2021-12-15T05:30:00.000Z"],
    ["2021-12-15T09:00", "Asia/Shanghai", "2021-12-15T01:00:00.000Z"],
    ["2021-12-15T00:30", "Asia/Kathmandu", "2021-12-14T18:45:00.000Z"],
    ["2026-03-29T03:30", "Europe/London", "2026-03-29T02:30:00.000Z"], // after the spring-forward gap
    ["2026-07-01T12:00", "UTC", "2026-07-01T12:00:00.000Z"],
  ])("%s in %s is %s", (local, tz, utc) => {
    expect(zonedInputToUtc(local, tz).toISOString()).toBe(utc);
  });

  it.each([
    ["2021-12-15T04:00:00Z", "Asia/Karachi", "2021-12-15T09:00"],
    ["2021-12-15T05:30:00Z", "Asia/Tehran", "2021-12-15T09:00"],
    ["2021-12-31T20:00:00Z", "Asia/Shanghai", "2022-01-01T04:00"],
  ])("%s shows as %s in %s", (utc, tz, local) => {
    expect(utcToZonedInput(new Date(utc), tz)).toBe(local);
  });

  it("round-trips every half hour of a day in Tehran", () => {
    for (let m = 0; m < 24 * 60; m += 30) {
      const local = `2026-06-15T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
      expect(utcToZonedInput(zonedInputToUtc(local, "Asia/Tehran"), "Asia/Tehran")).toBe(local);
    }
  });

  it("refuses what is not a date-time", () => {
    expect(() => zonedInputToUtc("15/12/2021 09:00", "UTC")).toThrow(RangeError);
  });

  it("keeps calendar dates as dates", () => {
    expect(toDateInput(dateOnly("2021-12-15"))).toBe("2021-12-15");
  });
});

describe("slugify", () => {
  it.each([
    ["4th Training Program, December 2021", "4th-training-program-december-2021"],
    ["  Éco Cohort — Spring  ", "eco-cohort-spring"],
    ["STI 101!!!", "sti-101"],
    ["李岩", ""],
  ])("%j -> %j", (name, slug) => expect(slugify(name)).toBe(slug));
});
