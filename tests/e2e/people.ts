// A new participant as a person becomes one: sign in with the code from the
// mail sink, then complete the profile.
import { expect, type Page } from "@playwright/test";
import { latestSignInEmail } from "./db";

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
