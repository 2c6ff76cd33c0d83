import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { addPerson, adminSignInPath, createCohort, enrol, latestEmail, uniqueEmail, uniqueName } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";
import { addDays, scheduleTime } from "./time";

async function chooseLecture(page: Page, n: number) {
  const label = await page
    .getByLabel("Lecture *")
    .locator("option", { hasText: `Lecture ${n}:` })
    .textContent();
  await page.getByLabel("Lecture *").selectOption({ label: label! });
}

test("[ADMIN][SCHEDULE] @clock: the schedule form explains each mistake beside its field", async ({ page }) => {
  const cohort = await createCohort({ name: uniqueName("Schedule cohort") });
  await signedInAdmin(page, "schedule-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/sessions`);
  await expect(page.getByRole("heading", { level: 2, name: "Live sessions" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Cohorts" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(
    page.getByRole("navigation", { name: "Cohort pages" }).getByRole("link", { name: "Schedule" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("No session scheduled yet.")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Day *").fill(addDays(cohort.endsOn, 4)); // after the cohort's last day
  await page.getByLabel("Starts *").fill("10:00");
  await page.getByLabel("Ends *").fill("09:00");
  await page.getByLabel("Join link").fill("http://zoom.us/j/1");
  await page.getByRole("button", { name: "Add session" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("4 fields need your attention.");
  await expect(page.getByLabel("Lecture *")).toHaveAccessibleDescription("Please choose one.");
  await expect(page.getByLabel("Day *")).toHaveAccessibleDescription(/Choose a day within the cohort's dates\.$/);
  await expect(page.getByLabel("Ends *")).toHaveAccessibleDescription(/The session must end after it starts\.$/);
  await expect(page.getByLabel("Join link")).toHaveAccessibleDescription(/Enter a link starting with https:\/\/\.$/);
  await expectAccessible(page);
});

test("[ADMIN][SCHEDULE] @clock: schedules live sessions in the cohort's time zone, edits and deletes one", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Schedule cohort") });
  // Two days within the cohort's dates (it runs two weeks either side of today).
  const first = addDays(cohort.startsOn, 15);
  const second = addDays(first, 1);
  await signedInAdmin(page, "schedule-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/sessions`);

  await chooseLecture(page, 2);
  await page.getByLabel("Day *").fill(second);
  await page.getByLabel("Starts *").fill("09:00");
  await page.getByLabel("Ends *").fill("10:30");
  await page
    .getByLabel("Join link")
    .fill("https://zoom.us/j/987654321?pwd=Wm9vbVBhc3Njb2RlT2ZUaGlydHlUd29DaGFyYWN0ZXJz");
  await page.getByRole("button", { name: "Add session" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The session was added to the schedule." })).toBeVisible();
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Lecture 2:");
  await expect(rows.first()).toContainText(scheduleTime(second, "09:00"));
  await expect(rows.first()).toContainText("90 minutes");
  // The join link is shown by its host and path; the whole link, passcode and all, is its address.
  await expect(rows.first().getByRole("link", { name: "zoom.us/j/987654321", exact: true })).toHaveAttribute(
    "href",
    "https://zoom.us/j/987654321?pwd=Wm9vbVBhc3Njb2RlT2ZUaGlydHlUd29DaGFyYWN0ZXJz",
  );

  // The same lecture at the same time again is refused, not listed twice.
  await chooseLecture(page, 2);
  await page.getByLabel("Day *").fill(second);
  await page.getByLabel("Starts *").fill("09:00");
  await page.getByLabel("Ends *").fill("10:00");
  await page.getByRole("button", { name: "Add session" }).click();
  await expect(page.getByLabel("Starts *")).toHaveAccessibleDescription(
    /This lecture already has a session starting at this time: edit that one instead\.$/,
  );
  await expect(rows).toHaveCount(1);

  await chooseLecture(page, 1);
  await page.getByLabel("Day *").fill(first);
  await page.getByLabel("Starts *").fill("14:00");
  await page.getByLabel("Ends *").fill("15:00");
  await page.getByRole("button", { name: "Add session" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Lecture 1:"); // ordered by start

  await page.getByRole("link", { name: `Edit the session of ${scheduleTime(first, "14:00")}`, exact: true }).click();
  await expect(page.getByLabel("Starts *")).toHaveValue("14:00");
  await expectAccessible(page);
  await page.getByLabel("Starts *").fill("13:30");
  await page.getByRole("button", { name: "Save session" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The session was saved." })).toBeVisible();
  await expect(rows.first()).toContainText(scheduleTime(first, "13:30"));
  await expect(rows.first()).toContainText("90 minutes");

  // Delete asks first, and Keep it keeps it.
  const deleteLink = page.getByRole("link", {
    name: `Delete the session of ${scheduleTime(first, "13:30")}`,
    exact: true,
  });
  await deleteLink.click();
  const confirm = page.getByRole("region", { name: /^Delete the session of Lecture 1/ });
  await expect(confirm).toContainText("No attendance has been recorded for it.");
  await expectAccessible(page);
  await confirm.getByRole("link", { name: "Keep it" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await deleteLink.click();
  await confirm.getByRole("button", { name: "Delete the session" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The session was deleted." })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Lecture 2:");
});

const ROSTER = (domain: string) =>
  [
    "Full Name;E-mail Address;Nationality;Organization;Job Title;Notes",
    `Ayesha Khan;AYESHA@${domain};Pakistan;NUST;Lecturer;first`,
    `مریم رضایی;maryam@${domain};IR;دانشگاه تهران;=HYPERLINK("http://evil.example");`,
    `Айгуль Садыкова;aigul@${domain};Kazakhstan;Al-Farabi KazNU;@SUM(A1);`,
    `Bad Address;not-an-email;PK;X;Y;`,
    `Ayesha Twice;ayesha@${domain};PK;NUST;Lecturer;`,
    `Nowhere Person;nowhere@${domain};Atlantis;X;Y;`,
  ].join("\r\n");

/** The roster as a file to upload. */
const rosterFile = (domain: string) => ({
  name: "roster.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(ROSTER(domain)),
});

/** An admin signs in and has the cohort's roster file checked: the dry run's page. */
async function checkRoster(page: Page, cohortId: string, domain: string) {
  await signedInAdmin(page, "roster-admin");
  await page.goto(`/admin/cohorts/${cohortId}/import`);
  await page.getByLabel("Roster file (CSV)").setInputFiles(rosterFile(domain));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Check before importing" })).toBeVisible();
}

const figure = (page: Page, label: string) => page.locator("dl > div").filter({ hasText: label }).locator("dd");

test("[ADMIN][ROSTER]: a file too large, or without an e-mail column, is refused with a clear message", async ({
  page,
}) => {
  const { id } = await createCohort({ name: uniqueName("Roster cohort"), mode: "INVITE_ONLY" });
  await page.goto(await adminSignInPath(uniqueEmail("roster-admin"), `/admin/cohorts/${id}/import`));
  await expect(page.getByRole("heading", { level: 2, name: "Import a roster" })).toBeVisible();
  await expectAccessible(page);

  // Past the limit: a clear message, nothing kept.
  await page
    .getByLabel("Roster file (CSV)")
    .setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(2 * 1024 * 1024 + 10, "a") });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("The file is too large");
  await page
    .getByLabel("Roster file (CSV)")
    .setInputFiles({ name: "no-email.csv", mimeType: "text/csv", buffer: Buffer.from("Name,Country\nA,PK\n") });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "The file has no column for: E-mail. Add a header row naming the columns.",
  );
  // A file of no bytes was chosen all the same: the message says what is wrong with it.
  await page
    .getByLabel("Roster file (CSV)")
    .setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The file has no rows of participants.");
  await expectAccessible(page);
});

test("[ADMIN][ROSTER]: a roster saved by Excel as Unicode Text (UTF-16, tab-separated) is read, names in every script", async ({
  page,
}) => {
  const { id } = await createCohort({ name: uniqueName("Roster cohort"), mode: "INVITE_ONLY" });
  const domain = `${randomBytes(4).toString("hex")}.roster.example.org`;
  const text = [
    "Name\tE-mail\tCountry",
    `Ömer Çelik\tomer@${domain}\tTR`,
    `Айгерим Садыкова\taigerim@${domain}\tKZ`,
    `مریم احمدی\tmaryam@${domain}\tIR`,
  ].join("\r\n");
  await signedInAdmin(page, "roster-admin");
  await page.goto(`/admin/cohorts/${id}/import`);
  await page.getByLabel("Roster file (CSV)").setInputFiles({
    name: "roster.txt",
    mimeType: "text/plain",
    buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Check before importing" })).toBeVisible();
  await expect(figure(page, "New")).toHaveText("3");
  await expect(figure(page, "Errors")).toHaveText("0");
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows.filter({ hasText: "Ömer Çelik" })).toContainText(`omer@${domain}`);
  await expect(rows.filter({ hasText: "Айгерим Садыкова" })).toContainText(`aigerim@${domain}`);
  await expect(rows.filter({ hasText: "مریم احمدی" })).toContainText(`maryam@${domain}`);
  await expectAccessible(page);
});

test("[ADMIN][ROSTER]: the dry run shows who would be added and every row with an error, and writes nothing", async ({
  page,
}) => {
  const { id } = await createCohort({ name: uniqueName("Roster cohort"), mode: "INVITE_ONLY" });
  const domain = `${randomBytes(4).toString("hex")}.roster.example.org`;
  await checkRoster(page, id, domain);
  await expect(figure(page, "New")).toHaveText("3");
  await expect(figure(page, "Errors")).toHaveText("3");
  await expect(page.getByText("Ignored: Notes.")).toBeVisible();
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(`maryam@${domain}`);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Errors (3)" }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("5E-mailnot-an-emailNot an e-mail address.");
  await expect(rows.nth(1)).toContainText("This e-mail appears earlier in the file.");
  await expect(rows.nth(2)).toContainText("Unknown country");
  await expectAccessible(page);
  // Nothing is written before confirmation.
  await page.getByRole("link", { name: "Participants" }).click();
  await expect(page.getByText("Nobody matches.")).toBeVisible();
});

test("[ADMIN][ROSTER]: imports the roster and invites the people; the export keeps formulas as text", async ({
  page,
}) => {
  const name = uniqueName("Roster cohort");
  const { id } = await createCohort({ name, mode: "INVITE_ONLY" });
  const domain = `${randomBytes(4).toString("hex")}.roster.example.org`;
  await checkRoster(page, id, domain);

  await page.getByLabel("E-mail each person who gets a place, telling them how to sign in").check();
  await page.getByRole("button", { name: "Import 3 people" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "roster.csv is imported" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "people added" })).toHaveText(
    "3 people added, 0 updated, 0 unchanged, 3 rows with errors left out; 3 invitations sent.",
  );
  await expectAccessible(page);
  await expect.poll(async () => (await latestEmail(`aigul@${domain}`))?.subject).toBe(`Your place in ${name}`);

  await page.getByRole("link", { name: "Participants" }).click();
  const people = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(people).toHaveCount(3);
  await expect(page.getByText("3 participants enrolled; no request waiting.")).toBeVisible();
  await expect(people.filter({ hasText: `maryam@${domain}` })).toContainText("Added from a roster");
  await expectAccessible(page);

  // The export: a formula in a cell stays text.
  const csv = await (await page.request.get(`/api/admin/cohorts/${id}/participants.csv`)).text();
  expect(csv.startsWith("\uFEFFName,")).toBe(true);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  expect(csv).toContain("'@SUM(A1)");
  expect(csv).toContain("مریم رضایی");
});

test("[ADMIN][ROSTER]: importing a roster whose people already have their places changes nothing", async ({ page }) => {
  const { id } = await createCohort({ name: uniqueName("Roster cohort"), mode: "INVITE_ONLY" });
  const domain = `${randomBytes(4).toString("hex")}.roster.example.org`;
  // The three valid rows of the roster, already in the cohort with complete profiles.
  for (const [who, person] of [
    ["ayesha", { name: "Ayesha Khan", country: "PK", organisation: "NUST", position: "Lecturer" }],
    [
      "maryam",
      {
        name: "مریم رضایی",
        country: "IR",
        organisation: "دانشگاه تهران",
        position: '=HYPERLINK("http://evil.example")',
      },
    ],
    ["aigul", { name: "Айгуль Садыкова", country: "KZ", organisation: "Al-Farabi KazNU", position: "@SUM(A1)" }],
  ] as const) {
    await addPerson(`${who}@${domain}`, person);
    await enrol(`${who}@${domain}`, id);
  }
  await checkRoster(page, id, domain);
  await expect(figure(page, "New")).toHaveText("0");
  await expect(figure(page, "Unchanged")).toHaveText("3");
  await page.getByRole("button", { name: "Record this import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "people added" })).toContainText(
    "0 people added, 0 updated, 3 unchanged",
  );
  await page.getByRole("link", { name: "Participants" }).click();
  await expect(page.getByRole("row").filter({ has: page.getByRole("cell") })).toHaveCount(3);
});
