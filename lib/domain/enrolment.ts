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

/** What an admin can do to a place in a cohort. */
export type EnrolmentAction = "approve" | "reject" | "withdraw" | "reinstate" | "move";

export type AdminChange =
  | { ok: true; status: EnrolmentStatus }
  | { ok: false; error: "not-allowed" | "full" | "same-cohort" | "already-in-target" | "target-archived" };

const FROM: Record<Exclude<EnrolmentAction, "move">, { from: readonly EnrolmentStatus[]; to: EnrolmentStatus }> = {
  approve: { from: ["PENDING"], to: "ACTIVE" },
  reject: { from: ["PENDING"], to: "REJECTED" },
  withdraw: { from: ["ACTIVE", "PENDING"], to: "WITHDRAWN" },
  reinstate: { from: ["WITHDRAWN", "REJECTED"], to: "ACTIVE" },
};

/**
 * An admin's change to one enrolment. A change that takes a place (approve,
 * reinstate, or moving an active participant) needs a free place; admins may
 * not overfill a cohort by accident. Moving keeps the status (active or
 * pending) in the other cohort.
 */
export function decideAdminChange(input: {
  action: EnrolmentAction;
  status: EnrolmentStatus;
  /** Capacity and places taken in the cohort the person ends up in. */
  capacity: number | null;
  activeCount: number;
  move?: { sameCohort: boolean; targetArchived: boolean; existingInTarget: EnrolmentStatus | null };
}): AdminChange {
  const { action, status, capacity, activeCount } = input;
  const hasRoom = capacity === null || activeCount < capacity;
  if (action === "move") {
    const move = input.move;
    if (!move || !(status === "ACTIVE" || status === "PENDING")) return { ok: false, error: "not-allowed" };
    if (move.sameCohort) return { ok: false, error: "same-cohort" };
    if (move.targetArchived) return { ok: false, error: "target-archived" };
    if (move.existingInTarget) return { ok: false, error: "already-in-target" };
    if (status === "ACTIVE" && !hasRoom) return { ok: false, error: "full" };
    return { ok: true, status };
  }
  const rule = FROM[action];
  if (!rule.from.includes(status)) return { ok: false, error: "not-allowed" };
  if (rule.to === "ACTIVE" && !hasRoom) return { ok: false, error: "full" };
  return { ok: true, status: rule.to };
}

/** The actions offered for an enrolment in this status. */
export function availableActions(status: EnrolmentStatus): EnrolmentAction[] {
  const actions = (Object.keys(FROM) as Exclude<EnrolmentAction, "move">[]).filter((a) =>
    FROM[a].from.includes(status),
  );
  return status === "ACTIVE" || status === "PENDING" ? [...actions, "move"] : actions;
}
