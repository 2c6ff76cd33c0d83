// The integration tests prove something about dates in `npm test`'s clock stage only if
// the tests and PostgreSQL both run on the moved clock; on the real clock they must agree too.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clockShift, offShift } from "../support/clock-shift";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const MINUTE = 60_000;

describe("the clock", () => {
  it("is the same for the tests and PostgreSQL, and moved as far as the clock stage says", async () => {
    const runner = Date.now();
    const [row] = z.array(z.object({ now: z.date() })).parse(await t.db.$queryRaw`SELECT now() AS now`);
    expect(Math.abs(row!.now.getTime() - runner)).toBeLessThan(5 * MINUTE);
    const shift = clockShift();
    if (shift) expect(offShift(runner, shift), `runner at ${new Date(runner).toISOString()}`).toBe(0);
  });
});
