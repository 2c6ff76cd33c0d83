import { expect, test } from "@playwright/test";
import { addBrokenJob, backdateFailedJob, jobState } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";

test("[ADMIN][JOBS]: a background job that failed for good is shown with its error and runs again from the outbox, audit-logged", async ({
  page,
}) => {
  const key = await addBrokenJob();
  // The server's worker takes it at once; with one attempt allowed, it fails for good.
  await expect.poll(async () => (await jobState(key))?.attempts, { timeout: 30_000 }).toBe(1);
  await backdateFailedJob(key);
  await signedInAdmin(page, "jobs-admin");
  await page.goto("/admin/outbox");
  const failed = page.getByRole("region", { name: "Failed background jobs" });
  const row = failed.getByRole("row", { name: /Send an e-mail/ }).first();
  await expect(row).toContainText("1 attempt");
  await expect(row).toContainText(/Invalid input|expected/i);
  await expectAccessible(page);
  await row.getByRole("button", { name: /^Run again/ }).click();
  await expect(page.getByRole("status")).toHaveText("The job was queued again.");
  // Run again at once (due now, no longer an hour ago), and failed again: one attempt, counted afresh.
  await expect
    .poll(
      async () => {
        const job = await jobState(key);
        return job && job.attempts === 1 && job.runAt.getTime() > Date.now() - 10 * 60_000;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await page.goto("/admin/audit");
  await expect(page.getByText("Ran a failed background job again").first()).toBeVisible();
});
