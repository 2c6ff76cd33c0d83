// A cohort's inbox: the pending enrolment and excuse requests an organiser decides in
// bulk. Which of the chosen requests a bulk approval can grant, and what to tell the
// organiser afterwards. Pure.

/** Pending items shown per page of each list. */
export const INBOX_PAGE_SIZE = 50;
/** At most this many ids in one bulk decision (a page's worth, with room to spare). */
export const INBOX_MAX_IDS = 200;

/**
 * Splits pending requests (oldest first) into those a bulk approval can grant and those
 * left waiting because the cohort is full: the first ones get the free places. A cohort
 * without a capacity takes everyone; an over-full cohort takes no one.
 */
export function planBulkApproval<T>(input: { capacity: number | null; activeCount: number; pending: readonly T[] }): {
  approve: T[];
  full: T[];
} {
  const { capacity, activeCount, pending } = input;
  const room = capacity === null ? pending.length : Math.max(0, capacity - activeCount);
  return { approve: pending.slice(0, room), full: pending.slice(room) };
}

export type BulkDecision = "approve" | "reject";

/** What became of each chosen id. */
export type BulkOutcome = "done" | "full" | "skipped";

export type BulkSummary = {
  decision: BulkDecision;
  /** Decided as asked. */
  done: number;
  /** Left pending: no free place. */
  full: number;
  /** Not a pending request of this cohort (already decided, another cohort's, unknown). */
  skipped: number;
};

/** Counts the outcomes of a bulk decision, for the line that tells the organiser what was done. */
export function summariseBulk(decision: BulkDecision, outcomes: readonly BulkOutcome[]): BulkSummary {
  const count = (o: BulkOutcome) => outcomes.filter((x) => x === o).length;
  return { decision, done: count("done"), full: count("full"), skipped: count("skipped") };
}

/** The page of a list that exists: a page past the end shows the last one. */
export function clampPage(page: number, total: number, pageSize = INBOX_PAGE_SIZE): number {
  const last = Math.max(1, Math.ceil(total / pageSize));
  return Math.min(Math.max(1, Math.floor(page) || 1), last);
}
