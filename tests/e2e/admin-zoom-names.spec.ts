import { expect, test, type Page } from "@playwright/test";
import { addPerson, addSession, adminSignInPath, auditCount, createCohort, enrol, uniqueEmail, uniqueName } from "./db";
import { expectAccessible } from "./support";

/** A participants report of one session on 2021-12-DD, 09:00-10:30 UTC: only data, never compared with the clock. */
const reportOf = (day: string) =>
  [
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
    `iPhone de Omer,,12/${day}/2021 09:00:00 AM,12/${day}/2021 10:30:00 AM,90,Yes`,
    `Sara Ahmadi,,12/${day}/2021 09:05:00 AM,12/${day}/2021 10:30:00 AM,85,Yes`,
  ].join("\n");

async function checkReport(page: Page, day: string) {
  await page
    .getByLabel("Report file (CSV)")
    .setInputFiles({ name: `zoom-${day}.csv`, mimeType: "text/csv", buffer: Buffer.from(reportOf(day)) });
  await page.getByLabel("Time zone of the report's times").selectOption("UTC");
  await page.getByRole("button", { name: "Check the report" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Zoom report: check before importing" })).toBeVisible();
}

async function participant(cohortId: string, who: string, name: string, country: string) {
  const email = uniqueEmail(who);
  const id = await addPerson(email, { name, country });
  await enrol(email, cohortId);
  return { id, email };
}

test("[ADMIN][ZOOM]: names matched by hand in one session's report are matched as before in the next one's, changeable and forgettable", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Zoom names cohort") });
  const first = await addSession(
    cohort.id,
    "nhz-policy-framework",
    new Date("2021-12-15T09:00:00Z"),
    new Date("2021-12-15T10:30:00Z"),
  );
  const second = await addSession(
    cohort.id,
    "china-st-system-reform",
    new Date("2021-12-16T09:00:00Z"),
    new Date("2021-12-16T10:30:00Z"),
  );
  const omer = await participant(cohort.id, "omer", "Ömer Çelik", "TR");
  const saraIran = await participant(cohort.id, "sara", "Sara Ahmadi", "IR");
  const saraAfghanistan = await participant(cohort.id, "sara", "Sara Ahmadi", "AF");

  await page.goto(
    await adminSignInPath(uniqueEmail("zoom-admin"), `/admin/cohorts/${cohort.id}/sessions/${first}/attendance`),
  );
  await checkReport(page, "15");
  const review = page.getByRole("region", { name: "People to review" });
  await expect(review.getByRole("row", { name: /iPhone de Omer/ })).toBeVisible();
  // The two Saras are told apart by e-mail and country.
  const sara = review.getByLabel("Who is Sara Ahmadi?");
  await expect(sara.getByRole("option", { name: `Sara Ahmadi (${saraIran.email}, Iran)` })).toHaveCount(1);
  await expect(sara.getByRole("option", { name: `Sara Ahmadi (${saraAfghanistan.email}, Afghanistan)` })).toHaveCount(
    1,
  );
  await expectAccessible(page);
  await review.getByLabel("Who is iPhone de Omer?").selectOption({ label: "Ömer Çelik" });
  await sara.selectOption({ label: `Sara Ahmadi (${saraIran.email}, Iran)` });
  await page.getByRole("button", { name: /^Import: change/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Attendance: Lecture 1,/ })).toBeVisible();

  // The next session's report: both are placed as before, nobody waits for review.
  await page.goto(`/admin/cohorts/${cohort.id}/sessions/${second}/attendance`);
  await checkReport(page, "16");
  await expect(page.getByRole("region", { name: "People to review" })).toHaveCount(0);
  const remembered = page.getByRole("region", { name: "Matched as before" });
  await expect(remembered.getByLabel("Who is iPhone de Omer?")).toHaveValue(omer.id);
  await expect(remembered.getByLabel("Who is Sara Ahmadi?")).toHaveValue(saraIran.id);
  const changes = page.getByRole("region", { name: "Proposed changes" });
  await expect(changes.getByRole("row", { name: /Ömer Çelik/ })).toContainText("matched as before90Present");
  await expect(changes.getByRole("row", { name: new RegExp(`Sara Ahmadi \\(${saraIran.email}`) })).toContainText(
    "matched as before",
  );
  await expectAccessible(page);

  // Sara was the wrong one: forget her, and she waits for review again.
  await remembered.getByRole("button", { name: "Forget who Sara Ahmadi is" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Forgotten");
  await expect(page.getByRole("region", { name: "People to review" }).getByLabel("Who is Sara Ahmadi?")).toBeVisible();
  await expect(remembered.getByLabel("Who is iPhone de Omer?")).toHaveValue(omer.id);
  expect(await auditCount("attendance.zoom_name_forget", `${cohort.id}:name:ahmadi sara`)).toBe(1);
  await expectAccessible(page);
  await page
    .getByRole("region", { name: "People to review" })
    .getByLabel("Who is Sara Ahmadi?")
    .selectOption({ label: `Sara Ahmadi (${saraAfghanistan.email}, Afghanistan)` });
  await page.getByRole("button", { name: /^Import: change/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Attendance: Lecture 2,/ })).toBeVisible();

  // The new choice is what the cohort remembers now.
  await checkReport(page, "16");
  await expect(page.getByRole("region", { name: "Matched as before" }).getByLabel("Who is Sara Ahmadi?")).toHaveValue(
    saraAfghanistan.id,
  );
});
