import { expect, test } from "@playwright/test";
import {
  addPerson,
  addSession,
  createCohort,
  enrol,
  enrolledCount,
  requestExcuse,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInAdmin, signInAs } from "./people";
import { expectAccessible } from "./support";
import { after, DAY, fromNow, MINUTE } from "./time";

const PEOPLE = [
  { name: "Aigerim Sadykova", country: "KZ", organisation: "KazNU" },
  { name: "Bilal Qureshi", country: "PK", organisation: "COMSATS" },
  { name: "Chen Wei", country: "CN", organisation: "CASTED" },
];
const REASON = "I am presenting at a conference in Tashkent that day.";
const MESSAGE = "This session is required for the certificate: please join online.";

test("[ADMIN][INBOX]: the cohort list counts pending requests; select all approves them up to the cohort's capacity", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Inbox cohort"), mode: "APPROVAL", capacity: 2 });
  for (const person of PEOPLE) {
    const email = uniqueEmail("applicant");
    await addPerson(email, person);
    await enrol(email, cohort.id, "PENDING");
  }
  await signedInAdmin(page, "inbox-admin");
  await page.goto("/admin/cohorts");
  await expect(page.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole("link", { name: `3 enrolment requests, no excuse requests pending (${cohort.name})`, exact: true })
    .click();

  await expect(page.getByRole("link", { name: "Enrolment requests (3)" })).toHaveAttribute("aria-current", "page");
  for (const person of PEOPLE) await expect(page.getByRole("row", { name: new RegExp(person.name) })).toBeVisible();
  await expect(page.getByRole("row", { name: /Bilal Qureshi/ })).toContainText("Pakistan");
  await expectAccessible(page);
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  for (const person of PEOPLE)
    await expect(page.getByRole("checkbox", { name: `Choose the request of ${person.name}` })).toBeChecked();
  await page.getByRole("button", { name: "Approve the selected requests" }).click();

  const summary = page.getByRole("status");
  await expect(summary).toContainText("Approved 2 enrolment requests.", { timeout: 60_000 });
  await expect(summary).toContainText("1 request stays pending: the cohort has no free place left.");
  await expectAccessible(page);
  await expect(page.getByRole("link", { name: "Enrolment requests (1)" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^Choose the request of / })).toHaveCount(1);
  expect(await enrolledCount(cohort.id)).toBe(2);
});

test("[ADMIN][INBOX] @clock: refuses an excuse request with a message after confirming, and the participant sees both", async ({
  page,
  browser,
}) => {
  const cohort = await createCohort({ name: uniqueName("Inbox cohort") });
  const startsAt = fromNow(DAY);
  const session = await addSession(cohort.id, "china-st-system-reform", startsAt, after(startsAt, 90 * MINUTE));
  const email = uniqueEmail("dilnoza");
  const userId = await addPerson(email, { name: "Dilnoza Karimova", country: "UZ" });
  await enrol(email, cohort.id);
  await requestExcuse(session, email, REASON);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "inbox-admin");
  await admin.goto(`/admin/cohorts/${cohort.id}`);
  await admin.getByRole("link", { name: `No enrolment requests, 1 excuse request pending (${cohort.name})` }).click();
  await admin.getByRole("link", { name: "Excuse requests (1)" }).click();
  const row = admin.getByRole("row", { name: /Dilnoza Karimova/ });
  await expect(row).toContainText(REASON);
  await expect(row).toContainText("Lecture 2");
  // The session's time, with its zone (e.g. "Dec 4, 2026, 3:00 PM GMT+5").
  await expect(row).toContainText(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M (GMT|UTC)/);
  await expectAccessible(admin);

  // The box names the session too: one person may ask to be excused from several.
  await admin.getByRole("checkbox", { name: /^Choose the request of Dilnoza Karimova for the session of / }).check();
  await admin.getByLabel("Message to the participants (optional)").fill(MESSAGE);
  // Refusing is one step further: the button that refuses is inside the confirmation.
  await expect(admin.getByRole("button", { name: "Refuse the selected excuse requests" })).toBeHidden();
  await admin.getByText("Refuse the selected requests…").click();
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Refuse the selected excuse requests" }).click();
  await expect(admin.getByRole("status")).toHaveText("Refused 1 excuse request.", { timeout: 60_000 });
  await expect(admin.getByText("No excuse request is waiting.")).toBeVisible();
  await expect(admin.getByRole("link", { name: "Excuse requests (0)" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(admin);
  await adminContext.close();

  await signInAs(page, userId);
  await page.goto("/dashboard");
  const attendance = page.getByRole("region", { name: cohort.name }).getByRole("region", { name: "Your attendance" });
  await expect(attendance).toContainText("Excuse not accepted");
  await expect(attendance).toContainText(`The organisers’ message: ${MESSAGE}`);
  await expectAccessible(page);
  expect((await page.goto(`/admin/cohorts/${cohort.id}/inbox`))?.status()).toBe(404);
});
