import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import {
  addParticipant,
  addPerson,
  addSession,
  adminSignInPath,
  createCohort,
  enrol,
  markAttendance,
  openCheckIn,
  requestExcuse,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInAdmin, signedInPerson, signInAs } from "./people";
import { expectAccessible } from "./support";
import { after, DAY, fromNow, MINUTE } from "./time";

const DILNOZA = { name: "Dilnoza Karimova", country: "UZ", organisation: "NUUz", position: "Lecturer" };
const REASON = "I am presenting at a conference in Tashkent that day.";
const TIMUR = { name: "Timur Abdullaev", country: "KZ", organisation: "KazNU", position: "Student" };

/** A cohort with a session held yesterday (lecture 1) and one tomorrow (lecture 2), and Dilnoza in it. */
async function cohortWithDilnoza() {
  const cohort = await createCohort({ name: uniqueName("Attendance cohort") });
  const heldAt = fromNow(-DAY);
  const comingAt = fromNow(DAY);
  const held = await addSession(cohort.id, "nhz-policy-framework", heldAt, after(heldAt, 90 * MINUTE));
  const coming = await addSession(cohort.id, "china-st-system-reform", comingAt, after(comingAt, 90 * MINUTE));
  const dilnoza = uniqueEmail("attendee");
  const dilnozaId = await addPerson(dilnoza, DILNOZA);
  await enrol(dilnoza, cohort.id);
  return { cohort, held, coming, dilnoza, dilnozaId };
}

test("[ADMIN][ATTENDANCE]: marks a session's attendance by keyboard, marks the rest present, and filters the register", async ({
  page,
}) => {
  const { cohort } = await cohortWithDilnoza();
  const { email: adminEmail } = await signedInAdmin(page, "att-admin");
  await enrol(adminEmail, cohort.id); // the admin also holds a place, as organisers sometimes do
  await page.goto(`/admin/cohorts/${cohort.id}/sessions`);
  await page
    .getByRole("link", { name: /^Attendance of the session of / })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 2, name: /^Attendance: Lecture 1,/ })).toBeVisible();
  await expectAccessible(page);
  // Keyboard only: focus the first status of Dilnoza's group, arrow to "Late", type a note.
  const group = page.getByRole("group", { name: "Status of Dilnoza Karimova" });
  await group.getByRole("radio", { name: "Present" }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await expect(group.getByRole("radio", { name: "Late" })).toBeChecked();
  await page.getByLabel("Note for Dilnoza Karimova").fill("joined 20 minutes late");
  await page.getByRole("button", { name: "Save, and mark everyone not marked as present" }).click();
  await expect(page.getByRole("status")).toHaveText("2 marks saved.");
  await expect(page.getByRole("link", { name: "Late (1)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Present (1)" })).toBeVisible();
  await page.getByRole("link", { name: "Late (1)" }).click();
  await expect(page.getByRole("group")).toHaveCount(1);
  await expect(page.getByText(`Marked by ${adminEmail}`)).toBeVisible();
});

test("[ADMIN][ATTENDANCE] @clock: the cohort's matrix counts the sessions held so far, and downloads as CSV", async ({
  page,
}) => {
  const { cohort, held, dilnoza } = await cohortWithDilnoza();
  await markAttendance(held, dilnoza, "LATE");
  await signedInAdmin(page, "matrix-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/attendance`);
  await expect(page.getByRole("heading", { level: 2, name: "Attendance by session" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Dilnoza Karimova/ })).toContainText("L");
  await expect(page.getByRole("row", { name: /Dilnoza Karimova/ })).toContainText("100%"); // tomorrow's is not counted
  await expectAccessible(page);
  const csv = await (await page.request.get(`/api/admin/cohorts/${cohort.id}/attendance.csv`)).text();
  expect(csv).toContain("Dilnoza Karimova,");
  expect(csv).toMatch(/Dilnoza Karimova,[^,]+,LATE,,100\r\n/);
  // Every record, with what the matrix leaves out: minutes, source, note, who marked it.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download every record, with minutes and notes (CSV)" }).click();
  const records = await readFile((await (await download).path())!, "utf8");
  const lines = records
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe(
    "Session,Session starts (UTC),Name,E-mail,Country,Status,Minutes attended,Source,Note,Marked by,Updated (UTC)",
  );
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(new RegExp(`^Lecture 1,[^,]+,Dilnoza Karimova,${dilnoza},UZ,LATE,,MANUAL,,,`));
  expect((await page.request.get(`/api/admin/cohorts/${cohort.id}/attendance.csv?layout=pie`)).status()).toBe(400);
});

test("[ADMIN][SCHEDULE] @clock: a session with attendance is deleted only after the organiser sees how many records go with it", async ({
  page,
}) => {
  const { cohort, held, dilnoza } = await cohortWithDilnoza();
  await markAttendance(held, dilnoza, "PRESENT");
  await signedInAdmin(page, "delete-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/sessions`);
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(2);
  await rows
    .filter({ hasText: "Lecture 1:" })
    .getByRole("link", { name: /^Delete the session of / })
    .click();
  const confirm = page.getByRole("region", { name: /^Delete the session of Lecture 1/ });
  await expect(confirm).toContainText("1 participant's attendance is recorded for it, and would be deleted with it.");
  await expect(confirm.getByRole("link", { name: "Edit its time instead" })).toBeVisible();
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Delete the session and its attendance record" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The session was deleted." })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Lecture 2:");
  await page.goto(`/admin/cohorts/${cohort.id}/attendance`);
  await expect(page.getByRole("row", { name: /Dilnoza Karimova/ })).not.toContainText("100%");
});

test("[ADMIN][ATTENDANCE]: the cohort's rules: a late threshold above the present one is refused beside the field", async ({
  page,
}) => {
  const { cohort } = await cohortWithDilnoza();
  await signedInAdmin(page, "rules-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/attendance`);
  await page.getByLabel("Late from (% of the session)").fill("90");
  await page.getByRole("button", { name: "Save the rules" }).click();
  await expect(page.getByLabel("Late from (% of the session)")).toHaveAccessibleDescription(
    "The late threshold cannot be above the present one.",
  );
  await page.getByLabel("Late from (% of the session)").fill("50");
  await page.getByRole("button", { name: "Save the rules" }).click();
  await expect(page.getByRole("status")).toHaveText("Rules saved.");
  await expect(page.getByLabel("Late from (% of the session)")).toHaveValue("50");
});

test("[PARTICIPANT][ATTENDANCE] @clock: sees their rate over the sessions held so far, and asks to be excused from the coming one", async ({
  page,
}) => {
  const { cohort, held, dilnoza, dilnozaId } = await cohortWithDilnoza();
  await markAttendance(held, dilnoza, "LATE");
  await signInAs(page, dilnozaId);
  await page.goto("/dashboard");
  const attendance = page.getByRole("region", { name: cohort.name }).getByRole("region", { name: "Your attendance" });
  await expect(attendance).toContainText("100% of the session held so far");
  await expect(attendance.getByRole("listitem").first()).toContainText("Late");
  await expect(attendance.getByRole("listitem").nth(1)).toContainText("Upcoming");

  await attendance.getByRole("listitem").nth(1).getByRole("link", { name: "Ask to be excused" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ask to be excused" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Why you cannot attend *").fill(REASON);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toContainText("Your request is sent.");
  await expect(page.getByText("Your request is waiting for the organisers.")).toBeVisible();
});

test("[ADMIN][ATTENDANCE] @clock: accepts a request to be excused, and the participant sees it accepted", async ({
  page,
  browser,
}) => {
  const { cohort, held, coming, dilnoza, dilnozaId } = await cohortWithDilnoza();
  await requestExcuse(coming, dilnoza, REASON);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "excuse-admin");
  await admin.goto(`/admin/cohorts/${cohort.id}/attendance`);
  await admin.getByRole("link", { name: "Lecture 2" }).click();
  await expect(admin.getByRole("region", { name: "Requests to be excused" })).toContainText(
    "presenting at a conference in Tashkent",
  );
  await admin.getByRole("button", { name: "Accept the request of Dilnoza Karimova" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Request accepted" })).toBeVisible();
  await expect(
    admin.getByRole("group", { name: "Status of Dilnoza Karimova" }).getByRole("radio", { name: "Excused" }),
  ).toBeChecked();
  await adminContext.close();

  await signInAs(page, dilnozaId);
  await page.goto("/dashboard");
  const attendance = page.getByRole("region", { name: cohort.name }).getByRole("region", { name: "Your attendance" });
  await expect(attendance.getByRole("listitem").nth(1)).toContainText("Excuse accepted");
  expect((await page.goto(`/admin/cohorts/${cohort.id}/sessions/${held}/attendance`))?.status()).toBe(404);
  expect((await page.goto(`/admin/cohorts/${cohort.id}/attendance`))?.status()).toBe(404);
});

test("[ADMIN][ZOOM]: imports a Zoom participants report: preview, review of unknown people, apply, and a re-import changes nothing", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Zoom cohort") });
  // The sample report's meeting, 15 Dec 2021, 09:00-12:00 Asia/Shanghai: only data, never compared with the clock.
  const session = await addSession(
    cohort.id,
    "nhz-policy-framework",
    new Date("2021-12-15T01:00:00Z"),
    new Date("2021-12-15T04:00:00Z"),
  );
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

/** A cohort with a session on now (started two minutes ago), and Timur in it, signed in on the page. */
async function sessionOnNow(page: Page) {
  const cohort = await createCohort({ name: uniqueName("Check-in cohort") });
  const startsAt = fromNow(-2 * MINUTE);
  const session = await addSession(cohort.id, "nhz-policy-framework", startsAt, after(startsAt, 90 * MINUTE));
  const { email } = await signedInPerson(page, "checkin", TIMUR);
  await enrol(email, cohort.id);
  return { cohort, session, email };
}

/** The code the admin's check-in page shows now (it changes every 30 seconds). */
async function currentCode(admin: Page) {
  await admin.reload();
  return (await admin.getByTestId("check-in-code").textContent())!.replace(/\s/g, "");
}

test("[PARTICIPANT][CHECK-IN] @clock: before the admin opens check-in, any code is refused", async ({ page }) => {
  const { session } = await sessionOnNow(page);
  await page.goto(`/check-in/${session}`);
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Check-in for this session is closed.");
});

test("[ADMIN][CHECK-IN] @clock: the admin opens check-in and shows the rotating code with its QR code; without JavaScript the page reloads itself as the code changes", async ({
  page,
  browser,
}) => {
  const cohort = await createCohort({ name: uniqueName("Check-in cohort") });
  const startsAt = fromNow(-2 * MINUTE);
  const session = await addSession(cohort.id, "nhz-policy-framework", startsAt, after(startsAt, 90 * MINUTE));
  await page.goto(
    await adminSignInPath(uniqueEmail("checkin-admin"), `/admin/cohorts/${cohort.id}/sessions/${session}/attendance`),
  );
  await page.getByRole("button", { name: "Open check-in for 15 minutes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check in to Lecture 1" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code of the check-in link with the current code" })).toBeVisible();
  await expect(page.getByTestId("check-in-code")).toHaveText(/^\d{3} \d{3}$/);
  await expectAccessible(page);

  // Without JavaScript the page reloads itself when the code changes, and offers no button that needs scripts.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const screen = await plain.newPage();
  await signedInAdmin(screen, "checkin-screen-plain");
  await screen.goto(page.url());
  await expect(screen.getByTestId("check-in-code")).toHaveText(/^\d{3} \d{3}$/);
  const refresh = screen.locator('noscript meta[http-equiv="refresh"]');
  await expect(refresh).toHaveCount(1);
  const changesIn = Number(/It changes in (\d+) s\./.exec((await screen.getByRole("main").textContent())!)![1]);
  expect(Number(await refresh.getAttribute("content"))).toBe(changesIn + 1);
  await expect(screen.getByRole("button", { name: "Copy the link" })).toHaveCount(0);
  await expect(screen.getByLabel(/^Check-in link to share/)).toHaveValue(new RegExp(`/check-in/${session}$`));
  await plain.close();
  // With scripts, the meta is text the browser ignores, and the button is there.
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Copy the link" })).toBeVisible();
});

test("[PARTICIPANT][CHECK-IN] @clock: a participant enters the code shown (its QR code's link fills it in) and is marked present; a wrong code is refused", async ({
  page,
  browser,
}) => {
  const { cohort, session } = await sessionOnNow(page);
  await openCheckIn(session);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "code-admin");
  await admin.goto(`/admin/cohorts/${cohort.id}/sessions/${session}/check-in`);
  const shown = await currentCode(admin);
  expect(shown).toMatch(/^\d{6}$/);

  const wrong = shown === "123456" ? "654321" : "123456";
  await page.goto(`/check-in/${session}`);
  await page.getByLabel("Code").fill(wrong);
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is wrong or has expired");
  // The QR code's link carries the code: opening it fills the field.
  await page.goto(`/check-in/${session}?code=${shown}`);
  await expect(page.getByLabel("Code")).toHaveValue(shown);
  await expectAccessible(page);
  // The code read a while ago may have expired by now on a busy machine: check in with the current one.
  await page.getByLabel("Code").fill(await currentCode(admin));
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("status")).toHaveText("You are checked in: marked present.");
  await adminContext.close();
});

test("[ADMIN][CHECK-IN] @clock: the register shows who checked themselves in, and the admin closes check-in", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Check-in cohort") });
  const startsAt = fromNow(-2 * MINUTE);
  const session = await addSession(cohort.id, "nhz-policy-framework", startsAt, after(startsAt, 90 * MINUTE));
  const timur = uniqueEmail("checked-in");
  await addPerson(timur, TIMUR);
  await enrol(timur, cohort.id);
  await openCheckIn(session);
  await markAttendance(session, timur, "PRESENT", { source: "SELF_CHECK_IN" });

  await signedInAdmin(page, "closer");
  await page.goto(`/admin/cohorts/${cohort.id}/sessions/${session}/attendance`);
  await expect(
    page.getByRole("group", { name: "Status of Timur Abdullaev" }).getByRole("radio", { name: "Present" }),
  ).toBeChecked();
  await expect(page.getByText("Checked in by")).toBeVisible();
  await page.getByRole("button", { name: "Close check-in" }).click();
  await expect(page.getByRole("button", { name: "Open check-in for 15 minutes" })).toBeVisible();
});
