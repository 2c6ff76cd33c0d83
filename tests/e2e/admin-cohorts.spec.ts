import { expect, test } from "@playwright/test";
import { addNewcomer, addParticipant, adminSignInPath, createCohort, enrol, uniqueEmail, uniqueName } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";
import { addDays, dayIn } from "./time";

test("[ADMIN][COHORTS]: the new-cohort form explains each mistake beside its field", async ({ page }) => {
  const firstDay = addDays(dayIn(new Date(), "Asia/Karachi"), 30);
  await page.goto(await adminSignInPath(uniqueEmail("cohort-admin"), "/admin/cohorts"));
  await expect(page.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "New cohort" }).click();

  await page.getByLabel("Name *").fill("ab");
  await page.getByLabel("First day *").fill(firstDay);
  await page.getByLabel("Last day *").fill(addDays(firstDay, -9));
  await page.getByRole("button", { name: "Save cohort" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("2 fields need your attention.");
  await expect(page.getByLabel("Name *")).toHaveAccessibleDescription("This is too short.");
  await expect(page.getByLabel("Last day *")).toHaveAccessibleDescription("The last day cannot come before the first.");
  await expectAccessible(page);
});

test("[ADMIN][COHORTS] @clock: creates a cohort whose enrolment closes in three weeks: it is listed as open, shows on the landing page, and its closing time is shown back on its own clock", async ({
  page,
}) => {
  const name = uniqueName("Autumn cohort");
  // A month from now, in the cohort's time zone; enrolment closes ten days before it starts.
  const today = dayIn(new Date(), "Asia/Karachi");
  const firstDay = addDays(today, 30);
  const closes = `${addDays(today, 20)}T17:00`;
  await signedInAdmin(page, "cohort-admin");
  await page.goto("/admin/cohorts/new");
  await page.getByLabel("Name *").fill(name);
  await page.getByLabel("Description").fill("Five lectures on STI policy, live on Zoom.");
  await page.getByLabel("Time zone *").selectOption("Asia/Karachi");
  await page.getByLabel("First day *").fill(firstDay);
  await page.getByLabel("Last day *").fill(addDays(firstDay, 4));
  await page.getByLabel("Enrolment closes").fill(closes);
  await page.getByLabel("Places").fill("80");
  await page.getByLabel("Approval: an organiser approves each request").check();
  await page.getByRole("button", { name: "Save cohort" }).click();

  await expect(page).toHaveURL(/\/admin\/cohorts\?saved=created&cohort=/);
  await expect(page.getByRole("status")).toHaveText(`Cohort created: ${name}.`);
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
  await expect(page.getByLabel("Enrolment closes")).toHaveValue(closes);
});

test("[ADMIN][COHORTS]: edits a cohort's places, then archives it: it leaves the landing page", async ({ page }) => {
  const { name } = await createCohort({ name: uniqueName("Spring cohort"), capacity: 80 });
  await signedInAdmin(page, "cohort-admin");
  await page.goto("/admin/cohorts");
  await page.getByRole("link", { name: `Edit: ${name}` }).click();
  await expect(page.getByLabel("Places")).toHaveValue("80");
  await page.getByLabel("Places").fill("100");
  await page.getByRole("button", { name: "Save cohort" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved: ${name}.`);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Open for enrolment");
  await page.goto("/");
  const cohorts = page.getByRole("region", { name: "Open cohorts" });
  await expect(cohorts.getByRole("listitem").filter({ hasText: name })).toContainText("100 places");

  await page.goto("/admin/cohorts");
  await page.getByRole("button", { name: `Archive: ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Archived");
  await page.goto("/");
  await expect(cohorts).not.toContainText(name);
});

test("[ADMIN][COHORTS]: a cohort whose places are taken is listed as full; lowering its places below the enrolled says what that means", async ({
  page,
}) => {
  const { id, name } = await createCohort({ name: uniqueName("Small cohort"), capacity: 3 });
  for (const who of ["full-a", "full-b"]) await addParticipant(id, uniqueEmail(who), "Someone");
  // Someone waiting for approval takes no place.
  const waiting = uniqueEmail("full-waiting");
  await addNewcomer(waiting);
  await enrol(waiting, id, "PENDING");
  await signedInAdmin(page, "full-admin");
  await page.goto("/admin/cohorts");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Open for enrolment");

  await page.getByRole("link", { name: `Edit: ${name}` }).click();
  await page.getByLabel("Places").fill("1");
  await page.getByRole("button", { name: "Save cohort" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `Saved: ${name}. It has more participants (2) than places (1): nobody loses their place, and nobody new can join until places free up.`,
  );
  await expect(row).toContainText("Full: 2 enrolled for 1 place");
  await expectAccessible(page);
});

test("[ADMIN][COHORTS]: a participant cannot reach cohort administration", async ({ page, request }) => {
  expect((await request.get("/admin/cohorts", { maxRedirects: 0 })).status()).toBe(307);
  await page.goto("/admin/cohorts/new");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fcohorts%2Fnew$/);
});
