// How npm start starts again a process that stopped on its own (PostgreSQL, the app's
// server): a few tries in a row with growing pauses; a process that then ran a minute
// starts the count again.

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
