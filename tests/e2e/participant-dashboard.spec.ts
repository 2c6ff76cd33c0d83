import { expect, test } from "@playwright/test";
import { addSession, adminSignInPath, createCohort, uniqueEmail } from "./db";
import { signUpParticipant } from "./people";
import { expectAccessible } from "./support";

test("[PARTICIPANT][DASHBOARD]: a request is approved, then the dashboard shows the sessions in the participant's time zone and the .ics; another cohort stays closed", async ({
  page,
  browser,
}) => {
  const name = `Approval cohort ${Date.now()}`;
  const cohort = await createCohort({ name, mode: "APPROVAL" });
  const otherName = `Other cohort ${Date.now()}`;
  const other = await createCohort({ name: otherName });
  // 09:00-10:30 in Karachi (UTC+5) is 07:30-09:00 in Tehran (UTC+3:30).
  await addSession(cohort.id, "china-st-system-reform", "2026-12-02T04:00:00Z", "2026-12-02T05:30:00Z");
  await addSession(cohort.id, "nhz-policy-framework", "2026-12-01T04:00:00Z", "2026-12-01T05:00:00Z");
  await addSession(other.id, "pakistan-sti-policy", "2026-12-03T04:00:00Z", "2026-12-03T05:00:00Z");

  const email = uniqueEmail("dash");
  await signUpParticipant(
    page,
    email,
    {
      name: "Mozhgan Yazdianpour",
      country: "Iran",
      organisation: "IRIS",
      position: "Director",
      timeZone: "Asia/Tehran",
    },
    `/enrol/${cohort.inviteCode}`,
  );
  await page.getByRole("button", { name: "Request a place" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your request is sent" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByText(`Your request to join ${name} is waiting for the organisers' approval.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(0);

  // The admin approves the request.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(await adminSignInPath(uniqueEmail("approver"), `/admin/cohorts/${cohort.id}/participants`));
  await expect(admin.getByText("0 participants enrolled; 1 request waiting for approval.")).toBeVisible();
  await admin.getByLabel("Status").selectOption("PENDING");
  await admin.getByRole("button", { name: "Show" }).click();
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Approve: Mozhgan Yazdianpour" }).click();
  await expect(admin.getByRole("status")).toHaveText("Approved.");
  await expect(admin.getByText("Nobody matches.")).toBeVisible(); // the filter still shows requests only

  await page.reload();
  const section = page.getByRole("region", { name });
  await expect(section).toBeVisible();
  const next = section.getByRole("region", { name: "Next live sessions" }).getByRole("listitem");
  await expect(next).toHaveCount(2);
  await expect(next.first()).toContainText("The Policy Framework");
  await expect(next.first()).toContainText(/Dec 1, 2026, 07:30\sAM/);
  await expect(next.first()).toContainText(/Dec 1, 2026, 09:00\sAM GMT\+5 in the cohort's time zone/);
  await expect(next.first().getByRole("link", { name: "Join the session" })).toHaveAttribute(
    "href",
    "https://zoom.us/j/555",
  );
  const lectures = section.getByRole("region", { name: "The five lectures" }).getByRole("listitem");
  await expect(lectures).toHaveCount(5);
  await expect(lectures.nth(0)).toContainText(/Live .*Dec 1, 2026, 07:30\sAM/);
  await expect(lectures.nth(2)).toContainText("No live session yet");
  await expectAccessible(page);

  const ics = await page.request.get(`/api/cohorts/${cohort.id}/schedule.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const body = (await ics.text()).replace(/\r?\n[ \t]/g, "");
  expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(body).toContain("DTSTART:20261201T040000Z");
  expect(body).toContain("DTEND:20261202T053000Z");

  // Another cohort's calendar and every admin page and export stay closed to a participant.
  expect((await page.request.get(`/api/cohorts/${other.id}/schedule.ics`)).status()).toBe(404);
  expect((await page.request.get(`/api/admin/cohorts/${cohort.id}/participants.csv`)).status()).toBe(404);
  for (const path of [
    `/admin/cohorts/${other.id}`,
    `/admin/cohorts/${other.id}/participants`,
    `/admin/cohorts/${cohort.id}/sessions`,
    `/admin/cohorts/${cohort.id}/import`,
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole("navigation", { name: "Administration" })).toHaveCount(0);
  }
  // Signed out, the calendar asks for sign-in.
  expect(
    (await browser.newContext().then((c) => c.request.get(`/api/cohorts/${cohort.id}/schedule.ics`))).status(),
  ).toBe(401);

  // The admin moves the participant to the other cohort: the dashboard follows, the old calendar closes.
  await admin.getByRole("link", { name: "Show everyone" }).click();
  await admin.getByLabel("Move Mozhgan Yazdianpour to another cohort").selectOption({ label: otherName });
  await admin.getByRole("button", { name: "Move: Mozhgan Yazdianpour" }).click();
  await expect(admin.getByRole("status")).toHaveText("Moved to the other cohort.");
  await adminContext.close();
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name })).toHaveCount(0);
  const moved = page.getByRole("region", { name: otherName });
  await expect(moved.getByRole("region", { name: "Next live sessions" }).getByRole("listitem")).toHaveCount(1);
  expect((await page.request.get(`/api/cohorts/${cohort.id}/schedule.ics`)).status()).toBe(404);
  expect((await page.request.get(`/api/cohorts/${other.id}/schedule.ics`)).status()).toBe(200);
});
