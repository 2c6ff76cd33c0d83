// People already signed in, with the session made in the database, for the tests that
// are not about signing in (participant-sign-in.spec.ts goes through the sign-in pages).
import { test, type Page } from "@playwright/test";
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
