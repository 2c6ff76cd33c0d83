import { expect, test, type Page } from "@playwright/test";
import { adminSignInPath, createCohort, latestEmail, uniqueEmail } from "./db";
import { expectAccessible } from "./support";

async function chooseLecture(page: Page, n: number) {
  const label = await page
    .getByLabel("Lecture *")
    .locator("option", { hasText: `Lecture ${n}:` })
    .textContent();
  await page.getByLabel("Lecture *").selectOption({ label: label! });
}

test("[ADMIN][SCHEDULE]: schedules live sessions in the cohort's time zone, edits and deletes one", async ({
  page,
}) => {
  const { id } = await createCohort({ name: `Schedule cohort ${Date.now()}` });
  await page.goto(await adminSignInPath(uniqueEmail("schedule-admin"), `/admin/cohorts/${id}/sessions`));
  await expect(page.getByRole("heading", { level: 2, name: "Live sessions" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Cohorts" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(
    page.getByRole("navigation", { name: "Cohort pages" }).getByRole("link", { name: "Schedule" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("No session scheduled yet.")).toBeVisible();
  await expectAccessible(page);

  // Mistakes are explained beside the fields.
  await page.getByLabel("Day *").fill("2026-12-09");
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

  await chooseLecture(page, 2);
  await page.getByLabel("Day *").fill("2026-12-02");
  await page.getByLabel("Starts *").fill("09:00");
  await page.getByLabel("Ends *").fill("10:30");
  await page.getByLabel("Join link").fill("https://zoom.us/j/987654321");
  await page.getByRole("button", { name: "Add session" }).click();
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Lecture 2:");
  await expect(rows.first()).toContainText("Dec 2, 2026, 9:00 AM");
  await expect(rows.first()).toContainText("90 minutes");

  await chooseLecture(page, 1);
  await page.getByLabel("Day *").fill("2026-12-01");
  await page.getByLabel("Starts *").fill("14:00");
  await page.getByLabel("Ends *").fill("15:00");
  await page.getByRole("button", { name: "Add session" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Lecture 1:"); // ordered by start

  await page.getByRole("link", { name: /^Edit the session of Dec 1, 2026, 2:00\sPM$/ }).click();
  await expect(page.getByLabel("Starts *")).toHaveValue("14:00");
  await expectAccessible(page);
  await page.getByLabel("Starts *").fill("13:30");
  await page.getByRole("button", { name: "Save session" }).click();
  await expect(rows.first()).toContainText("Dec 1, 2026, 1:30 PM");
  await expect(rows.first()).toContainText("90 minutes");

  await page.getByRole("button", { name: /^Delete the session of Dec 1, 2026, 1:30\sPM$/ }).click();
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

test("[ADMIN][ROSTER]: imports a roster after a dry run, invites the people, re-imports without change, exports safely", async ({
  page,
}) => {
  const name = `Roster cohort ${Date.now()}`;
  const { id } = await createCohort({ name, mode: "INVITE_ONLY" });
  const domain = `${Date.now()}.roster.example.org`;
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
  await expectAccessible(page);

  // The dry run.
  await page
    .getByLabel("Roster file (CSV)")
    .setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(ROSTER(domain)) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Check before importing" })).toBeVisible();
  const figure = (label: string) => page.locator("dl > div").filter({ hasText: label }).locator("dd");
  await expect(figure("New")).toHaveText("3");
  await expect(figure("Errors")).toHaveText("3");
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
  await page.goBack();

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

  // The same file again changes nothing.
  await page.getByRole("link", { name: "Import roster" }).click();
  await page
    .getByLabel("Roster file (CSV)")
    .setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(ROSTER(domain)) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(figure("New")).toHaveText("0");
  await expect(figure("Unchanged")).toHaveText("3");
  await page.getByRole("button", { name: "Record this import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "people added" })).toContainText(
    "0 people added, 0 updated, 3 unchanged",
  );
  await page.getByRole("link", { name: "Participants" }).click();
  await expect(people).toHaveCount(3);
});
