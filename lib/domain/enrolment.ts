// Who may enrol in a cohort through its invite link, and with what result. Pure.
import { enrolmentState, type EnrolmentWindow } from "./cohorts";

export type EnrolmentMode = "OPEN" | "APPROVAL" | "INVITE_ONLY";
export type EnrolmentStatus = "PENDING" | "ACTIVE" | "WITHDRAWN" | "REJECTED";

export type EnrolmentOutcome =
  | "enrolled" // a new ACTIVE enrolment
  | "requested" // a new PENDING request, for an admin to approve
  | "already-enrolled"
  | "already-requested"
  | "rejected" // an admin turned this person down before
  | "invite-only"
  | "full"
  | "closed"
  | "not-yet-open"
  | "archived";

export function decideEnrolment(input: {
  cohort: EnrolmentWindow & { capacity: number | null; enrolmentMode: EnrolmentMode };
  /** Places taken: ACTIVE enrolments. */
  activeCount: number;
  existing: EnrolmentStatus | null;
  now: Date;
}): EnrolmentOutcome {
  const { cohort, activeCount, existing, now } = input;
  // What the person already has comes first: they learn where they stand.
  if (existing === "ACTIVE") return "already-enrolled";
  if (existing === "PENDING") return "already-requested";
  if (existing === "REJECTED") return "rejected";
  const state = enrolmentState(cohort, now);
  if (state !== "open") return state;
  if (cohort.enrolmentMode === "INVITE_ONLY") return "invite-only";
  if (cohort.capacity !== null && activeCount >= cohort.capacity) return "full";
  return cohort.enrolmentMode === "APPROVAL" ? "requested" : "enrolled";
}

/** Outcomes that write a new (or renewed) enrolment row. */
export const WRITES: Partial<Record<EnrolmentOutcome, EnrolmentStatus>> = { enrolled: "ACTIVE", requested: "PENDING" };
