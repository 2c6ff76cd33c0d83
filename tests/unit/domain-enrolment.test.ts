import { describe, expect, it } from "vitest";
import { decideEnrolment, type EnrolmentOutcome, type EnrolmentStatus } from "@/lib/domain/enrolment";

const now = new Date("2026-06-15T12:00:00Z");
type Cohort = Parameters<typeof decideEnrolment>[0]["cohort"];
const open: Cohort = { archivedAt: null, enrolmentOpensAt: null, enrolmentClosesAt: null, capacity: null, enrolmentMode: "OPEN" };

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
    ["already enrolled, window closed since", { enrolmentClosesAt: new Date("2026-06-01T00:00:00Z") }, 0, "ACTIVE", "already-enrolled"],
    ["rejected before", {}, 0, "REJECTED", "rejected"],
    ["withdrawn before: may come back", {}, 0, "WITHDRAWN", "enrolled"],
    ["withdrawn before, now full", { capacity: 2 }, 2, "WITHDRAWN", "full"],
  ])("%s -> %s", (_, cohort, activeCount, existing, outcome) => {
    expect(decideEnrolment({ cohort: { ...open, ...cohort }, activeCount, existing, now })).toBe(outcome);
  });
});
