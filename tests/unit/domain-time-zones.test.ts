import { describe, expect, it } from "vitest";
import { currentZoneName, isTimeZone, RENAMED_TIME_ZONES, timeZoneChoices } from "../../lib/domain/time-zones";
import { ZProfile } from "../../lib/schemas/profile";

describe("time zones by today's names", () => {
  it.each([
    ["Asia/Calcutta", "Asia/Kolkata"],
    ["Asia/Katmandu", "Asia/Kathmandu"],
    ["Europe/Kiev", "Europe/Kyiv"],
    ["Asia/Saigon", "Asia/Ho_Chi_Minh"],
    ["Asia/Rangoon", "Asia/Yangon"],
    ["Asia/Karachi", "Asia/Karachi"],
    ["Europe/Bratislava", "Europe/Bratislava"], // a link in tzdata, not a former name
    ["UTC", "UTC"],
  ])("%s is %s", (given, current) => {
    expect(currentZoneName(given)).toBe(current);
    expect(isTimeZone(given)).toBe(true);
    expect(isTimeZone(current)).toBe(true);
  });

  it("accepts no made-up zone", () => {
    expect(isTimeZone("Asia/Atlantis")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("lists UTC first, then every zone once by today's name, sorted; each one Intl can use", () => {
    const list = timeZoneChoices();
    expect(list[0]).toBe("UTC");
    expect(new Set(list).size).toBe(list.length);
    expect(list.slice(1)).toEqual([...list.slice(1)].sort());
    for (const former of Object.keys(RENAMED_TIME_ZONES)) expect(list).not.toContain(former);
    for (const current of ["Asia/Kolkata", "Europe/Kyiv", "Asia/Kathmandu", "Asia/Tehran", "Asia/Tashkent"])
      expect(list).toContain(current);
    for (const tz of list) expect(() => new Intl.DateTimeFormat("en", { timeZone: tz })).not.toThrow();
  });

  it("a profile or cohort saved with a former name is stored under today's", () => {
    expect(ZProfile.shape.timeZone.parse("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(ZProfile.shape.timeZone.parse("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(ZProfile.shape.timeZone.safeParse("Asia/Atlantis").success).toBe(false);
  });
});
