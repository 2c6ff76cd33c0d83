import { expect, test, type Page } from "@playwright/test";
import { addSession, createCohort, enrol, latestEmail, uniqueName, type Cohort } from "./db";
import { signedInAdmin, signedInPerson, signInAs } from "./people";
import { expectAccessible } from "./support";
import { after, badgeTime, DAY, dashboardTime, fromNow, HOUR, icsTime, MINUTE } from "./time";

// Mozhgan reads her dashboard in Tehran (UTC+3:30); the cohorts run in Karachi (UTC+5).
const MOZHGAN = {
  name: "Mozhgan Yazdianpour",
  country: "IR",
  organisation: "IRIS",
  position: "Director",
  timeZone: "Asia/Tehran",
};

/**
 * A cohort with a session held yesterday (lecture 4) and two to come (lectures 1 and 2),
 * and another cohort with one to come (lecture 3).
 */
async function cohortsWithSessions() {
  const cohort = await createCohort({ name: uniqueName("Dashboard cohort") });
  const other = await createCohort({ name: uniqueName("Other cohort") });
  const heldAt = fromNow(-DAY);
  const first = fromNow(DAY + 3 * HOUR);
  const sessions = {
    held: { startsAt: heldAt, endsAt: after(heldAt, HOUR) },
    first: { startsAt: first, endsAt: after(first, HOUR) },
    second: { startsAt: after(first, DAY), endsAt: after(first, DAY + 90 * MINUTE) },
    other: { startsAt: after(first, 2 * DAY), endsAt: after(first, 2 * DAY + HOUR) },
  };
  await addSession(cohort.id, "iran-sti-science-parks", sessions.held.startsAt, sessions.held.endsAt);
  await addSession(cohort.id, "china-st-system-reform", sessions.second.startsAt, sessions.second.endsAt);
  await addSession(cohort.id, "nhz-policy-framework", sessions.first.startsAt, sessions.first.endsAt);
  await addSession(other.id, "pakistan-sti-policy", sessions.other.startsAt, sessions.other.endsAt);
  return { cohort, other, sessions };
}

const nextSessionsOf = (page: Page, cohort: Cohort) =>
  page
    .getByRole("region", { name: cohort.name })
    .getByRole("region", { name: "Next live sessions" })
    .getByRole("listitem");

test("[PARTICIPANT][ENROL]: a request for a place in a cohort on approval waits for the organisers", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Approval cohort"), mode: "APPROVAL" });
  await signedInPerson(page, "requester", MOZHGAN);
  await page.goto(`/enrol/${cohort.inviteCode}`);
  await page.getByRole("button", { name: "Request a place" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your request is sent" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(
    page.getByText(`Your request to join ${cohort.name} is waiting for the organisers' approval.`),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(0);
});

test("[PARTICIPANT][DASHBOARD]: a cohort's dates are written as a range of days: a one-day cohort's day once, on its invite page and the dashboard", async ({
  page,
}) => {
  const oneDay = await createCohort({ name: uniqueName("One-day cohort"), days: { first: 3, last: 3 } });
  const threeDays = await createCohort({ name: uniqueName("Three-day cohort"), days: { first: 40, last: 42 } });
  const { email } = await signedInPerson(page, "dates", MOZHGAN);
  const range = (cohort: Cohort, dateStyle: "medium" | "long") =>
    new Intl.DateTimeFormat("en", { dateStyle, timeZone: "UTC" }).formatRange(
      new Date(`${cohort.startsOn}T00:00:00Z`),
      new Date(`${cohort.endsOn}T00:00:00Z`),
    );
  const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${oneDay.startsOn}T00:00:00Z`),
  );
  expect(range(oneDay, "medium")).toBe(day);

  await page.goto(`/enrol/${threeDays.inviteCode}`);
  await expect(page.getByText(range(threeDays, "long"), { exact: true })).toBeVisible();

  for (const cohort of [oneDay, threeDays]) await enrol(email, cohort.id);
  await page.goto("/dashboard");
  const datesOf = (cohort: Cohort) =>
    page.getByRole("region", { name: cohort.name }).getByText(range(cohort, "medium"), { exact: true });
  await expect(datesOf(oneDay)).toBeVisible();
  await expect(datesOf(threeDays)).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(`${day} to ${day}`);
  // Neither has a live session: the dashboard says so as the cohort's page does, promising none.
  await expect(page.getByRole("region", { name: oneDay.name })).toContainText(
    "No live session is scheduled: study the lectures at your own pace.",
  );
});

test("[ADMIN][PARTICIPANTS]: approves a waiting request, and the participant's dashboard then shows the cohort", async ({
  page,
  browser,
}) => {
  const cohort = await createCohort({ name: uniqueName("Approval cohort"), mode: "APPROVAL" });
  const { email } = await signedInPerson(page, "approved", MOZHGAN);
  await enrol(email, cohort.id, "PENDING");
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: cohort.name })).toHaveCount(0);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "approver");
  await admin.goto(`/admin/cohorts/${cohort.id}/participants`);
  await expect(admin.getByText("0 participants enrolled; 1 request waiting for approval.")).toBeVisible();
  await admin.getByLabel("Status").selectOption("PENDING");
  await admin.getByRole("button", { name: "Show" }).click();
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Approve: Mozhgan Yazdianpour" }).click();
  await expect(admin.getByRole("status")).toHaveText("Approved.");
  await expect(admin.getByText("Nobody matches.")).toBeVisible(); // the filter still shows requests only
  await admin.getByRole("link", { name: "Show everyone" }).click();
  await expect(admin.getByText("1 participant enrolled; no request waiting.")).toBeVisible();
  await adminContext.close();

  await page.reload();
  await expect(page.getByRole("region", { name: cohort.name })).toBeVisible();
  // Told on the dashboard, and by e-mail (sent by the server's job worker).
  await expect(page.getByRole("region", { name: "Messages" })).toContainText(
    `Your place in ${cohort.name} is confirmed.`,
  );
  await expectAccessible(page);
  await expect
    .poll(async () => (await latestEmail(email))?.subject, { timeout: 30_000 })
    .toBe(`You have a place in ${cohort.name}`);
});

test("[PARTICIPANT][DASHBOARD] @clock: shows the sessions still to come in the participant's time zone, the cohort's time beside, and where each lecture stands", async ({
  page,
}) => {
  const { cohort, sessions } = await cohortsWithSessions();
  const { email } = await signedInPerson(page, "dash", MOZHGAN);
  await enrol(email, cohort.id);
  await page.goto("/dashboard");

  const section = page.getByRole("region", { name: cohort.name });
  await expect(section).toBeVisible();
  const next = nextSessionsOf(page, cohort);
  await expect(next).toHaveCount(2); // yesterday's is over
  await expect(next.first()).toContainText("The Policy Framework");
  await expect(next.first()).toContainText(dashboardTime(sessions.first.startsAt, "Asia/Tehran"));
  await expect(next.first()).toContainText(
    `${dashboardTime(sessions.first.startsAt, cohort.timeZone)} in the cohort's time zone`,
  );
  await expect(next.first().getByRole("link", { name: "Join the session" })).toHaveAttribute(
    "href",
    "https://zoom.us/j/555",
  );
  await expect(next.nth(1)).toContainText(dashboardTime(sessions.second.startsAt, "Asia/Tehran"));
  const lectures = section.getByRole("region", { name: "The five lectures" }).getByRole("listitem");
  await expect(lectures).toHaveCount(5);
  await expect(lectures.nth(0)).toContainText(
    `Live session on ${badgeTime(sessions.first.startsAt, "Asia/Tehran")}`, // "... (Iran Standard Time)"
  );
  await expect(lectures.nth(2)).toContainText("No live session yet");
  await expect(lectures.nth(3)).toContainText(`Held on ${badgeTime(sessions.held.startsAt, "Asia/Tehran")}`);
  await expectAccessible(page);
});

test("[PARTICIPANT][CALENDAR] @clock: the cohort's schedule downloads as .ics in UTC; another cohort's calendar is closed, and signed out it asks for sign-in", async ({
  page,
  browser,
}) => {
  const { cohort, other, sessions } = await cohortsWithSessions();
  const { email } = await signedInPerson(page, "calendar", MOZHGAN);
  await enrol(email, cohort.id);

  const ics = await page.request.get(`/api/cohorts/${cohort.id}/schedule.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const body = (await ics.text()).replace(/\r?\n[ \t]/g, "");
  expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  expect(body).toContain(`DTSTART:${icsTime(sessions.first.startsAt)}`);
  expect(body).toContain(`DTEND:${icsTime(sessions.second.endsAt)}`);
  expect(body).toContain(`DTSTART:${icsTime(sessions.held.startsAt)}`);

  expect((await page.request.get(`/api/cohorts/${other.id}/schedule.ics`)).status()).toBe(404);
  const signedOut = await browser.newContext();
  expect((await signedOut.request.get(`/api/cohorts/${cohort.id}/schedule.ics`)).status()).toBe(401);
  await signedOut.close();
});

test("[PARTICIPANT][DASHBOARD]: admin pages and exports stay closed to a participant", async ({ page }) => {
  const cohort = await createCohort({ name: uniqueName("Closed cohort") });
  const other = await createCohort({ name: uniqueName("Other cohort") });
  const { email } = await signedInPerson(page, "closed", MOZHGAN);
  await enrol(email, cohort.id);
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
});

test("[ADMIN][PARTICIPANTS] @clock: moves a participant to another cohort: the dashboard follows, the old calendar closes", async ({
  page,
  browser,
}) => {
  const { cohort, other } = await cohortsWithSessions();
  const { email } = await signedInPerson(page, "moved", MOZHGAN);
  await enrol(email, cohort.id);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "mover");
  await admin.goto(`/admin/cohorts/${cohort.id}/participants`);
  // Moving asks where to, in the person's row.
  await admin.getByRole("link", { name: "Move… Mozhgan Yazdianpour" }).click();
  await admin.getByLabel("Move Mozhgan Yazdianpour to another cohort").selectOption({ label: other.name });
  await admin.getByRole("button", { name: "Move: Mozhgan Yazdianpour" }).click();
  await expect(admin.getByRole("status")).toHaveText("Moved to the other cohort.");
  await adminContext.close();

  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: cohort.name })).toHaveCount(0);
  await expect(nextSessionsOf(page, other)).toHaveCount(1);
  expect((await page.request.get(`/api/cohorts/${cohort.id}/schedule.ics`)).status()).toBe(404);
  expect((await page.request.get(`/api/cohorts/${other.id}/schedule.ics`)).status()).toBe(200);
});

test("[PARTICIPANT][HEADER]: a signed-in person's pages say so in the header from the server, without JavaScript", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const cohort = await createCohort({ name: uniqueName("Header cohort") });
  const { email, userId } = await signedInPerson(page, "header", MOZHGAN);
  await enrol(email, cohort.id);
  const header = page.getByRole("banner");

  // Pages made for the person: the server knows who is signed in.
  const pages = [
    ["/dashboard", "Your course"],
    ["/profile", "Your profile"],
    [`/course/${cohort.id}/lectures/iran-sti-science-parks`, "STI Policy and Science & Technology Parks in Iran"],
  ];
  for (const [path, title] of pages) {
    await page.goto(path!);
    await expect(page).toHaveTitle(`${title} · BTBU-ECOSF Joint Training Center`);
    await expect(header.getByRole("link", { name: "Your course" })).toHaveAttribute("href", "/dashboard");
    await expect(header.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  }
  await context.close();

  // Cached pages, the same for everyone, learn it from the browser's request.
  const withScripts = await browser.newContext();
  const visitor = await withScripts.newPage();
  await signInAs(visitor, userId);
  await visitor.goto("/lectures");
  await expect(visitor.getByRole("banner").getByRole("link", { name: "Your course" })).toBeVisible();
  await visitor.getByRole("banner").getByRole("link", { name: "Your course" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(visitor).toHaveURL(/\/dashboard$/);
  await expectAccessible(visitor);
  await withScripts.close();
});

test("[PARTICIPANT][DASHBOARD]: no link is prefetched; a followed link is fetched on the click, in the page", async ({
  page,
}) => {
  const { cohort } = await cohortsWithSessions();
  const { email } = await signedInPerson(page, "prefetch", MOZHGAN);
  await enrol(email, cohort.id);
  const prefetches: string[] = [];
  const documents: string[] = [];
  const navigations: string[] = [];
  page.on("request", (request) => {
    const headers = request.headers();
    const path = new URL(request.url()).pathname;
    if (headers["next-router-prefetch"] !== undefined) prefetches.push(path);
    else if (request.resourceType() === "document") documents.push(path);
    else if (headers["rsc"] !== undefined) navigations.push(path);
  });

  await page.goto("/dashboard");
  const quizLink = page
    .getByRole("region", { name: cohort.name })
    .getByRole("link", { name: /Take the quiz/ })
    .first();
  await expect(quizLink).toBeVisible();
  // Every link on the page in view, as when the participant scrolls through it; Next.js
  // prefetches a link when it enters the viewport (and, by default, on hover).
  for (const link of await page.getByRole("link").all()) await link.scrollIntoViewIfNeeded();
  await quizLink.hover();
  await page.waitForLoadState("networkidle");
  expect(prefetches).toEqual([]);

  const href = await quizLink.getAttribute("href");
  expect(href).toMatch(/^\/course\/.+\/quiz\//);
  await quizLink.click();
  await expect(page).toHaveURL(href!);
  await expect(page.getByRole("button", { name: "Start the quiz" })).toBeVisible();
  // Fetched by the client-side router on the click: one request for the page, no new document.
  expect(documents).toEqual(["/dashboard"]);
  expect(navigations).toEqual([href]);
  expect(prefetches).toEqual([]);
  await expectAccessible(page);
});
