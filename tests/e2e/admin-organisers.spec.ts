// Organisers: an admin assigns a participant to organise one cohort; they then manage that
// cohort (every tab, its exports, its settings) and nothing else, until the admin removes them.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { loadLectures } from "../../lib/content/load";
import { addPerson, adminSignInPath, createCohort, enrol, signInPath, uniqueEmail, uniqueName } from "./db";
import { expectAccessible, fullWidth } from "./support";

/** The cohort's places and who last changed them, as the database holds them. */
async function storedCohort(cohortId: string) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ capacity: number | null; actor_id: string | null }>(
      `SELECT c.capacity,
         (SELECT actor_id FROM audit_events WHERE action = 'cohort.update' AND entity_id = c.id ORDER BY at DESC LIMIT 1) AS actor_id
       FROM cohorts c WHERE c.id = $1`,
      [cohortId],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** The app's own 404 page, answered with status 404. */
async function expectNotFound(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
}

const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;

const TABS = [
  ["Settings", ""],
  ["Schedule", "/sessions"],
  ["Participants", "/participants"],
  ["Import roster", "/import"],
  ["Quizzes", "/quizzes"],
  ["Attendance", "/attendance"],
  ["Certificates", "/certificates"],
  ["Requests", "/inbox"],
  ["Announcements", "/announcements"],
  ["Report", "/report"],
] as const;

test("[ADMIN][ORGANISERS]: an admin makes a participant the organiser of one cohort: they manage it and nothing else, until removed", async ({
  browser,
  page,
}) => {
  test.slow(); // ten tabs with axe on each, by two people, on a shared machine
  const cohortA = await createCohort({ name: uniqueName("Organised cohort"), capacity: 30 });
  const cohortB = await createCohort({ name: uniqueName("Other cohort") });
  const inA = { email: uniqueEmail("in-a"), name: uniqueName("Amina Organised") };
  const inB = { email: uniqueEmail("in-b"), name: uniqueName("Bilal Elsewhere") };
  await addPerson(inA.email, { name: inA.name, country: "PK" });
  await enrol(inA.email, cohortA.id);
  await addPerson(inB.email, { name: inB.name, country: "PK" });
  await enrol(inB.email, cohortB.id);
  const organiser = { email: uniqueEmail("organiser"), name: uniqueName("Olga Organiser") };
  const organiserId = await addPerson(organiser.email, { name: organiser.name, country: "KZ" });

  const organisers = page.getByRole("region", { name: "Organisers" });
  await test.step("the admin assigns the participant by e-mail on cohort A's page", async () => {
    await page.goto(await adminSignInPath(uniqueEmail("organiser-admin"), `/admin/cohorts/${cohortA.id}`));
    await expect(page.getByRole("heading", { level: 1, name: cohortA.name })).toBeVisible();
    await expect(organisers).toContainText("No organiser is assigned.");

    // Someone without an account cannot be assigned.
    await organisers.getByLabel("Assign an organiser").fill(uniqueEmail("nobody"));
    await organisers.getByRole("button", { name: "Assign" }).click();
    await expect(organisers.getByRole("alert")).toHaveText(/^No one with that e-mail address has an account here\./);
    await expect(organisers.getByLabel("Assign an organiser")).toHaveAttribute("aria-invalid", "true");
    await expect(organisers.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

    await organisers.getByLabel("Assign an organiser").fill(organiser.email.toUpperCase());
    await organisers.getByRole("button", { name: "Assign" }).click();
    await expect(organisers.getByRole("status")).toHaveText("Organiser assigned: their role is now organiser.");
    await expect(organisers.getByRole("alert")).toHaveCount(0);
    const row = organisers.getByRole("row").filter({ hasText: organiser.email });
    await expect(row.getByRole("rowheader")).toContainText(organiser.name);
    await expect(row.getByRole("button", { name: `Remove ${organiser.email}` })).toBeVisible();
    await expectAccessible(page);

    // Assigning them again, their address typed in full-width this time, changes nothing.
    await organisers.getByLabel("Assign an organiser").fill(fullWidth(organiser.email));
    await organisers.getByRole("button", { name: "Assign" }).click();
    await expect(organisers.getByRole("alert")).toHaveText("That person organises this cohort already.");
    await expect(organisers.getByRole("row").filter({ hasText: organiser.email })).toHaveCount(1);
  });

  const organiserContext = await browser.newContext();
  const organiserPage = await organiserContext.newPage();
  await test.step("the organiser sees cohort A only, and every tab of it", async () => {
    await organiserPage.goto(await signInPath(organiser.email, "/admin/cohorts"));
    await expect(organiserPage.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
    const main = organiserPage.getByRole("main");
    await expect(main).toContainText("The cohorts an admin assigned you to organise.");
    await expect(main.getByRole("link", { name: cohortA.name, exact: true })).toBeVisible();
    await expect(main.getByRole("row").filter({ has: organiserPage.getByRole("rowheader") })).toHaveCount(1);
    await expect(main).not.toContainText(cohortB.name);
    await expect(organiserPage.getByRole("link", { name: "New cohort" })).toHaveCount(0);
    const nav = organiserPage.getByRole("navigation", { name: "Administration" });
    await expect(nav).toContainText("Organiser");
    await expect(nav.getByRole("link")).toHaveText(["Cohorts"]);
    await expectAccessible(organiserPage);

    await main.getByRole("link", { name: cohortA.name, exact: true }).click();
    await expect(organiserPage.getByRole("heading", { level: 1, name: cohortA.name })).toBeVisible();
    // The organisers of a cohort are the admins' to choose, and the site-wide audit log theirs to read.
    await expect(organiserPage.getByRole("region", { name: "Organisers" })).toHaveCount(0);
    await expect(organiserPage.getByRole("link", { name: "Audit log of this cohort" })).toHaveCount(0);

    const tabs = organiserPage.getByRole("navigation", { name: "Cohort pages" });
    for (const [tab, suffix] of TABS) {
      await organiserPage.goto(`/admin/cohorts/${cohortA.id}${suffix}`);
      await expect(organiserPage.getByRole("heading", { level: 1, name: cohortA.name }), tab).toBeVisible();
      await expect(tabs.getByRole("link", { name: tab, exact: true })).toHaveAttribute("aria-current", "page");
      await expect(nav.getByRole("link", { name: "Cohorts" })).toHaveAttribute("aria-current", "page");
      await expect(main, tab).not.toContainText(inB.name);
      if (tab === "Participants") {
        await expect(main).toContainText(inA.name);
        await expect(main).toContainText(inA.email);
      }
      if (tab === "Quizzes") {
        await expect(main).toContainText("an administrator makes it");
        await expect(main.getByRole("link", { name: /^Correct…/ })).toHaveCount(0);
        await expect(main.getByRole("columnheader", { name: "Correction" })).toHaveCount(0);
      }
      await expectAccessible(organiserPage);
    }

    const csv = await organiserPage.request.get(`/api/admin/cohorts/${cohortA.id}/participants.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain(inA.email);
    expect(text).not.toContain(inB.email);
  });

  await test.step("the organiser is refused cohort B and the site-wide pages", async () => {
    // A question's correction holds in every cohort: it is an admin's, even in cohort A.
    const correction = `/admin/cohorts/${cohortA.id}/quizzes/${lecture.slug}/questions/${lecture.quiz.questions[0]!.id}`;
    const quizYaml = `/api/admin/quizzes/${lecture.slug}/quiz.yaml`;
    for (const url of [correction, quizYaml]) expect((await page.request.get(url)).status(), url).toBe(200);
    expect((await organiserPage.request.get(quizYaml)).status()).toBe(404);
    for (const url of [
      correction,
      `/admin/cohorts/${cohortB.id}`,
      `/admin/cohorts/${cohortB.id}/participants`,
      "/admin/cohorts/new",
      "/admin/people",
      "/admin/outbox",
      "/admin/audit",
      "/admin/report",
    ])
      await expectNotFound(organiserPage, url);
    await expect(organiserPage.getByRole("main")).not.toContainText(inB.name);
    // Not even the pages' titles name cohort B.
    for (const url of [`/admin/cohorts/${cohortB.id}`, `/admin/cohorts/${cohortB.id}/participants`])
      expect(await (await organiserPage.request.get(url)).text(), url).not.toContain(cohortB.name);
    await expectAccessible(organiserPage);
    const csv = await organiserPage.request.get(`/api/admin/cohorts/${cohortB.id}/participants.csv`);
    expect(csv.status()).toBe(404);
    expect(await csv.text()).not.toContain(inB.email);
  });

  await test.step("the organiser changes cohort A's places: the change is stored, in their name", async () => {
    await organiserPage.goto(`/admin/cohorts/${cohortA.id}`);
    await expect(organiserPage.getByLabel("Places")).toHaveValue("30");
    await organiserPage.getByLabel("Places").fill("45");
    await organiserPage.getByRole("button", { name: "Save cohort" }).click();
    await expect(organiserPage).toHaveURL(/\/admin\/cohorts\?saved=updated&cohort=/);
    await expect(organiserPage.getByRole("link", { name: cohortA.name, exact: true })).toBeVisible();
    expect(await storedCohort(cohortA.id)).toEqual({ capacity: 45, actor_id: organiserId });
  });

  await test.step("the admin removes the organiser: cohort A is closed to them; the log keeps both", async () => {
    await page.goto(`/admin/cohorts/${cohortA.id}`);
    await organisers.getByRole("button", { name: `Remove ${organiser.email}` }).click();
    await expect(organisers.getByRole("status")).toHaveText("Organiser removed from this cohort.");
    await expect(organisers).toContainText("No organiser is assigned.");
    await expect(organisers).not.toContainText(organiser.email);

    await expectNotFound(organiserPage, `/admin/cohorts/${cohortA.id}`);
    await expectNotFound(organiserPage, `/admin/cohorts/${cohortA.id}/participants`);
    expect((await organiserPage.request.get(`/api/admin/cohorts/${cohortA.id}/participants.csv`)).status()).toBe(404);
    await organiserPage.goto("/admin/cohorts");
    await expect(organiserPage.getByRole("main")).toContainText("No cohort is assigned to you yet.");
    await expect(organiserPage.getByRole("main")).not.toContainText(cohortA.name);

    await page.goto(`/admin/audit?${new URLSearchParams({ cohort: cohortA.id })}`);
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const log = page.getByRole("table").first();
    await expect(log).toContainText(new RegExp(`Made ${organiser.name}.* an organiser of the cohort`));
    await expect(log).toContainText(new RegExp(`Removed ${organiser.name}.* from the cohort's organisers`));
    await expectAccessible(page);
  });
  await organiserContext.close();
});
