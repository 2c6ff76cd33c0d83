import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { addParticipants, addSession, adminSignInPath, createCohort, uniqueEmail, uniqueName } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";
import { after, DAY, fromNow, MINUTE } from "./time";

/** A cohort of 120 participants, "Person 0001" to "Person 0120" (e-mail <prefix><n>@example.org): three pages of 50. */
async function largeCohort(what: string) {
  const cohort = await createCohort({ name: uniqueName(what) });
  const prefix = `p${randomBytes(4).toString("hex")}-`;
  await addParticipants(cohort.id, 120, prefix);
  return { cohort, email: (n: number) => `${prefix}${n}@example.org` };
}

test("[ADMIN][ATTENDANCE]: a large session's register shows one page at a time, finds a person on a later page, filters, and saves a page's marks back to that page", async ({
  page,
}) => {
  test.slow(); // three lists of 50 people with axe on each, on a shared machine
  const { cohort } = await largeCohort("Register cohort");
  const heldAt = fromNow(-DAY);
  const session = await addSession(cohort.id, "nhz-policy-framework", heldAt, after(heldAt, 90 * MINUTE));
  await signedInAdmin(page, "register-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/sessions/${session}/attendance`);
  await expect(page.getByText("Showing 1–50 of 120")).toBeVisible();
  await expect(page.getByRole("group", { name: /^Status of / })).toHaveCount(50);
  const pager = page.getByRole("navigation", { name: "Pages of the list" });
  await expect(pager.getByRole("link", { name: "Page 1" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  // Person 0110 is on page 3: the search finds them.
  await page.getByLabel("Find a person (name, e-mail or Zoom name)").fill("person 0110");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("group", { name: /^Status of / })).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Status of Person 0110" })).toBeVisible();
  await page.getByRole("link", { name: "Clear the search" }).click();

  // Marks on page 2 save, and the register comes back to page 2.
  await page.getByRole("navigation", { name: "Pages of the list" }).getByRole("link", { name: "Page 2" }).click();
  await expect(page.getByText("Showing 51–100 of 120")).toBeVisible();
  await page.getByRole("group", { name: "Status of Person 0070" }).getByRole("radio", { name: "Late" }).check();
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByRole("status")).toHaveText("One mark saved.");
  await expect(page).toHaveURL(/[?&]page=2\b/);
  await expect(page.getByText("Showing 51–100 of 120")).toBeVisible();
  await expect(
    page.getByRole("group", { name: "Status of Person 0070" }).getByRole("radio", { name: "Late" }),
  ).toBeChecked();
  await expect(page.getByRole("group", { name: "Status of Person 0001" })).toHaveCount(0);
  await expectAccessible(page);

  // The filter, then the bulk mark: everyone not marked yet, on every page.
  await page.getByRole("link", { name: "Late (1)" }).click();
  await expect(page.getByRole("group", { name: /^Status of / })).toHaveCount(1);
  await page.getByRole("link", { name: "Everyone (120)" }).click();
  await page.getByRole("button", { name: "Save, and mark everyone not marked as present" }).click();
  await expect(page.getByRole("status")).toHaveText("119 marks saved.");
  await expect(page.getByRole("link", { name: "Not marked (0)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Present (119)" })).toBeVisible();
});

test("[ADMIN][ATTENDANCE]: a large cohort's matrix shows one page of people, with the sessions as columns", async ({
  page,
}) => {
  test.slow();
  const { cohort } = await largeCohort("Matrix cohort");
  const heldAt = fromNow(-DAY);
  await addSession(cohort.id, "nhz-policy-framework", heldAt, after(heldAt, 90 * MINUTE));
  await signedInAdmin(page, "matrix-pages-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/attendance`);
  const table = page.getByRole("table", { name: "Attendance by session" });
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await expect(page.getByText("Showing 1–50 of 120")).toBeVisible();
  await expect(table.getByRole("columnheader", { name: /Lecture 1/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Pages of the list" }).getByRole("link", { name: "Page 3" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(20);
  await expect(table.getByRole("rowheader", { name: "Person 0120" })).toBeVisible();
  await page.getByLabel("Find a person (name, e-mail or Zoom name)").fill("Person 0007");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.getByRole("rowheader", { name: "Person 0007" })).toBeVisible();
});

test("[ADMIN][ZOOM]: a large cohort's Zoom preview pages the participants, and the choices made carry to the next page and into the import", async ({
  page,
}) => {
  test.slow();
  const { cohort, email } = await largeCohort("Zoom paging cohort");
  // 15 Dec 2021, 09:00-12:00 Asia/Shanghai: only data, never compared with the clock.
  const session = await addSession(
    cohort.id,
    "nhz-policy-framework",
    new Date("2021-12-15T01:00:00Z"),
    new Date("2021-12-15T04:00:00Z"),
  );
  const row = (name: string, address: string) =>
    `${name},${address},2021-12-15 09:00:00,2021-12-15 12:00:00,180,Yes,Yes`;
  const csv = [
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent",
    ...Array.from({ length: 100 }, (_, i) => row(`Person ${String(i + 1).padStart(4, "0")}`, email(i + 1))),
    row("Mystery Laptop", ""),
    row("Somebody's Phone", ""),
  ].join("\n");
  await page.goto(
    await adminSignInPath(
      uniqueEmail("zoom-pages-admin"),
      `/admin/cohorts/${cohort.id}/sessions/${session}/attendance`,
    ),
  );
  await page
    .getByLabel("Report file (CSV)")
    .setInputFiles({ name: "report.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel("Time zone of the report's times").selectOption("Asia/Shanghai");
  await page.getByRole("button", { name: "Check the report" }).click();
  const review = page.getByRole("region", { name: "People to review" });
  await expect(review).toContainText("Mystery Laptop");
  const changes = page.getByRole("region", { name: "Proposed changes" });
  await expect(changes.getByText("Showing 1–50 of 120")).toBeVisible();
  await expect(changes.locator("tbody tr")).toHaveCount(50);
  await expectAccessible(page);

  // With 120 participants, an unknown person is placed by e-mail; the choice goes along to page 3.
  await review.getByRole("textbox", { name: /Mystery Laptop/ }).fill(email(110));
  await review.getByRole("textbox", { name: /Somebody's Phone/ }).fill("ignore");
  await changes
    .getByRole("navigation", { name: "Pages of the participants" })
    .getByRole("button", { name: "Page 3" })
    .click();
  await expect(page.getByRole("region", { name: "People to review" })).toHaveCount(0);
  await expect(changes.getByText("Showing 101–120 of 120")).toBeVisible();
  await expect(changes.getByRole("row", { name: /Person 0110/ })).toContainText("chosen by you");
  await expectAccessible(page);

  await changes.getByLabel("Participants to show").selectOption("unmatched");
  await changes.getByRole("button", { name: "Show", exact: true }).click();
  await expect(changes.getByText("Showing 1–19 of 19")).toBeVisible();
  await expect(changes.getByRole("row", { name: /Person 0120/ })).toContainText("not in the report");

  await page.getByRole("button", { name: /^Import: change/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Attendance: Lecture 1,/ })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("120 marks saved.");
  await expect(page.getByRole("link", { name: "Present (101)" })).toBeVisible();
});
