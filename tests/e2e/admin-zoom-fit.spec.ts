import path from "node:path";
import { expect, test } from "@playwright/test";
import { addParticipant, addSession, adminSignInPath, createCohort, uniqueEmail, uniqueName } from "./db";
import { expectAccessible } from "./support";

test("[ADMIN][ZOOM]: a report read in the wrong time zone is flagged with the zone that fits, read again in it, and imported as expected", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Zoom zone cohort") }); // the cohort's zone: Asia/Karachi
  // The sample report's meeting, 15 Dec 2021, 09:00-12:00 on Karachi's clocks (04:00-07:00 UTC): only data,
  // never compared with the clock.
  const session = await addSession(
    cohort.id,
    "nhz-policy-framework",
    new Date("2021-12-15T04:00:00Z"),
    new Date("2021-12-15T07:00:00Z"),
  );
  await addParticipant(cohort.id, uniqueEmail("ali"), "Ali Raza");
  await addParticipant(cohort.id, uniqueEmail("dilnoza"), "Dilnoza Toshmatova");
  const file = path.join(process.cwd(), "tests/fixtures/zoom/with-meeting-block.csv");

  await page.goto(
    await adminSignInPath(uniqueEmail("zoom-tz-admin"), `/admin/cohorts/${cohort.id}/sessions/${session}/attendance`),
  );
  await page.getByLabel("Report file (CSV)").setInputFiles(file);
  // The organiser takes the report's times for UTC: read so, they are 08:52-12:06 UTC, after the session.
  await page.getByLabel("Time zone of the report's times").selectOption("UTC");
  await page.getByRole("button", { name: "Check the report" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Zoom report: check before importing" })).toBeVisible();
  const warning = page.getByRole("alert").filter({ hasText: "None of the report's times" });
  await expect(warning).toContainText(
    "None of the report's times fall within this session (Dec 15, 2021, 04:00–07:00 UTC).",
  );
  await expect(warning).toContainText("The report looks like it is in UTC+05:00 (e.g. Asia/Karachi)");
  await expectAccessible(page);
  const changes = page.getByRole("region", { name: "Proposed changes" });
  await expect(changes.getByRole("row", { name: /Ali Raza/ })).toContainText("Absent");

  // Importing as it is needs an explicit choice: without it, nothing is written.
  for (const select of await page.getByRole("region", { name: "People to review" }).getByRole("combobox").all())
    await select.selectOption("ignore");
  await page.getByRole("button", { name: "Update the preview" }).click();
  await expect(page.getByRole("region", { name: "People to review" })).toHaveCount(0);
  await page.getByRole("button", { name: /^Import: change/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not fit this session" })).toContainText(
    "tick “Import anyway”",
  );
  await expect(page.getByLabel(/^Import anyway/)).not.toBeChecked();

  // Read again in the suggested zone: the warning goes, and the statuses are the ones the report shows.
  await page.getByRole("link", { name: "Re-read in Asia/Karachi" }).click();
  await expect(page.getByText("times read in Asia/Karachi")).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0); // the router's announcer is outside main
  await expect(page.getByLabel(/^Import anyway/)).toHaveCount(0);
  await expect(changes.getByRole("row", { name: /Dilnoza Toshmatova/ })).toContainText("by name80LateWill be set");
  await expect(changes.getByRole("row", { name: /Ali Raza/ })).toContainText("by name166.9Present");
  await expectAccessible(page);
  await page.getByRole("button", { name: /^Import: change/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Attendance: Lecture 1,/ })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(/marks? saved/);
});

test("[ADMIN][ZOOM][BODY]: a 4.9 MB Zoom report imports", async ({ page }) => {
  const cohort = await createCohort({ name: uniqueName("Zoom large cohort") });
  const session = await addSession(
    cohort.id,
    "nhz-policy-framework",
    new Date("2021-12-15T04:00:00Z"),
    new Date("2021-12-15T07:00:00Z"),
  );
  const email = uniqueEmail("ali");
  await addParticipant(cohort.id, email, "Ali Raza");
  // A long meeting's report: one participant rejoining many times, each row padded in a
  // column the import does not read, to 4.9 MB and under the report's 20,000 rows.
  const header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\n";
  const row = `Ali Raza,${email},12/15/2021 09:00:00 AM,12/15/2021 11:50:00 AM,170,Yes,${"y".repeat(180)}\n`;
  const target = Math.round(4.9 * 1024 * 1024);
  const rows = Math.floor((target - header.length) / Buffer.byteLength(row));
  const report = Buffer.from(header + row.repeat(rows));
  expect(report.length).toBeGreaterThan(4.8 * 1024 * 1024);
  expect(rows).toBeLessThan(20_000);
  const attendance = `/admin/cohorts/${cohort.id}/sessions/${session}/attendance`;

  await page.goto(await adminSignInPath(uniqueEmail("zoom-large-admin"), attendance));
  await page
    .getByLabel("Report file (CSV)")
    .setInputFiles({ name: "long-meeting.csv", mimeType: "text/csv", buffer: report });
  await page.getByLabel("Time zone of the report's times").selectOption("Asia/Karachi");
  await page.getByRole("button", { name: "Check the report" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Zoom report: check before importing" })).toBeVisible({
    timeout: 60_000,
  });
  const changes = page.getByRole("region", { name: "Proposed changes" });
  await expect(changes.getByRole("row", { name: /Ali Raza/ })).toContainText("Present");
  await expectAccessible(page);
  await page.getByRole("button", { name: /^Import: change/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Attendance: Lecture 1,/ })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole("status")).toContainText(/marks? saved/);
});

test("[ADMIN][ZOOM]: a cohort in a zone the platform still lists by its former name (Kathmandu, once Katmandu) reads its Zoom reports in that zone by default, and every zone list names it the same way", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Kathmandu cohort"), timeZone: "Asia/Kathmandu" });
  const session = await addSession(
    cohort.id,
    "nhz-policy-framework",
    new Date("2021-12-15T04:00:00Z"),
    new Date("2021-12-15T07:00:00Z"),
  );
  await page.goto(
    await adminSignInPath(uniqueEmail("zoom-ktm-admin"), `/admin/cohorts/${cohort.id}/sessions/${session}/attendance`),
  );
  const zone = page.getByLabel("Time zone of the report's times");
  await expect(zone).toHaveValue("Asia/Kathmandu");
  await expect(zone.locator("option", { hasText: /^Asia\/Katmandu$/ })).toHaveCount(0);
  // The cohort's settings list it by the same name.
  await page.goto(`/admin/cohorts/${cohort.id}`);
  await expect(page.getByLabel("Time zone *")).toHaveValue("Asia/Kathmandu");
});
