// The clock stage of `npm test` (scripts/test.ts) runs the @clock tests with every process's
// clock moved ahead. They prove something only if the test runner, the browser, the app
// server and PostgreSQL all moved together; this test fails when one of them did not.
import { expect, test } from "@playwright/test";
import { databaseNow } from "./db";
import { MINUTE } from "./time";

test("[PUBLIC][CLOCK] @clock: the browser, the app server and its database keep the test runner's time", async ({
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
});
