// Pure rules about cohorts. No I/O.
import type { EnrolmentMode } from "./enrolment";

export type EnrolmentWindow = {
  archivedAt: Date | null;
  enrolmentOpensAt: Date | null;
  enrolmentClosesAt: Date | null;
};

export type EnrolmentState = "archived" | "not-yet-open" | "open" | "closed";

/** Whether a cohort takes enrolments at `now`; a missing bound means no limit on that side. */
export function enrolmentState(cohort: EnrolmentWindow, now: Date): EnrolmentState {
  if (cohort.archivedAt && cohort.archivedAt <= now) return "archived";
  if (cohort.enrolmentOpensAt && now < cohort.enrolmentOpensAt) return "not-yet-open";
  if (cohort.enrolmentClosesAt && now >= cohort.enrolmentClosesAt) return "closed";
  return "open";
}

/**
 * A cohort's enrolment as the admin's list of cohorts shows it: its window's state, and
 * "full" when the window is open but its active places are all taken (or more are: places
 * lowered below the enrolled, or a roster imported past them).
 */
export function cohortListState(
  cohort: EnrolmentWindow & { capacity: number | null },
  activeCount: number,
  now: Date,
): EnrolmentState | "full" {
  const state = enrolmentState(cohort, now);
  return state === "open" && cohort.capacity !== null && activeCount >= cohort.capacity ? "full" : state;
}

/** Cohorts to advertise: open for enrolment, soonest start first, then by name. */
export function selectOpenCohorts<T extends EnrolmentWindow & { startsOn: Date; name: string }>(
  cohorts: readonly T[],
  now: Date,
): T[] {
  return cohorts
    .filter((c) => enrolmentState(c, now) === "open")
    .sort((a, b) => a.startsOn.getTime() - b.startsOn.getTime() || a.name.localeCompare(b.name));
}

/**
 * Whether a person can join (OPEN) or ask to join (APPROVAL) a cohort on their own, from
 * its public listing. Places in an INVITE_ONLY cohort are given by the organisers only.
 */
export function isSelfService(mode: EnrolmentMode): boolean {
  return mode === "OPEN" || mode === "APPROVAL";
}

/**
 * Cohorts to advertise as joinable: open for enrolment now and taking people on their own
 * request (not by invitation only), soonest start first, then by name.
 */
export function selectJoinableCohorts<
  T extends EnrolmentWindow & { startsOn: Date; name: string; enrolmentMode: EnrolmentMode },
>(cohorts: readonly T[], now: Date): T[] {
  return selectOpenCohorts(cohorts, now).filter((c) => isSelfService(c.enrolmentMode));
}
