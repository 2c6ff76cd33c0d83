// People as the tests need them: a new participant signing up through the pages, or
// someone already signed in, with the session made in the database.
import { expect, test, type Page } from "@playwright/test";
import { addAdmin, addPerson, latestSignInEmail, openSession, uniqueEmail, type Person } from "./db";

export type Profile = { name: string; country: string; organisation: string; position: string; timeZone?: string };

/** Signs a new participant in and completes the profile; ends on `then` (by default the dashboard). */
export async function signUpParticipant(page: Page, email: string, profile: Profile, then = "/dashboard") {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await page.getByLabel("6-digit code").fill((await latestSignInEmail(email)).code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/profile\?callbackUrl=%2Fdashboard$/);
  if (then !== "/dashboard") await page.goto(`/profile?${new URLSearchParams({ callbackUrl: then })}`);
  await page.getByLabel("Full name *").fill(profile.name);
  await page.getByLabel("Name on the certificate, in Latin script *").fill(profile.name);
  await page.getByLabel("Country *").selectOption({ label: profile.country });
  await page.getByLabel("Organisation *").fill(profile.organisation);
  await page.getByLabel("Position *").fill(profile.position);
  if (profile.timeZone) await page.getByLabel("Time zone *").selectOption(profile.timeZone);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(new RegExp(`${then}$`));
  if (then === "/dashboard") await expect(page.getByRole("heading", { level: 1, name: "Your course" })).toBeVisible();
}

/** The Auth.js session cookie for the user, on the page's browser context (a session made in the database). */
export async function signInAs(page: Page, userId: string) {
  const url = test.info().project.use.baseURL!;
  await page
    .context()
    .addCookies([
      { name: "authjs.session-token", value: await openSession(userId), url, httpOnly: true, sameSite: "Lax" },
    ]);
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
