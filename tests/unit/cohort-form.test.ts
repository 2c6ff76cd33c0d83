import { describe, expect, it } from "vitest";
import { COHORT_FIELDS, ZCohortForm } from "@/lib/schemas/cohort";

const form = {
  name: "5th Training Program, June 2026",
  slug: "",
  description: "Online, five lectures.",
  timeZone: "Asia/Karachi",
  startsOn: "2026-06-15",
  endsOn: "2026-06-19",
  enrolmentOpensAt: "2026-05-01T09:00",
  enrolmentClosesAt: "2026-06-10T17:00",
  capacity: "120",
  enrolmentMode: "APPROVAL",
};

describe("ZCohortForm", () => {
  it("lists every field of the form", () => {
    expect([...COHORT_FIELDS].sort()).toEqual(Object.keys(form).sort());
  });

  it("turns the form into a cohort: slug from the name, window in the cohort's time zone", () => {
    expect(ZCohortForm.parse(form)).toEqual({
      name: "5th Training Program, June 2026",
      slug: "5th-training-program-june-2026",
      description: "Online, five lectures.",
      timeZone: "Asia/Karachi",
      startsOn: new Date("2026-06-15T00:00:00Z"),
      endsOn: new Date("2026-06-19T00:00:00Z"),
      enrolmentOpensAt: new Date("2026-05-01T04:00:00Z"),
      enrolmentClosesAt: new Date("2026-06-10T12:00:00Z"),
      capacity: 120,
      enrolmentMode: "APPROVAL",
    });
  });

  it("leaves out what is left empty: no window, no limit", () => {
    expect(ZCohortForm.parse({ ...form, enrolmentOpensAt: "", enrolmentClosesAt: "", capacity: "" })).toMatchObject({
      enrolmentOpensAt: null,
      enrolmentClosesAt: null,
      capacity: null,
    });
  });

  it.each<[string, Partial<typeof form>, string, string]>([
    ["a too-short name", { name: "ab" }, "name", "too-short"],
    ["a slug with spaces", { slug: "my cohort" }, "slug", "invalid-slug"],
    ["an unknown time zone", { timeZone: "Asia/Atlantis" }, "timeZone", "unknown-time-zone"],
    ["a last day before the first", { endsOn: "2026-06-01" }, "endsOn", "ends-before-start"],
    [
      "a window that closes before it opens",
      { enrolmentClosesAt: "2026-04-01T09:00" },
      "enrolmentClosesAt",
      "closes-before-opens",
    ],
    ["zero places", { capacity: "0" }, "capacity", "at-least-one"],
    ["half a place", { capacity: "2.5" }, "capacity", "whole-number"],
    ["no enrolment mode", { enrolmentMode: "" }, "enrolmentMode", "required"],
    ["a name with no letters for a slug", { name: "李岩李岩", slug: "" }, "slug", "required"],
  ])("refuses %s, naming the field", (_, change, field, code) => {
    const result = ZCohortForm.safeParse({ ...form, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toContainEqual([field, code]);
  });
});
