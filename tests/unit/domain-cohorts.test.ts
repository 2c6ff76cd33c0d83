import { describe, expect, it } from "vitest";
import {
  cohortListState,
  enrolmentState,
  isSelfService,
  selectJoinableCohorts,
  selectOpenCohorts,
  type EnrolmentWindow,
} from "@/lib/domain/cohorts";
import type { EnrolmentMode } from "@/lib/domain/enrolment";

const now = new Date("2026-06-15T12:00:00Z");
const at = (iso: string) => new Date(iso);
const open: EnrolmentWindow = { archivedAt: null, enrolmentOpensAt: null, enrolmentClosesAt: null };

describe("enrolmentState", () => {
  it.each<[string, Partial<EnrolmentWindow>, ReturnType<typeof enrolmentState>]>([
    ["no bounds: always open", {}, "open"],
    [
      "opened earlier, closes later",
      { enrolmentOpensAt: at("2026-06-01T00:00:00Z"), enrolmentClosesAt: at("2026-07-01T00:00:00Z") },
      "open",
    ],
    ["opens exactly now", { enrolmentOpensAt: now }, "open"],
    ["opens a second from now", { enrolmentOpensAt: new Date(now.getTime() + 1000) }, "not-yet-open"],
    ["closes exactly now", { enrolmentClosesAt: now }, "closed"],
    ["closed yesterday", { enrolmentClosesAt: at("2026-06-14T12:00:00Z") }, "closed"],
    ["archived, even with an open window", { archivedAt: at("2026-06-01T00:00:00Z") }, "archived"],
    ["archival scheduled for later: still open", { archivedAt: at("2026-07-01T00:00:00Z") }, "open"],
  ])("%s", (_, window, expected) => {
    expect(enrolmentState({ ...open, ...window }, now)).toBe(expected);
  });
});

describe("cohortListState", () => {
  it.each<[string, Partial<EnrolmentWindow>, number | null, number, ReturnType<typeof cohortListState>]>([
    ["open, no limit on places", {}, null, 500, "open"],
    ["open, a place left", {}, 30, 29, "open"],
    ["open, every place taken", {}, 30, 30, "full"],
    ["open, more enrolled than places (places lowered since)", {}, 3, 6, "full"],
    ["closed and full: closed", { enrolmentClosesAt: at("2026-06-14T12:00:00Z") }, 30, 30, "closed"],
    ["archived and full: archived", { archivedAt: at("2026-06-01T00:00:00Z") }, 30, 30, "archived"],
  ])("%s", (_, window, capacity, active, expected) => {
    expect(cohortListState({ ...open, ...window, capacity }, active, now)).toBe(expected);
  });
});

describe("selectOpenCohorts", () => {
  const cohort = (name: string, startsOn: string, extra: Partial<EnrolmentWindow> = {}) => ({
    ...open,
    name,
    startsOn: at(startsOn),
    ...extra,
  });

  it("keeps open cohorts only, soonest start first, then by name", () => {
    const result = selectOpenCohorts(
      [
        cohort("Later", "2026-09-01"),
        cohort("Closed", "2026-01-01", { enrolmentClosesAt: at("2026-02-01T00:00:00Z") }),
        cohort("B soon", "2026-07-01"),
        cohort("Archived", "2026-07-01", { archivedAt: at("2026-05-01T00:00:00Z") }),
        cohort("A soon", "2026-07-01"),
        cohort("Future window", "2026-08-01", { enrolmentOpensAt: at("2026-07-01T00:00:00Z") }),
      ],
      now,
    );
    expect(result.map((c) => c.name)).toEqual(["A soon", "B soon", "Later"]);
  });

  it("returns an empty list when nothing is open", () => {
    expect(selectOpenCohorts([cohort("Closed", "2026-01-01", { enrolmentClosesAt: now })], now)).toEqual([]);
  });
});

describe("selectJoinableCohorts (the landing page's list)", () => {
  const cohort = (name: string, enrolmentMode: EnrolmentMode, extra: Partial<EnrolmentWindow> = {}) => ({
    ...open,
    name,
    startsOn: at("2026-07-01"),
    enrolmentMode,
    ...extra,
  });

  it.each<[EnrolmentMode, boolean]>([
    ["OPEN", true],
    ["APPROVAL", true],
    ["INVITE_ONLY", false],
  ])("%s: listed as joinable = %s", (mode, listed) => {
    expect(isSelfService(mode)).toBe(listed);
    expect(selectJoinableCohorts([cohort("C", mode)], now)).toHaveLength(listed ? 1 : 0);
  });

  it("keeps only the cohorts open for enrolment that people can join or ask to join, by name", () => {
    const result = selectJoinableCohorts(
      [
        cohort("Invite", "INVITE_ONLY"),
        cohort("B approval", "APPROVAL"),
        cohort("Closed", "OPEN", { enrolmentClosesAt: at("2026-06-01T00:00:00Z") }),
        cohort("A open", "OPEN"),
      ],
      now,
    );
    expect(result.map((c) => c.name)).toEqual(["A open", "B approval"]);
  });
});
