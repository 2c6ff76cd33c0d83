// An admin who has a passkey must use it: after the e-mail sign-in, no admin page, action
// or admin API route serves the session until the passkey check has passed. Chromium's
// virtual authenticator stands in for the admin's device.
import { expect, test } from "@playwright/test";
import { addAdmin, addParticipant, adminSignInPath, createCohort, uniqueEmail, uniqueName } from "../e2e/db";
import { signInAs } from "../e2e/people";
import { expectAccessible } from "../e2e/support";
import { actionsBy, addVirtualAuthenticator, registerPasskey, storedPasskeys } from "./passkey-support";

test("[SECURITY][PASSKEY]: after the e-mail sign-in, an admin with a passkey is held at the passkey step until it is used", async ({
  page,
}) => {
  const email = uniqueEmail("passkey-admin");
  const userId = await addAdmin(email);
  const cohort = await createCohort({ name: uniqueName("Passkey") });
  const listed = uniqueEmail("listed");
  await addParticipant(cohort.id, listed, "Listed Person");
  const csv = `/api/admin/cohorts/${cohort.id}/participants.csv`;
  await addVirtualAuthenticator(page);

  await signInAs(page, userId);
  await registerPasskey(page, "Work laptop");
  await expectAccessible(page);
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);

  // The e-mailed link signs in, but the admin pages, an admin action's page and the admin API refuse.
  await page.goto(await adminSignInPath(email, "/admin/cohorts"));
  await expect(page).toHaveURL(/\/sign-in\/passkey\?callbackUrl=%2Fadmin%2Fcohorts$/);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm with your passkey" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/admin/cohorts/${cohort.id}/participants`);
  await expect(page).toHaveURL(/\/sign-in\/passkey\?/);
  await expect(page.getByText("Listed Person")).toHaveCount(0);
  const refused = await page.request.get(csv);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain(listed);

  // The passkey check opens them.
  await page.getByRole("button", { name: "Use my passkey" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/cohorts/${cohort.id}/participants$`));
  await expect(page.getByText(listed)).toBeVisible();
  const served = await page.request.get(csv);
  expect(served.status()).toBe(200);
  expect(await served.text()).toContain(listed);
  expect(await actionsBy(userId)).toEqual(
    expect.arrayContaining(["auth.passkey_registered", "auth.sign_out", "auth.sign_in", "auth.passkey_verified"]),
  );
  expect(await storedPasskeys(userId)).toEqual([{ name: "Work laptop", used: true }]);
});

test("[SECURITY][PASSKEY]: a session of an admin with a passkey that skipped the passkey step gets no admin data from the admin API", async ({
  browser,
  page,
}) => {
  const email = uniqueEmail("passkey-skip");
  const userId = await addAdmin(email);
  const cohort = await createCohort({ name: uniqueName("Skipped") });
  const listed = uniqueEmail("listed");
  await addParticipant(cohort.id, listed, "Listed Person");
  await addVirtualAuthenticator(page);
  await signInAs(page, userId);
  await registerPasskey(page, "Security key");

  // Another session of the same admin, as a stolen e-mail link would open: never checked.
  const other = await (await browser.newContext()).newPage();
  await signInAs(other, userId);
  for (const url of [
    `/api/admin/cohorts/${cohort.id}/participants.csv`,
    `/api/admin/cohorts/${cohort.id}/attendance.csv`,
    `/api/admin/cohorts/${cohort.id}/quizzes/01-nhz-policy-framework/results.csv`,
    `/api/admin/cohorts/${cohort.id}/certificates.zip`,
  ]) {
    const response = await other.request.get(url);
    expect(response.status(), url).toBe(403);
    expect(await response.json(), url).toEqual({ error: "passkey-required" });
  }
  const issue = await other.request.post(`/api/admin/cohorts/${cohort.id}/certificates/issue`, {
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(issue.status()).toBe(403);
  await other.goto("/admin/audit");
  await expect(other).toHaveURL(/\/sign-in\/passkey\?callbackUrl=%2Fadmin%2Faudit$/);

  // The session that registered the passkey is the admin's own, checked by the registration.
  expect((await page.request.get(`/api/admin/cohorts/${cohort.id}/participants.csv`)).status()).toBe(200);
});

test("[SECURITY][PASSKEY]: an admin renames a passkey, and removing the last one takes a fresh passkey check", async ({
  page,
}) => {
  const userId = await addAdmin(uniqueEmail("passkey-manage"));
  await addVirtualAuthenticator(page);
  await signInAs(page, userId);
  await registerPasskey(page, "Old name");

  await page.getByLabel("Name of Old name").fill("Desk key");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("status")).toHaveText("Passkey renamed.");
  await expect(page.getByText("Desk key", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Remove Desk key" }).click();
  await expect(page.getByRole("status")).toHaveText("Passkey removed.");
  await expect(page.getByText("You have no passkey yet.")).toBeVisible();
  expect(await storedPasskeys(userId)).toEqual([]);
  expect(await actionsBy(userId)).toEqual([
    "auth.passkey_registered",
    "auth.passkey_renamed",
    "auth.passkey_verified",
    "auth.passkey_removed",
  ]);
});
