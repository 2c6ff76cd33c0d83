import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { addParticipants, auditCount, createCohort, uniqueName } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";

const SLOW = { timeout: 30_000 };

test("[ADMIN][QUIZ]: a large cohort's quiz results list one page of people, find a person, filter by result, and name a person for an arrangement by e-mail", async ({
  page,
}) => {
  test.slow(); // 120 people with axe on each page, on a shared machine
  const cohort = await createCohort({ name: uniqueName("Results cohort") });
  const prefix = `q${randomBytes(4).toString("hex")}-`;
  await addParticipants(cohort.id, 120, prefix);
  await signedInAdmin(page, "results-pages-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/quizzes?lecture=nhz-policy-framework`);
  const people = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Result" }) });
  await expect(people.locator("tbody tr")).toHaveCount(50);
  await expect(page.getByText("Showing 1–50 of 120")).toBeVisible();
  // The summary still counts the whole cohort.
  await expect(page.getByRole("definition").first()).toHaveText("120");
  await expectAccessible(page);

  await page
    .getByRole("navigation", { name: "Pages of the list of participants" })
    .getByRole("link", { name: "Page 3" })
    .click();
  await expect(people.locator("tbody tr")).toHaveCount(20);
  await expect(people.getByRole("rowheader", { name: /Person 0120/ })).toBeVisible();

  await page.getByLabel("Find a person (name or e-mail)").fill("person 0110");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(people.locator("tbody tr")).toHaveCount(1);
  await expect(people.getByRole("rowheader", { name: /Person 0110/ })).toBeVisible();
  await expect(page).toHaveURL(/lecture=nhz-policy-framework/);

  await page.getByLabel("Result", { exact: true }).selectOption("Passed");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page.getByText("Nobody matches this search.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Show everyone" }).click();
  await expect(page.getByText("Showing 1–50 of 120")).toBeVisible();

  // 120 people are too many for a list: the arrangement names the person by e-mail.
  const section = page.getByRole("region", { name: "Arrangements for individual participants" });
  const person = section.getByRole("textbox", { name: "Participant *" });
  await person.fill("someone.else@example.org");
  await section.getByLabel("Extra attempts").fill("1");
  await section.getByRole("button", { name: "Save the arrangement" }).click();
  await expect(section.getByText("This person does not hold an active place in this cohort.").first()).toBeVisible(
    SLOW,
  );
  await expect(person).toHaveAttribute("aria-invalid", "true");
  await person.fill(`${prefix.toUpperCase()}7@EXAMPLE.ORG`);
  await section.getByLabel("Extra attempts").fill("1");
  await section.getByRole("button", { name: "Save the arrangement" }).click();
  await expect(section.getByRole("status")).toHaveText("Arrangement saved.", SLOW);
  await expect(section.getByRole("row", { name: /Person 0007/ })).toContainText("1 extra attempt");
  expect(await auditCount("quiz.override_set", cohort.id)).toBe(1);
  await expectAccessible(page);
});
