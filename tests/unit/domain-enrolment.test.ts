import { describe, expect, it } from "vitest";
import {
  availableActions,
  decideAdminChange,
  decideEnrolment,
  type EnrolmentOutcome,
  type EnrolmentStatus,
} from "@/lib/domain/enrolment";

const now = new Date("2026-06-15T12:00:00Z");
type Cohort = Parameters<typeof decideEnrolment>[0]["cohort"];
const open: Cohort = {
  archivedAt: null,
  enrolmentOpensAt: null,
  enrolmentClosesAt: null,
  capacity: null,
  enrolmentMode: "OPEN",
};

describe("decideEnrolment", () => {
  it.each<[string, Partial<Cohort>, number, EnrolmentStatus | null, EnrolmentOutcome]>([
    ["open cohort, newcomer", {}, 0, null, "enrolled"],
    ["approval cohort, newcomer", { enrolmentMode: "APPROVAL" }, 0, null, "requested"],
    ["invite-only cohort", { enrolmentMode: "INVITE_ONLY" }, 0, null, "invite-only"],
    ["last free place", { capacity: 10 }, 9, null, "enrolled"],
    ["full", { capacity: 10 }, 10, null, "full"],
    ["full, approval mode", { capacity: 10, enrolmentMode: "APPROVAL" }, 10, null, "full"],
    ["window closed", { enrolmentClosesAt: new Date("2026-06-01T00:00:00Z") }, 0, null, "closed"],
    ["window not open yet", { enrolmentOpensAt: new Date("2026-07-01T00:00:00Z") }, 0, null, "not-yet-open"],
    ["archived", { archivedAt: new Date("2026-06-01T00:00:00Z") }, 0, null, "archived"],
    ["already enrolled, even when full", { capacity: 1 }, 1, "ACTIVE", "already-enrolled"],
    ["already requested", { enrolmentMode: "APPROVAL" }, 0, "PENDING", "already-requested"],
    [
      "already enrolled, window closed since",
      { enrolmentClosesAt: new Date("2026-06-01T00:00:00Z") },
      0,
      "ACTIVE",
      "already-enrolled",
    ],
    ["rejected before", {}, 0, "REJECTED", "rejected"],
    ["withdrawn before: may come back", {}, 0, "WITHDRAWN", "enrolled"],
    ["withdrawn before, now full", { capacity: 2 }, 2, "WITHDRAWN", "full"],
  ])("%s -> %s", (_, cohort, activeCount, existing, outcome) => {
    expect(decideEnrolment({ cohort: { ...open, ...cohort }, activeCount, existing, now })).toBe(outcome);
  });
});

describe("decideAdminChange", () => {
  const room = { capacity: 10, activeCount: 3 };
  const full = { capacity: 3, activeCount: 3 };
  const move = (
    o: Partial<{ sameCohort: boolean; targetArchived: boolean; existingInTarget: "ACTIVE" | "WITHDRAWN" | null }> = {},
  ) => ({
    sameCohort: false,
    targetArchived: false,
    existingInTarget: null,
    ...o,
  });
  it.each([
    ["approve", "PENDING", room, undefined, { ok: true, status: "ACTIVE" }],
    ["approve", "PENDING", full, undefined, { ok: false, error: "full" }],
    ["approve", "PENDING", { capacity: null, activeCount: 9999 }, undefined, { ok: true, status: "ACTIVE" }],
    ["approve", "ACTIVE", room, undefined, { ok: false, error: "not-allowed" }],
    ["reject", "PENDING", full, undefined, { ok: true, status: "REJECTED" }],
    ["reject", "ACTIVE", room, undefined, { ok: false, error: "not-allowed" }],
    ["withdraw", "ACTIVE", full, undefined, { ok: true, status: "WITHDRAWN" }],
    ["withdraw", "PENDING", room, undefined, { ok: true, status: "WITHDRAWN" }],
    ["withdraw", "WITHDRAWN", room, undefined, { ok: false, error: "not-allowed" }],
    ["reinstate", "WITHDRAWN", room, undefined, { ok: true, status: "ACTIVE" }],
    ["reinstate", "REJECTED", room, undefined, { ok: true, status: "ACTIVE" }],
    ["reinstate", "REJECTED", full, undefined, { ok: false, error: "full" }],
    ["reinstate", "ACTIVE", room, undefined, { ok: false, error: "not-allowed" }],
    ["move", "ACTIVE", room, move(), { ok: true, status: "ACTIVE" }],
    ["move", "PENDING", full, move(), { ok: true, status: "PENDING" }],
    ["move", "ACTIVE", full, move(), { ok: false, error: "full" }],
    ["move", "ACTIVE", room, move({ sameCohort: true }), { ok: false, error: "same-cohort" }],
    ["move", "ACTIVE", room, move({ targetArchived: true }), { ok: false, error: "target-archived" }],
    ["move", "ACTIVE", room, move({ existingInTarget: "WITHDRAWN" }), { ok: false, error: "already-in-target" }],
    ["move", "WITHDRAWN", room, move(), { ok: false, error: "not-allowed" }],
    ["move", "ACTIVE", room, undefined, { ok: false, error: "not-allowed" }],
  ] as const)("%s from %s (%j, move %j) -> %j", (action, status, places, m, expected) => {
    expect(decideAdminChange({ action, status, ...places, move: m })).toEqual(expected);
  });

  it.each([
    ["PENDING", ["approve", "reject", "withdraw", "move"]],
    ["ACTIVE", ["withdraw", "move"]],
    ["WITHDRAWN", ["reinstate"]],
    ["REJECTED", ["reinstate"]],
  ] as const)("offers for %s: %j", (status, actions) => {
    expect(availableActions(status)).toEqual(actions);
  });
});
