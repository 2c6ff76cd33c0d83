// People already signed in, with the session made in the database, for the tests that
// are not about signing in (participant-sign-in.spec.ts goes through the sign-in pages).
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { addAdmin, addPerson, openSession, uniqueEmail, type Person } from "./db";

/** The Auth.js session cookie for the user, on the page's browser context (a session made in the database). */
export async function signInAs(page: Page, userId: string) {
  const cookie = {
    name: "authjs.session-token",
    value: await openSession(userId),
    url: test.info().project.use.baseURL!,
    httpOnly: true,
    sameSite: "Lax" as const,
  };
  await page.context().addCookies([cookie]);
}

/** Someone with a completed profile, signed in on the page; returns their e-mail and user id. */
export async function signedInPerson(page: Page, who: string, person: Person) {
  const email = uniqueEmail(who);
  const userId = await addPerson(email, person);
  await signInAs(page, userId);
  return { email, userId };
}

/** An admin, signed in on the page; returns their e-mail and user id. */
export async function signedInAdmin(page: Page, who = "admin") {
  const email = uniqueEmail(who);
  const userId = await addAdmin(email);
  await signInAs(page, userId);
  return { email, userId };
}

/**
 * The landing page is cached for everyone and rendered again when an admin changes a
 * cohort: an admin saves the cohort's settings unchanged, as after an edit, so that a
 * cohort made in the database shows at once.
 */
export async function relistCohorts(browser: Browser, cohortId: string) {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signedInAdmin(admin, "listing-admin");
  await admin.goto(`/admin/cohorts/${cohortId}`);
  await admin.getByRole("button", { name: "Save cohort" }).click();
  // A server action on a machine busy with other work can take longer than the default wait.
  await expect(admin).toHaveURL(/\/admin\/cohorts\?saved=updated&cohort=/, { timeout: 60_000 });
  await context.close();
}

/** Issues the certificates due in the cohort through the admin's bulk-issue route, with an admin's session. */
export async function issueDue(request: APIRequestContext, cohortId: string) {
  const token = await openSession(await addAdmin(uniqueEmail("issuer")));
  const response = await request.post(`/api/admin/cohorts/${cohortId}/certificates/issue`, {
    headers: { Origin: new URL(test.info().project.use.baseURL!).origin, Cookie: `authjs.session-token=${token}` },
  });
  expect(response.status()).toBe(200);
  const last = JSON.parse((await response.text()).trim().split("\n").at(-1)!) as Record<string, unknown>;
  expect(last).toHaveProperty("result");
}
