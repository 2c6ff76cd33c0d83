// The clock stage of `npm test` (scripts/test.ts) runs tests with the clock moved ahead,
// and tells them by how much in TEST_CLOCK_SHIFT: the time the stage began (on the clock
// `npm test` itself runs on) and the shift in days. With it, a test can check that the
// shift really took effect: otherwise the stage would pass on the unmoved clock and prove
// nothing.
import { z } from "zod";

const ZClockShift = z.strictObject({ from: z.number().int(), days: z.number().int().positive() });
export type ClockShift = z.infer<typeof ZClockShift>;

const DAY = 24 * 60 * 60 * 1000;

export const encodeClockShift = (shift: ClockShift): string => JSON.stringify(shift);

/** The shift this run is under, or null on the real clock. */
export function clockShift(env: Readonly<Record<string, string | undefined>> = process.env): ClockShift | null {
  const raw = env.TEST_CLOCK_SHIFT;
  return raw ? ZClockShift.parse(JSON.parse(raw)) : null;
}

/**
 * How far `now` is from where the shift puts it, in milliseconds (0 when it is in place):
 * at least `days` after the stage began, and less than a day more (the stage takes minutes).
 */
export function offShift(now: number, shift: ClockShift): number {
  const earliest = shift.from + shift.days * DAY;
  const latest = earliest + DAY;
  return now < earliest ? earliest - now : now > latest ? now - latest : 0;
}
