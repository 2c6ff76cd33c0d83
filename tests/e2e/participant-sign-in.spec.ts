import { expect, test, type Page } from "@playwright/test";
import {
  addNewcomer,
  addPerson,
  adminSignInPath,
  auditActions,
  createCohort,
  enrol,
  enrolledCount,
  latestSignInEmail,
  setRole,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInPerson, signInAs } from "./people";
import { expectAccessible, expectNoHorizontalScroll, fullWidth } from "./support";
import { fromNow, MINUTE } from "./time";

const MOZHGAN = { name: "Mozhgan Yazdianpour", country: "IR", organisation: "IRIS", position: "Director" };

async function completeProfile(page: Page) {
  await page.getByLabel("Full name *").fill("Mozhgan Yazdianpour");
  await page.getByLabel("Name on the certificate, in Latin script *").fill("Mozhgan Yazdianpour");
  await page.getByLabel("Name in your own script").fill("مژگان یزدیان‌پور");
  await page.getByLabel("Country *").selectOption({ label: "Iran" });
  await page.getByLabel("Organisation *").fill("IRIS");
  await page.getByLabel("Position *").fill("Director of International Cooperation");
  await page.getByLabel("Time zone *").selectOption("Asia/Tehran");
  await page.getByRole("button", { name: "Save profile" }).click();
}

/** A new participant signs in with the code from the mail sink. */
async function signInWithCode(page: Page, email: string) {
  await requestCode(page, email);
  await page.getByLabel("6-digit code").fill((await latestSignInEmail(email)).code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function requestCode(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByText(`to ${email}`)).toBeVisible();
}

test("[PARTICIPANT][SIGN-IN]: signs in with the 6-digit code from the e-mail, completes the profile, and lands on the dashboard", async ({
  page,
}) => {
  const email = uniqueEmail("code");
  await page.goto("/sign-in");
  await expectAccessible(page);
  await requestCode(page, email);
  await expectAccessible(page);

  const mail = await latestSignInEmail(email);
  expect(mail.subject).toBe(`Your sign-in code: ${mail.code}`);
  await page.getByLabel("6-digit code").fill(mail.code);
  await page.getByRole("button", { name: "Sign in" }).click();

  // A new participant completes the profile first.
  await expect(page).toHaveURL(/\/profile\?callbackUrl=%2Fdashboard$/);
  await completeProfile(page);
  // Then lands on the dashboard; without a cohort it says how to join one.
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your course" })).toBeVisible();
  await expect(page.getByText("You are not enrolled in a cohort yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Your course" })).toBeVisible();
  await expectAccessible(page);
  expect(await auditActions(email)).toEqual(["auth.sign_in_requested", "auth.sign_in"]);
});

test("[PARTICIPANT][SIGN-IN]: signs out from the account page", async ({ page }) => {
  const { email } = await signedInPerson(page, "leaving", MOZHGAN);
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Your account and sign-out" }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByText("Participant", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
});

test("[PARTICIPANT][SIGN-IN]: a long e-mail address with nowhere to break wraps on a phone, on the code page and the account page", async ({
  page,
}) => {
  // 40 letters and digits before the @: wider than a 360 px screen in one piece.
  const email = uniqueEmail("abdulrahmanmohammadzadehkhorasani").replace("-", "");
  await addPerson(email, MOZHGAN);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/sign-in?callbackUrl=%2Faccount");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByText(`We sent a sign-in link and a 6-digit code to ${email}.`)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await page.getByLabel("6-digit code").fill((await latestSignInEmail(email)).code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("[PARTICIPANT][SIGN-IN]: the link in the e-mail signs in once and is refused the second time", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("link");
  await requestCode(page, email);
  const { link } = await latestSignInEmail(email);
  const path = new URL(link).pathname + new URL(link).search;
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();

  const other = await browser.newContext();
  const again = await other.newPage();
  await again.goto(path);
  await expect(again).toHaveURL(/\/sign-in\?error=Verification/);
  await expect(again.getByRole("main").getByRole("alert")).toHaveText(/invalid, used or expired/);
  await other.close();
});

test("[PARTICIPANT][SIGN-IN]: a wrong code is refused, and after five tries the right one no longer works", async ({
  page,
}) => {
  const email = uniqueEmail("guess");
  await requestCode(page, email);
  const { code } = await latestSignInEmail(email);
  const wrong = code === "000 000" ? "111 111" : "000 000";
  const checkEmail = page.url();
  const alert = page.getByRole("main").getByRole("alert");
  for (let i = 0; i < 5; i++) {
    await page.goto(checkEmail);
    await page.getByLabel("6-digit code").fill(wrong);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText(i < 4 ? /That code is not right/ : /Too many wrong codes/);
  }
  await expectAccessible(page);
  await page.goto(checkEmail);
  await page.getByLabel("6-digit code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/error=Verification/);
  await expect(alert).toHaveText(/invalid, used or expired/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in/);
  const actions = await auditActions(email);
  expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(6);
  expect(actions).toContain("auth.code_locked");
  expect(actions).not.toContain("auth.sign_in");
});

test("[PARTICIPANT][SIGN-IN]: a wrong code keeps the code page, saying how many tries are left; the right one, typed on a Persian keyboard, then signs in", async ({
  page,
}) => {
  const email = uniqueEmail("typo");
  await requestCode(page, email);
  const { code } = await latestSignInEmail(email);
  const wrong = code === "000 000" ? "111 111" : "000 000";
  const field = page.getByLabel("6-digit code");
  await field.fill(wrong);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/check-email\?/);
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByText(`to ${email}`)).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription("That code is not right: 4 tries left.");
  await expect(field).toBeFocused();
  await expectAccessible(page);

  await field.fill(wrong);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(field).toHaveAccessibleDescription("That code is not right: 3 tries left.");
  // ۱۲۳ ۴۵۶ for 123 456.
  await field.fill(code.replace(/\d/g, (d) => String.fromCodePoint(0x06f0 + Number(d))));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/profile\?callbackUrl=%2Fdashboard$/);
});

test("[PARTICIPANT][SIGN-IN]: a code of the wrong shape is explained by the app, not the browser, and uses no try", async ({
  page,
}) => {
  const email = uniqueEmail("shape");
  await requestCode(page, email);
  const field = page.getByLabel("6-digit code");
  await field.fill("12ab");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/check-email\?/);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Enter the 6 digits of the code in the e-mail, for example 123 456.",
  );
  await expectAccessible(page);
  const { code } = await latestSignInEmail(email);
  const wrong = code === "000 000" ? "111 111" : "000 000";
  await field.fill(wrong);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That code is not right: 4 tries left.");
});

test("[PARTICIPANT][SIGN-IN]: an address that is not one is explained beside the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill("not-an-address");
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  const field = page.getByLabel("E-mail address");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Enter an e-mail address such as name@example.org",
  );
  await expect(field).toHaveValue("not-an-address");
  await expectAccessible(page);
});

test("[PARTICIPANT][SIGN-IN]: an address typed by an input method in full-width mode, with an ideographic full stop, signs the participant in to their own account", async ({
  page,
}) => {
  const email = uniqueEmail("fullwidth");
  await addPerson(email, { ...MOZHGAN, name: "Li Wei" });
  // ｌｉ＠ｅｘａｍｐｌｅ。ｏｒｇ for li@example.org: all of it full-width, the domain's last dot ideographic.
  const typed = fullWidth(email).replace(/．(?=[^．]*$)/, "。");
  expect(typed).not.toMatch(/[@.a-z]/);

  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(typed);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByText(`to ${email}`)).toBeVisible();
  await page.getByLabel("6-digit code").fill((await latestSignInEmail(email)).code);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The account made for this address already has its profile: straight to the dashboard, as Li Wei.
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText("Welcome, Li Wei.")).toBeVisible();
  expect(await auditActions(email)).toEqual(["auth.sign_in_requested", "auth.sign_in"]);
});

test("[ADMIN][OUTBOX]: an admin reads the sign-in e-mails without their code; a participant gets the 404 page", async ({
  page,
  browser,
}) => {
  const participant = uniqueEmail("nosy");
  await requestCode(page, participant);
  const { code } = await latestSignInEmail(participant);

  const participantContext = await browser.newContext();
  const nosy = await participantContext.newPage();
  await signedInPerson(nosy, "nosy", MOZHGAN);
  const forbidden = await nosy.goto("/admin/outbox");
  expect(forbidden?.status()).toBe(404);
  await expect(nosy.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
  await participantContext.close();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(await adminSignInPath(uniqueEmail("admin"), "/admin/outbox"));
  await expect(admin.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  const row = admin.getByRole("row").filter({ hasText: participant });
  await expect(row).toContainText("Kept here (mail sink)");
  await row.getByRole("link").click();
  await expect(admin.getByText("code on the sign-in page: [hidden]")).toBeVisible();
  await expect(admin.getByText(code)).toHaveCount(0);
  await expectAccessible(admin);
  await adminContext.close();
});

test("[ADMIN][ROLES]: a change of role takes effect on the next request, without signing in again", async ({
  page,
}) => {
  const { email } = await signedInPerson(page, "promoted", MOZHGAN);
  expect((await page.goto("/admin/outbox"))?.status()).toBe(404);

  await setRole(email, "ADMIN");
  expect((await page.goto("/admin/outbox"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();

  await setRole(email, "PARTICIPANT");
  expect((await page.goto("/admin/outbox"))?.status()).toBe(404);
});

test("[PARTICIPANT][PROFILE]: a new participant is sent to the profile first; it explains each wrong field beside it and keeps what was typed", async ({
  page,
}) => {
  await signInAs(page, await addNewcomer(uniqueEmail("profile")));
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/profile\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  // The device's time zone is suggested (Chromium here runs in UTC unless told otherwise).
  await expect(page.getByLabel("Time zone *")).toHaveValue(
    await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  );
  await expectAccessible(page);

  await page.getByLabel("Full name *").fill("Li Yan");
  await page.getByLabel("Name on the certificate, in Latin script *").fill("李岩");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("4 fields need your attention.");
  const certificate = page.getByLabel("Name on the certificate, in Latin script *");
  await expect(certificate).toHaveAttribute("aria-invalid", "true");
  await expect(certificate).toHaveAccessibleDescription(/Use Latin letters only/);
  await expect(page.getByLabel("Country *")).toHaveAccessibleDescription("Choose a country from the list.");
  await expect(page.getByLabel("Full name *")).toHaveValue("Li Yan");
  await expectAccessible(page);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/profile\?callbackUrl=%2Faccount$/);
});

test("[PARTICIPANT][PROFILE]: a valid profile is saved, and shown back for editing", async ({ page }) => {
  const email = uniqueEmail("profile");
  await signInAs(page, await addNewcomer(email));
  await page.goto("/profile?callbackUrl=%2Faccount");
  await completeProfile(page);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await page.getByRole("link", { name: "Edit your profile" }).click();
  await expect(page.getByLabel("Name in your own script")).toHaveValue("مژگان یزدیان‌پور");
  await expect(page.getByLabel("Country *")).toHaveValue("IR");
});

test("[ADMIN][AUDIT]: an admin follows a participant's sign-in and profile change in the audit log", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("audited");
  await signInWithCode(page, email);
  await completeProfile(page);
  await expect(page.getByRole("heading", { level: 1, name: "Your course" })).toBeVisible();
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(await adminSignInPath(uniqueEmail("auditor"), "/admin/audit"));
  await expect(admin.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await admin.getByLabel("Person (name or e-mail)").fill(email);
  await admin.getByRole("button", { name: "Apply" }).click();
  // The participant's look at /admin/audit may be there too, as a security event (tests/security).
  const rows = admin
    .getByRole("row")
    .filter({ has: admin.getByRole("cell") })
    .filter({ hasNotText: "security.refused" });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("profile.update");
  await expect(rows.nth(1)).toContainText("auth.sign_in");
  await expect(rows.nth(2)).toContainText("auth.sign_in_requested");
  await rows
    .nth(0)
    .getByText(/fields? changed/)
    .click();
  await expect(rows.nth(0).locator('[data-change="certificateName"]')).toContainText("After: Mozhgan Yazdianpour");
  await expectAccessible(admin);
  await admin.getByLabel("Action").selectOption("auth.sign_in_requested");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(1);
  await adminContext.close();
});

test("[PARTICIPANT][ENROL]: the invite link leads through sign-in and profile to a place, with one press of Enrol", async ({
  page,
}) => {
  const { name, inviteCode } = await createCohort({ name: uniqueName("Winter cohort") });
  await page.goto(`/enrol/${inviteCode}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(
    page.getByText(
      "You will be asked to sign in (no password) and to complete your profile first, then brought straight back here to finish.",
    ),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enrol in this cohort" }).click();
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=%2Fenrol%2F${inviteCode}$`));

  const email = uniqueEmail("enrol");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await page.getByLabel("6-digit code").fill((await latestSignInEmail(email)).code);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back on the invitation, signed in, the page carries on by itself: the profile comes
  // first, and after it the place, with no second press of Enrol.
  await expect(page).toHaveURL(new RegExp(`/profile\\?callbackUrl=%2Fenrol%2F${inviteCode}$`));
  // Hold the enrolment back a moment to look at the page while it carries on.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/enrol/${inviteCode}`, async (route) => {
    if (route.request().method() === "POST") await held;
    await route.fallback();
  });
  await completeProfile(page);
  await expect(page).toHaveURL(new RegExp(`/enrol/${inviteCode}$`));
  await expect(page.getByRole("status")).toHaveText("Completing your enrolment…");
  await expectAccessible(page);
  release();
  await expect(page.getByRole("heading", { level: 1, name: "You are enrolled" })).toBeVisible();
  await page.unroute(`**/enrol/${inviteCode}`);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Go to your course" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("region", { name: "Your cohorts" })).toContainText(`${name}Enrolled`);
});

test("[PARTICIPANT][ENROL]: once enrolled, the invitation says so at once, with the way to the course", async ({
  page,
}) => {
  const { id, inviteCode } = await createCohort({ name: uniqueName("Winter cohort") });
  const { email } = await signedInPerson(page, "enrolled", MOZHGAN);
  await enrol(email, id);
  await page.goto(`/enrol/${inviteCode}`);
  await expect(page.getByText("Completing your enrolment…")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: "You are already enrolled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enrol in this cohort" })).toHaveCount(0);
  await page.getByRole("link", { name: "Go to your course" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("[PARTICIPANT][ENROL]: signed in without a profile, the invitation says the profile comes first", async ({
  page,
}) => {
  const { inviteCode } = await createCohort({ name: uniqueName("Winter cohort") });
  await signInAs(page, await addNewcomer(uniqueEmail("newcomer")));
  await page.goto(`/enrol/${inviteCode}`);
  await expect(
    page.getByText("You will be asked to complete your profile first, then brought straight back here to finish."),
  ).toBeVisible();
});

test("[PARTICIPANT][ENROL]: a full, closed or invitation-only cohort's link says so before anyone signs in, and offers no Enrol", async ({
  page,
}) => {
  const { id, inviteCode } = await createCohort({ name: uniqueName("Winter cohort"), capacity: 1 });
  const first = uniqueEmail("first");
  await addPerson(first, MOZHGAN);
  await enrol(first, id);
  await page.goto(`/enrol/${inviteCode}`);
  await expect(page.getByRole("heading", { level: 1, name: "This cohort is full" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enrol in this cohort" })).toHaveCount(0);
  await expect(page.getByText("You will be asked to sign in")).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "See the open cohorts" }).click();
  await expect(page).toHaveURL(/\/#open-cohorts$/);

  const closed = await createCohort({ name: uniqueName("Closed cohort"), enrolmentClosesAt: fromNow(-MINUTE) });
  await page.goto(`/enrol/${closed.inviteCode}`);
  await expect(page.getByRole("heading", { level: 1, name: "Enrolment has closed" })).toBeVisible();
  const inviteOnly = await createCohort({ name: uniqueName("Roster cohort"), mode: "INVITE_ONLY" });
  await page.goto(`/enrol/${inviteOnly.inviteCode}`);
  await expect(page.getByRole("heading", { level: 1, name: "This cohort is by invitation only" })).toBeVisible();
  await expect(page.getByRole("button")).toHaveCount(0);

  // Signed in, the same: following the link enrols nobody.
  await signedInPerson(page, "late", MOZHGAN);
  await page.goto(`/enrol/${inviteCode}`);
  await expect(page.getByRole("heading", { level: 1, name: "This cohort is full" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to your course" })).toBeVisible();
  expect(await enrolledCount(id)).toBe(1);
});

test("[ADMIN][COHORTS]: replacing the invite link stops the old one at once", async ({ page }) => {
  const { id, name, inviteCode } = await createCohort({ name: uniqueName("Rotated cohort") });
  await page.goto(await adminSignInPath(uniqueEmail("rotator"), `/admin/cohorts/${id}`));
  const link = page.getByLabel(`Invite link for ${name}`);
  await expect(link).toHaveValue(new RegExp(`/enrol/${inviteCode}$`));
  // Replacing the link asks first: opening the step changes nothing.
  await page.getByText("Replace the invite link…").click();
  await expect(page.getByText("The current link will stop working at once")).toBeVisible();
  await expect(link).toHaveValue(new RegExp(`/enrol/${inviteCode}$`));
  await expectAccessible(page);
  await page.getByRole("button", { name: "Replace the invite link", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "invite link" })).toHaveText(
    "The invite link was replaced: the old one no longer works.",
  );
  await expect(link).not.toHaveValue(new RegExp(inviteCode));
  const fresh = (await link.inputValue()).split("/enrol/")[1]!;
  expect(fresh).toMatch(/^[0-9a-f]{32}$/);

  await page.goto(`/enrol/${inviteCode}`);
  await expect(page.getByRole("heading", { level: 1, name: "This invite link does not work" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/enrol/${fresh}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});
