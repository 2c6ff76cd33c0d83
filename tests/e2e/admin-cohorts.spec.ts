import { expect, test } from "@playwright/test";
import { adminSignInPath, uniqueEmail } from "./db";
import { expectAccessible } from "./support";

test("[ADMIN][COHORTS]: creates a cohort that then shows on the landing page, edits it, and archives it", async ({
  page,
}) => {
  const name = `Autumn cohort ${Date.now()}`;
  await page.goto(await adminSignInPath(uniqueEmail("cohort-admin"), "/admin/cohorts"));
  await expect(page.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "New cohort" }).click();

  await page.getByLabel("Name *").fill("ab");
  await page.getByLabel("First day *").fill("2026-10-10");
  await page.getByLabel("Last day *").fill("2026-10-01");
  await page.getByRole("button", { name: "Save cohort" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("2 fields need your attention.");
  await expect(page.getByLabel("Name *")).toHaveAccessibleDescription("This is too short.");
  await expect(page.getByLabel("Last day *")).toHaveAccessibleDescription("The last day cannot come before the first.");
  await expectAccessible(page);

  await page.getByLabel("Name *").fill(name);
  await page.getByLabel("Description").fill("Five lectures on STI policy, live on Zoom.");
  await page.getByLabel("Time zone *").selectOption("Asia/Karachi");
  await page.getByLabel("Last day *").fill("2026-10-14");
  await page.getByLabel("Enrolment closes").fill("2099-10-09T17:00");
  await page.getByLabel("Places").fill("80");
  await page.getByLabel("Approval: an admin approves each request").check();
  await page.getByRole("button", { name: "Save cohort" }).click();

  await expect(page).toHaveURL(/\/admin\/cohorts$/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Enrolment on approval");
  await expect(row).toContainText("Open for enrolment");

  await page.goto("/");
  const card = page.getByRole("region", { name: "Open cohorts" }).getByRole("listitem").filter({ hasText: name });
  await expect(card).toContainText("80 places");
  await expect(card).toContainText("Enrolment on approval");

  // The window is shown back on the cohort's own clock.
  await page.goto("/admin/cohorts");
  await page.getByRole("link", { name: `Edit: ${name}` }).click();
  await expect(page.getByLabel("Enrolment closes")).toHaveValue("2099-10-09T17:00");
  await page.getByLabel("Places").fill("100");
  await page.getByRole("button", { name: "Save cohort" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();

  await page.getByRole("button", { name: `Archive: ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Archived");
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Open cohorts" })).not.toContainText(name);
});

test("[ADMIN][COHORTS]: a participant cannot reach cohort administration", async ({ page, request }) => {
  expect((await request.get("/admin/cohorts", { maxRedirects: 0 })).status()).toBe(307);
  await page.goto("/admin/cohorts/new");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fcohorts%2Fnew$/);
});
