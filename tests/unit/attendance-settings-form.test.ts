import { describe, expect, it } from "vitest";
import { ZAttendanceSettingsForm } from "@/lib/schemas/attendance-settings";

const form = (o: Record<string, string | undefined> = {}) => ({
  presentPercent: "75",
  latePercent: "40",
  lateAfterMinutes: "10",
  excusedCounts: "on",
  ...o,
});

describe("ZAttendanceSettingsForm", () => {
  it("reads the defaults, and an unticked box as off", () => {
    expect(ZAttendanceSettingsForm.parse(form())).toEqual({
      presentPercent: 75,
      latePercent: 40,
      lateAfterMinutes: 10,
      excusedCounts: true,
    });
    expect(ZAttendanceSettingsForm.parse(form({ excusedCounts: undefined })).excusedCounts).toBe(false);
  });

  it.each([
    [{ presentPercent: "0" }, "presentPercent", "between-1-100"],
    [{ presentPercent: "101" }, "presentPercent", "between-1-100"],
    [{ latePercent: "-1" }, "latePercent", "between-0-100"],
    [{ latePercent: "1.5" }, "latePercent", "whole-number"],
    [{ latePercent: "80" }, "latePercent", "late-above-present"],
    [{ lateAfterMinutes: "241" }, "lateAfterMinutes", "between-0-240"],
    [{ lateAfterMinutes: "ten" }, "lateAfterMinutes", "whole-number"],
  ])("%j: %s is %s", (change, field, code) => {
    const r = ZAttendanceSettingsForm.safeParse(form(change));
    expect(r.success).toBe(false);
    if (!r.success) expect([r.error.issues[0]!.path[0], r.error.issues[0]!.message]).toEqual([field, code]);
  });
});
