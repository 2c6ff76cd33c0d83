// How npm start starts again a process that stopped on its own: PostgreSQL and the app's
// server a few tries in a row with growing pauses (restartCounter); the job worker and the
// web processes, which the app's server keeps running, without end (keepRunningPauses).
// Either way, a process that ran a minute before it stopped starts the count again.

/** Pauses before each try in a row. */
export const RESTART_PAUSES_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000];
/** A process that ran this long before it stopped starts the count again. */
const RESET_AFTER_MS = 60_000;

/** Counts the tries in a row of one process. */
export function restartCounter(pauses: readonly number[] = RESTART_PAUSES_MS) {
  let tries = 0;
  return {
    /**
     * The pause before the next try, or undefined when the tries are used up. `ranMs`: how
     * long the process ran before it stopped, when it had started (not for a failed try).
     */
    next(ranMs?: number): number | undefined {
      if (ranMs !== undefined && ranMs > RESET_AFTER_MS) tries = 0;
      const pause = pauses[tries];
      if (pause !== undefined) tries += 1;
      return pause;
    },
    /** The tries made in a row so far. */
    get tries() {
      return tries;
    },
  };
}

/** The longest pause before starting again a process kept running. */
const LONGEST_PAUSE_MS = 30_000;

/**
 * Pauses before starting again a process kept running: 1 s after it stopped, doubled for
 * each further stop within a minute of its start, 30 s at most. A stop after a run of more
 * than a minute starts the count from nothing: 1 s, then 1 s, 2 s, 4 s ... for the stops
 * after it.
 */
export function keepRunningPauses() {
  let failures = 0;
  return {
    /** The pause before the next start of a process that ran `ranMs` before it stopped. */
    next(ranMs: number): number {
      failures = ranMs > RESET_AFTER_MS ? 0 : failures + 1;
      return Math.min(LONGEST_PAUSE_MS, 1_000 * 2 ** Math.max(0, failures - 1));
    },
  };
}
