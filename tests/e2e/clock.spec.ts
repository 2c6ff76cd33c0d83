// The clock stage of `npm test` (scripts/test.ts) runs the @clock tests with every process's
// clock moved ahead. They prove something only if the test runner, the browser, the app
// server and PostgreSQL all moved together, and as far as the stage says; this test fails
// when one of them did not.
import { expect, test } from "@playwright/test";
import { clockShift, offShift } from "../support/clock-shift";
import { databaseNow } from "./db";
import { MINUTE } from "./time";

test("[PUBLIC][CLOCK] @clock: the browser, the app server and its database keep the test runner's time, moved as far as the clock stage says", async ({
  page,
  request,
}) => {
  const runner = Date.now();
  const server = Date.parse((await request.get("/api/health")).headers().date!);
  const database = (await databaseNow()).getTime();
  await page.goto("/");
  const browser = await page.evaluate(() => Date.now());
  for (const [who, time] of Object.entries({ server, database, browser }))
    expect(
      Math.abs(time - runner),
      `${who}: ${new Date(time).toISOString()}, runner: ${new Date(runner).toISOString()}`,
    ).toBeLessThan(5 * MINUTE);
  const shift = clockShift();
  if (shift) expect(offShift(runner, shift), `runner at ${new Date(runner).toISOString()}`).toBe(0);
});
