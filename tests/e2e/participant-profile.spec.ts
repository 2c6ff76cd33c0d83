import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { organisersEmail } from "../../lib/site/contact";
import {
  addAdmin,
  addNewcomer,
  addSession,
  certificatesOf,
  createCohort,
  enrol,
  markPresent,
  openSession,
  setCertificateRule,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInAdmin, signedInPerson, signInAs } from "./people";
import { expectAccessible } from "./support";
import { after, DAY, fromNow, HOUR, MINUTE } from "./time";

const MOZHGAN = {
  name: "Mozhgan Yazdianpour",
  country: "IR",
  organisation: "IRIS",
  position: "Director",
  timeZone: "Asia/Tehran",
};
const MOZHGAN_NATIVE = "مژگان یزدیان‌پور";

/** The name in the person's own script, written straight into the database (addPerson leaves it empty). */
async function setNativeName(userId: string, nativeName: string) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE users SET native_name = $2 WHERE id = $1`, [userId, nativeName]);
  } finally {
    await client.end();
  }
}

/** Issues the certificates due in the cohort through the admin's bulk-issue route, with an admin's session. */
async function issueDue(request: APIRequestContext, cohortId: string) {
  const token = await openSession(await addAdmin(uniqueEmail("issuer")));
  const response = await request.post(`/api/admin/cohorts/${cohortId}/certificates/issue`, {
    headers: { Origin: new URL(test.info().project.use.baseURL!).origin, Cookie: `authjs.session-token=${token}` },
  });
  expect(response.status()).toBe(200);
}

test.describe("on a device in India, which Chromium names by the zone's former name", () => {
  test.use({ timezoneId: "Asia/Calcutta" });

  test("[PARTICIPANT][PROFILE]: the time zones are listed by today's names, and the device's is suggested by its", async ({
    page,
  }) => {
    await signInAs(page, await addNewcomer(uniqueEmail("arjun")));
    await page.goto("/profile");
    const zone = page.getByLabel("Time zone *");
    await expect(zone).toHaveValue("Asia/Kolkata");
    for (const current of ["Asia/Kolkata", "Europe/Kyiv", "Asia/Kathmandu", "Asia/Ho_Chi_Minh"])
      await expect(zone.locator(`option[value="${current}"]`)).toHaveCount(1);
    for (const former of ["Asia/Calcutta", "Europe/Kiev", "Asia/Katmandu", "Asia/Saigon"])
      await expect(zone.locator(`option[value="${former}"]`)).toHaveCount(0);
  });
});

test.describe("on a device in Pakistan", () => {
  test.use({ timezoneId: "Asia/Karachi" });

  test("[PARTICIPANT][PROFILE]: after each error every field keeps what was entered, the chosen country and the suggested time zone included, and they are what is saved", async ({
    page,
  }) => {
    await signInAs(page, await addNewcomer(uniqueEmail("arifa")));
    await page.goto("/profile?callbackUrl=%2Fdashboard");
    const zone = page.getByLabel("Time zone *");
    await expect(zone).toHaveValue("Asia/Karachi");

    await page.getByLabel("Full name *").fill("Arifa Bhutto");
    await page.getByLabel("Name on the certificate, in Latin script *").fill("عارفہ بھٹو");
    const native = page.getByLabel("Name in your own script");
    await native.fill("عارفہ بھٹو");
    await page.getByLabel("Country *").selectOption({ label: "Pakistan" });
    await page.getByLabel("Organisation *").fill("MUISTD");
    await page.getByLabel("Position *").fill("Co-director");
    // Optional, and kept like the rest.
    await page.getByLabel("Type of organisation").selectOption({ label: "Research institute or academy" });
    // The name in Urdu is typed right to left, and marked as Urdu.
    await expect(native).toHaveAttribute("dir", "auto");
    await expect(native).toHaveAttribute("lang", "ur");

    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("One field needs your attention.");
    const kept = async (organisation: string) => {
      await expect(page.getByLabel("Full name *")).toHaveValue("Arifa Bhutto");
      await expect(native).toHaveValue("عارفہ بھٹو");
      await expect(page.getByLabel("Country *")).toHaveValue("PK");
      await expect(page.getByLabel("Organisation *")).toHaveValue(organisation);
      await expect(page.getByLabel("Position *")).toHaveValue("Co-director");
      await expect(page.getByLabel("Type of organisation")).toHaveValue("RESEARCH");
      await expect(zone).toHaveValue("Asia/Karachi");
    };
    await kept("MUISTD");
    await expect(page.getByLabel("Name on the certificate, in Latin script *")).toHaveValue("عارفہ بھٹو");
    await expectAccessible(page);

    // A second error, on another field: still nothing lost.
    await page.getByLabel("Name on the certificate, in Latin script *").fill("Arifa Bhutto");
    await page.getByLabel("Organisation *").fill("");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByLabel("Organisation *")).toHaveAccessibleDescription("Please fill this in.");
    await kept("");
    await expect(page.getByLabel("Name on the certificate, in Latin script *")).toHaveValue("Arifa Bhutto");

    await page.getByLabel("Organisation *").fill("MUISTD");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your course" })).toBeVisible();
    await page.goto("/profile");
    await kept("MUISTD");
  });
});

test("[PARTICIPANT][CERTIFICATE]: after a name change the profile says it is saved, that the certificate shows the old name, and how to have it reissued", async ({
  page,
  browser,
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Name change cohort") });
  const heldAt = fromNow(-DAY);
  const session = await addSession(cohort.id, "nhz-policy-framework", heldAt, after(heldAt, 90 * MINUTE));
  await setCertificateRule(cohort.id, { minAttendancePercent: 100, requiredQuizzes: [], autoIssue: true });
  const { email, userId } = await signedInPerson(page, "renamed", MOZHGAN);
  await setNativeName(userId, MOZHGAN_NATIVE);
  await enrol(email, cohort.id);
  await markPresent(session, email);
  await issueDue(request, cohort.id);
  const [certificate] = await certificatesOf(userId, cohort.id);

  // The dashboard shows the names as printed, the Persian one marked as Persian.
  await page.goto("/dashboard");
  const panel = page.getByRole("region", { name: cohort.name }).getByRole("region", { name: "Certificate" });
  await expect(panel).toContainText(`Name on the certificate: ${MOZHGAN.name} / ${MOZHGAN_NATIVE}`);
  await expect(panel.locator('bdi[lang="fa"]')).toHaveText(MOZHGAN_NATIVE);

  // A save that leaves the printed names alone moves on, as before.
  await page.goto("/profile?callbackUrl=%2Fdashboard");
  await page.getByLabel("Position *").fill("Director of International Cooperation");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your course" })).toBeVisible();

  await page.goto("/profile?callbackUrl=%2Fdashboard");
  await expect(page.getByLabel("Name in your own script")).toHaveAttribute("lang", "fa");
  await page.getByLabel("Name on the certificate, in Latin script *").fill("Mozhgan Yazdian-Pour");
  await page.getByRole("button", { name: "Save profile" }).click();

  // The page stays, and says so.
  const notice = page.getByRole("status").filter({ hasText: "Saved." });
  await expect(notice).toBeVisible();
  await expect(notice).toBeFocused();
  await expect(page).toHaveURL(/\/profile\?callbackUrl=%2Fdashboard$/);
  await expect(notice).toContainText(
    `Your certificate for ${cohort.name} still shows the name ${MOZHGAN.name} / ${MOZHGAN_NATIVE}: a certificate keeps the name it was issued with. See the certificate, and ask the organisers at ${organisersEmail()} to reissue it with your new name.`,
  );
  await expect(notice.getByRole("link", { name: organisersEmail() })).toHaveAttribute(
    "href",
    `mailto:${organisersEmail()}`,
  );
  await expect(notice.locator('bdi[lang="fa"]')).toHaveText(MOZHGAN_NATIVE);
  await expect(page.getByLabel("Name on the certificate, in Latin script *")).toHaveValue("Mozhgan Yazdian-Pour");
  await expectAccessible(page);

  await notice.getByRole("link", { name: "See the certificate" }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${certificate!.code}$`));
  await expect(page.getByRole("definition").filter({ hasText: MOZHGAN.name })).toBeVisible();
  await expect(page.locator('bdi[lang="fa"]')).toHaveText(MOZHGAN_NATIVE);

  // The organisers' lists mark the name too.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "names-admin");
  await admin.goto(`/admin/cohorts/${cohort.id}/participants`);
  await expect(admin.locator('bdi[lang="fa"]')).toHaveText(MOZHGAN_NATIVE);
  await admin.goto(`/admin/cohorts/${cohort.id}/certificates`);
  await expect(admin.locator('bdi[lang="fa"]').first()).toHaveText(MOZHGAN_NATIVE);
  await adminContext.close();
});

test("[PARTICIPANT][ATTENDANCE]: the page to ask to be excused names the time zone of the session's time", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Excuse zone cohort") });
  const startsAt = fromNow(2 * DAY);
  const session = await addSession(cohort.id, "nhz-policy-framework", startsAt, after(startsAt, HOUR));
  const { email } = await signedInPerson(page, "excuse-zone", MOZHGAN);
  await enrol(email, cohort.id);
  await page.goto(`/course/${cohort.id}/sessions/${session}/excuse`);
  await expect(page.getByRole("heading", { level: 1, name: "Ask to be excused" })).toBeVisible();
  const when = new Intl.DateTimeFormat("en", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Tehran",
    timeZoneName: "short",
  }).format(startsAt);
  expect(when).toContain("GMT+3:30");
  await expect(page.getByRole("main")).toContainText(when);
  await expectAccessible(page);
});
