import path from "node:path";
import { expect, test } from "@playwright/test";
import { addParticipant, addSession, adminSignInPath, createCohort, enrol, uniqueEmail } from "./db";
import { signUpParticipant } from "./people";
import { expectAccessible } from "./support";

test("[ADMIN][ATTENDANCE]: marks a session's attendance by keyboard, marks the rest present, sees the matrix; the participant sees their rate", async ({
  page,
  browser,
}) => {
  const name = `Attendance cohort ${Date.now()}`;
  const cohort = await createCohort({ name });
  const session = await addSession(cohort.id, "nhz-policy-framework", "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z"); // already held
  await addSession(cohort.id, "china-st-system-reform", "2026-12-02T04:00:00Z", "2026-12-02T05:30:00Z");

  // Two participants: one signs in for real, one only has a place.
  const email = uniqueEmail("attendee");
  await signUpParticipant(page, email, {
    name: "Dilnoza Karimova",
    country: "Uzbekistan",
    organisation: "NUUz",
    position: "Lecturer",
  });
  await enrol(email, cohort.id);
  const adminEmail = uniqueEmail("att-admin");
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(await adminSignInPath(adminEmail, `/admin/cohorts/${cohort.id}/sessions`));
  await enrol(adminEmail, cohort.id); // the admin also holds a place, as organisers sometimes do

  await admin
    .getByRole("link", { name: /^Attendance of the session of / })
    .first()
    .click();
  await expect(admin.getByRole("heading", { level: 2, name: /^Attendance: Lecture 1,/ })).toBeVisible();
  await expectAccessible(admin);
  // Keyboard only: focus the first status of Dilnoza's group, arrow to "Late", type a note.
  const group = admin.getByRole("group", { name: "Status of Dilnoza Karimova" });
  await group.getByRole("radio", { name: "Present" }).focus();
  await admin.keyboard.press("Space");
  await admin.keyboard.press("ArrowRight");
  await expect(group.getByRole("radio", { name: "Late" })).toBeChecked();
  await admin.getByLabel("Note for Dilnoza Karimova").fill("joined 20 minutes late");
  await admin.getByRole("button", { name: "Save, and mark everyone not marked as present" }).click();
  await expect(admin.getByRole("status")).toHaveText("2 marks saved.");
  await expect(admin.getByRole("link", { name: "Late (1)" })).toBeVisible();
  await expect(admin.getByRole("link", { name: "Present (1)" })).toBeVisible();
  await admin.getByRole("link", { name: "Late (1)" }).click();
  await expect(admin.getByRole("group")).toHaveCount(1);
  await expect(admin.getByText(`Marked by ${adminEmail}`)).toBeVisible();

  await admin.getByRole("link", { name: "All sessions of the cohort" }).click();
  await expect(admin.getByRole("heading", { level: 2, name: "Attendance by session" })).toBeVisible();
  await expect(admin.getByRole("row", { name: /Dilnoza Karimova/ })).toContainText("L");
  await expect(admin.getByRole("row", { name: /Dilnoza Karimova/ })).toContainText("100%");
  await expectAccessible(admin);
  const csv = await (await admin.request.get(`/api/admin/cohorts/${cohort.id}/attendance.csv`)).text();
  expect(csv).toContain("Dilnoza Karimova,");
  expect(csv).toMatch(/Dilnoza Karimova,[^,]+,LATE,,100\r\n/);
  // The rules: a late threshold above the present one is refused, beside the field.
  await admin.getByLabel("Late from (% of the session)").fill("90");
  await admin.getByRole("button", { name: "Save the rules" }).click();
  await expect(admin.getByLabel("Late from (% of the session)")).toHaveAccessibleDescription(
    "The late threshold cannot be above the present one.",
  );
  await admin.getByLabel("Late from (% of the session)").fill("50");
  await admin.getByRole("button", { name: "Save the rules" }).click();
  await expect(admin.getByRole("status")).toHaveText("Rules saved.");
  await expect(admin.getByLabel("Late from (% of the session)")).toHaveValue("50");
  await adminContext.close();

  await page.reload();
  const attendance = page.getByRole("region", { name }).getByRole("region", { name: "Your attendance" });
  await expect(attendance).toContainText("100% of the session held so far");
  await expect(attendance.getByRole("listitem").first()).toContainText("Late");

  // The participant asks to be excused from the coming session; the admin accepts.
  await attendance.getByRole("listitem").nth(1).getByRole("link", { name: "Ask to be excused" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ask to be excused" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Why you cannot attend *").fill("I am presenting at a conference in Tashkent that day.");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toContainText("Your request is sent.");
  await expect(page.getByText("Your request is waiting for the organisers.")).toBeVisible();
  const adminAgain = await (await browser.newContext()).newPage();
  await adminAgain.goto(await adminSignInPath(adminEmail, `/admin/cohorts/${cohort.id}/attendance`));
  await adminAgain.getByRole("link", { name: "Lecture 2" }).click();
  await expect(adminAgain.getByRole("region", { name: "Requests to be excused" })).toContainText(
    "presenting at a conference in Tashkent",
  );
  await adminAgain.getByRole("button", { name: "Accept the request of Dilnoza Karimova" }).click();
  await expect(adminAgain.getByRole("status").filter({ hasText: "Request accepted" })).toBeVisible();
  await expect(
    adminAgain.getByRole("group", { name: "Status of Dilnoza Karimova" }).getByRole("radio", { name: "Excused" }),
  ).toBeChecked();
  await page.goto("/dashboard");
  await expect(attendance.getByRole("listitem").nth(1)).toContainText("Excuse accepted");
  expect((await page.goto(`/admin/cohorts/${cohort.id}/sessions/${session}/attendance`))?.status()).toBe(404);
  expect((await page.goto(`/admin/cohorts/${cohort.id}/attendance`))?.status()).toBe(404);
});

test("[ADMIN][ZOOM]: imports a Zoom participants report: preview, review of unknown people, apply, and a re-import changes nothing", async ({
  page,
}) => {
  const cohort = await createCohort({ name: `Zoom cohort ${Date.now()}` });
  // The sample report's meeting: 15 Dec 2021, 09:00-12:00 Asia/Shanghai (01:00-04:00 UTC).
  const session = await addSession(cohort.id, "nhz-policy-framework", "2021-12-15T01:00:00Z", "2021-12-15T04:00:00Z");
  await addParticipant(cohort.id, uniqueEmail("ali"), "Ali Raza"); // another address than in the report: found by name
  await addParticipant(cohort.id, uniqueEmail("dilnoza"), "Dilnoza Toshmatova");
  const file = path.join(process.cwd(), "tests/fixtures/zoom/with-meeting-block.csv");

  await page.goto(
    await adminSignInPath(uniqueEmail("zoom-admin"), `/admin/cohorts/${cohort.id}/sessions/${session}/attendance`),
  );
  await page.getByLabel("Report file (CSV)").setInputFiles(file);
  await page.getByLabel("Time zone of the report's times").selectOption("Asia/Shanghai");
  await page.getByRole("button", { name: "Check the report" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Zoom report: check before importing" })).toBeVisible();
  await expectAccessible(page);
  const review = page.getByRole("region", { name: "People to review" });
  await expect(review).toContainText("Hamid's iPad");
  await page.getByRole("button", { name: /^Import: change/ }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("still need a decision");

  for (const select of await page.getByRole("region", { name: "People to review" }).getByRole("combobox").all())
    await select.selectOption("ignore");
  await page.getByRole("button", { name: "Update the preview" }).click();
  await expect(page.getByRole("region", { name: "People to review" })).toHaveCount(0);
  const changes = page.getByRole("region", { name: "Proposed changes" });
  await expect(changes.getByRole("row", { name: /Dilnoza Toshmatova/ })).toContainText("by name80LateWill be set");
  await expect(changes.getByRole("row", { name: /Ali Raza/ })).toContainText("by name166.9Present");
  await page.getByRole("button", { name: /^Import: change/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Attendance: Lecture 1,/ })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(/marks? saved/);
  await expect(page.getByText("From the Zoom report by").first()).toBeVisible();

  // The same report again: nothing to change.
  await page.getByLabel("Report file (CSV)").setInputFiles(file);
  await page.getByLabel("Time zone of the report's times").selectOption("Asia/Shanghai");
  await page.getByRole("button", { name: "Check the report" }).click();
  await expect(page.locator("dl > div").filter({ hasText: "Will change" }).locator("dd")).toHaveText("0");
});

test("[PARTICIPANT][CHECK-IN]: the admin opens check-in and shows the rotating code with its QR code; a participant enters it and is marked present; a wrong code is refused", async ({
  page,
  browser,
}) => {
  const cohort = await createCohort({ name: `Check-in cohort ${Date.now()}` });
  const startsAt = new Date(Date.now() - 2 * 60_000);
  const session = await addSession(
    cohort.id,
    "nhz-policy-framework",
    startsAt.toISOString(),
    new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
  );
  const email = uniqueEmail("checkin");
  await signUpParticipant(page, email, {
    name: "Timur Abdullaev",
    country: "Kazakhstan",
    organisation: "KazNU",
    position: "Student",
  });
  await enrol(email, cohort.id);

  await page.goto(`/check-in/${session}`);
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Check-in for this session is closed.");

  const admin = await (await browser.newContext()).newPage();
  await admin.goto(
    await adminSignInPath(uniqueEmail("checkin-admin"), `/admin/cohorts/${cohort.id}/sessions/${session}/attendance`),
  );
  await admin.getByRole("button", { name: "Open check-in for 15 minutes" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Check in to Lecture 1" })).toBeVisible();
  await expect(admin.getByRole("img", { name: "QR code of the check-in link with the current code" })).toBeVisible();
  await expectAccessible(admin);
  const shown = (await admin.getByTestId("check-in-code").textContent())!.replace(/\s/g, "");
  expect(shown).toMatch(/^\d{6}$/);

  const wrong = shown === "123456" ? "654321" : "123456";
  await page.getByLabel("Code").fill(wrong);
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is wrong or has expired");
  // The QR code's link carries the code: opening it fills the field.
  await page.goto(`/check-in/${session}?code=${shown}`);
  await expect(page.getByLabel("Code")).toHaveValue(shown);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("status")).toHaveText("You are checked in: marked present.");

  await admin.goto(`/admin/cohorts/${cohort.id}/sessions/${session}/attendance`);
  await expect(
    admin.getByRole("group", { name: "Status of Timur Abdullaev" }).getByRole("radio", { name: "Present" }),
  ).toBeChecked();
  await expect(admin.getByText("Checked in by")).toBeVisible();
  await admin.getByRole("button", { name: "Close check-in" }).click();
  await expect(admin.getByRole("button", { name: "Open check-in for 15 minutes" })).toBeVisible();
});
