import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  assessReportFit,
  bestOffset,
  formatOffset,
  offsetAt,
  shareWithin,
  zonesWithOffset,
  type Span,
} from "@/lib/domain/zoom-fit";
import { parseZoomReport } from "@/lib/domain/zoom-report";

// Fixed dates: these are data (a meeting's report), never compared with the clock.
const at = (iso: string) => new Date(`${iso}Z`);
const span = (join: string, leave: string): Span => ({ join: at(join), leave: at(leave) });
const session = { startsAt: at("2021-12-15T09:00"), endsAt: at("2021-12-15T12:00") };

describe("shareWithin", () => {
  it.each<[string, Span[], number]>([
    ["all inside", [span("2021-12-15T09:00", "2021-12-15T12:00")], 1],
    ["half inside", [span("2021-12-15T08:00", "2021-12-15T10:00")], 0.5],
    ["before the session", [span("2021-12-15T04:00", "2021-12-15T07:00")], 0],
    ["touching its end only", [span("2021-12-15T12:00", "2021-12-15T13:00")], 0],
    ["another day", [span("2021-12-16T09:00", "2021-12-16T12:00")], 0],
    [
      "two people, one inside, one after",
      [span("2021-12-15T10:00", "2021-12-15T11:00"), span("2021-12-15T13:00", "2021-12-15T14:00")],
      0.5,
    ],
    ["no time at all (nothing to judge)", [span("2021-12-15T14:00", "2021-12-15T14:00")], 1],
  ])("%s", (_, spans, expected) => {
    expect(shareWithin(spans, session)).toBeCloseTo(expected, 6);
  });
});

describe("offsetAt and formatOffset", () => {
  it.each<[string, string, number, string]>([
    ["UTC", "2021-12-15T09:00", 0, "+00:00"],
    ["Asia/Karachi", "2021-12-15T09:00", 300, "+05:00"],
    ["Asia/Kathmandu", "2021-12-15T09:00", 345, "+05:45"],
    ["America/New_York", "2021-12-15T09:00", -300, "-05:00"],
    ["America/New_York", "2021-07-15T09:00", -240, "-04:00"],
    ["America/St_Johns", "2021-12-15T09:00", -210, "-03:30"],
  ])("%s at %s", (zone, when, offset, text) => {
    expect(offsetAt(zone, at(when))).toBe(offset);
    expect(formatOffset(offset)).toBe(text);
  });
});

describe("zonesWithOffset", () => {
  it("names the preferred zone first, then familiar ones, and only zones with that offset on that date", () => {
    const zones = zonesWithOffset(300, at("2021-12-15T09:00"), ["Asia/Samarkand"]);
    expect(zones.slice(0, 3)).toEqual(["Asia/Samarkand", "Asia/Karachi", "Asia/Tashkent"]);
    expect(zones).toContain("Asia/Yekaterinburg");
    expect(zones).not.toContain("Asia/Kolkata");
    // New York is at -05:00 in December and -04:00 in July.
    expect(zonesWithOffset(-300, at("2021-12-15T09:00"))).toContain("America/New_York");
    expect(zonesWithOffset(-300, at("2021-07-15T09:00"))).not.toContain("America/New_York");
  });

  it.each([
    [345, "Asia/Kathmandu", "Asia/Katmandu"],
    [330, "Asia/Kolkata", "Asia/Calcutta"],
    [390, "Asia/Yangon", "Asia/Rangoon"],
    [420, "Asia/Ho_Chi_Minh", "Asia/Saigon"],
    [120, "Europe/Kyiv", "Europe/Kiev"],
  ])("names the zones at %i minutes by today's names, as the app's lists do: %s, not %s", (offset, today, former) => {
    const zones = zonesWithOffset(offset, at("2021-12-15T09:00"));
    expect(zones).toContain(today);
    expect(zones).not.toContain(former);
    expect(new Set(zones).size).toBe(zones.length);
  });
});

describe("bestOffset", () => {
  it.each<[string, Span[], string, number]>([
    // Karachi's 14:00-17:00 read as UTC: the session's 09:00-12:00 UTC is 14:00-17:00 at +05:00.
    [
      "a whole-session report read in UTC, written at +05:00",
      [span("2021-12-15T14:00", "2021-12-15T17:00")],
      "UTC",
      300,
    ],
    ["written at -05:00 (New York), read in UTC", [span("2021-12-15T04:00", "2021-12-15T07:00")], "UTC", -300],
    ["written in UTC, read in Asia/Shanghai", [span("2021-12-15T01:00", "2021-12-15T04:00")], "Asia/Shanghai", 0],
    ["written at +05:45 (Kathmandu), read in UTC", [span("2021-12-15T14:45", "2021-12-15T17:45")], "UTC", 345],
    // One short stay fits in many places: the offset that centres it on the session wins.
    ["a short stay, written at +03:00", [span("2021-12-15T13:00", "2021-12-15T14:00")], "UTC", 180],
  ])("%s", (_, spans, readIn, offset) => {
    expect(bestOffset(spans, session, readIn).offset).toBe(offset);
    expect(bestOffset(spans, session, readIn).share).toBe(1);
  });
});

describe("assessReportFit", () => {
  const host = (from: string, to: string) => span(from, to);
  it.each<[string, Span[], string, Record<string, unknown>]>([
    ["fits", [host("2021-12-15T08:50", "2021-12-15T12:05")], "UTC", { kind: "fits" }],
    ["mostly late but within", [host("2021-12-15T11:00", "2021-12-15T12:30")], "UTC", { kind: "fits" }],
    [
      "five hours off: read at +05:00 it fits",
      [host("2021-12-15T13:50", "2021-12-15T17:05"), host("2021-12-15T14:10", "2021-12-15T16:00")],
      "UTC",
      { kind: "shifted", share: 0, offsetMinutes: 300 },
    ],
    [
      // 09:00-12:00 on the report, read in Tokyo (+09:00): 00:00-03:00 UTC.
      "read in the cohort's zone, written in UTC",
      [host("2021-12-15T00:00", "2021-12-15T03:00")],
      "Asia/Tokyo",
      { kind: "shifted", share: 0, offsetMinutes: 0 },
    ],
    [
      "another day: no zone makes it fit",
      [host("2021-12-22T09:00", "2021-12-22T12:00")],
      "UTC",
      { kind: "elsewhere", share: 0, from: at("2021-12-22T09:00"), to: at("2021-12-22T12:00") },
    ],
  ])("%s", (_, spans, readIn, expected) => {
    expect(assessReportFit({ spans, session, readIn })).toMatchObject(expected);
  });

  it("an empty report fits (there is nothing to warn about)", () => {
    expect(assessReportFit({ spans: [], session, readIn: "UTC" })).toEqual({ kind: "fits", share: 1 });
  });

  it("names the preferred zone first when it has the offset", () => {
    const fit = assessReportFit({
      spans: [span("2021-12-15T14:00", "2021-12-15T17:00")],
      session,
      readIn: "UTC",
      preferred: ["UTC", "Asia/Tashkent"],
    });
    expect(fit.kind === "shifted" && fit.zones[0]).toBe("Asia/Tashkent");
  });

  it("finds Karachi for the sample report read in UTC against a session at 04:00-07:00 UTC", () => {
    const text = readFileSync(path.join(process.cwd(), "tests/fixtures/zoom/with-meeting-block.csv"), "utf8");
    const report = parseZoomReport(text, "UTC");
    if (!report.ok) throw new Error("the sample report should parse");
    const fit = assessReportFit({
      spans: report.rows,
      session: { startsAt: at("2021-12-15T04:00"), endsAt: at("2021-12-15T07:00") },
      readIn: "UTC",
    });
    expect(fit).toMatchObject({ kind: "shifted", share: 0, offsetMinutes: 300 });
    expect(fit.kind === "shifted" && fit.zones[0]).toBe("Asia/Karachi");
    expect(fit.kind === "shifted" && fit.fittedShare).toBeGreaterThan(0.95);
  });
});
