import { expect, test, type Page } from "@playwright/test";
import { checkInCode, secondsToNextCode, STEP_SECONDS } from "../../lib/auth/check-in-codes";
import {
  addPerson,
  addSession,
  createCohort,
  enrol,
  latestSignInEmail,
  openCheckIn,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInAdmin, signedInPerson } from "./people";
import { expectAccessible, expectNoHorizontalScroll } from "./support";
import { after, fromNow, MINUTE } from "./time";

const TIMUR = {
  name: "Timur Abdullaev",
  country: "KZ",
  organisation: "KazNU",
  position: "Student",
  timeZone: "Asia/Almaty",
};
const LECTURE_1 = "Lecture 1: The Policy Framework for STI in National High-Tech Zones (NHZs) of China";

/** A cohort with a session on now (started two minutes ago). */
async function liveSession() {
  const cohort = await createCohort({ name: uniqueName("Check-in cohort") });
  const startsAt = fromNow(-2 * MINUTE);
  const endsAt = after(startsAt, 90 * MINUTE);
  const session = await addSession(cohort.id, "nhz-policy-framework", startsAt, endsAt);
  return { cohort, session, startsAt, endsAt };
}

/** The same, with its self check-in open. */
async function liveSessionWithCheckIn() {
  const live = await liveSession();
  return { ...live, secret: await openCheckIn(live.session) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sleeps until the check-in code has changed `steps` times after `from`. */
async function untilCodeChanged(from: Date, steps: number) {
  const stepMs = STEP_SECONDS * 1000;
  const target = (Math.floor(from.getTime() / stepMs) + steps) * stepMs + 1000;
  await sleep(Math.max(0, target - Date.now()));
}

async function checkInPageNamesTheSession(page: Page, cohortName: string, startsAt: Date, endsAt: Date) {
  await expect(page.getByRole("heading", { level: 1, name: "Check in to the live session" })).toBeVisible();
  const zone = TIMUR.timeZone;
  const part = (d: Date, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en", { ...options, timeZone: zone }).format(d);
  const day = part(startsAt, { weekday: "long", day: "numeric", month: "long" });
  const time = { hour: "2-digit", minute: "2-digit" } as const;
  const main = page.getByRole("main");
  await expect(main.getByText(LECTURE_1)).toBeVisible();
  await expect(main.getByText(cohortName)).toBeVisible();
  await expect(main.locator("time")).toHaveText(
    `${day}, ${part(startsAt, time)} to ${part(endsAt, { ...time, timeZoneName: "short" })}`,
  );
}

test("[PARTICIPANT][CHECK-IN] @clock: once the admin opens check-in the dashboard offers Check in beside Join; the check-in page names the session", async ({
  page,
}) => {
  const { cohort, session, startsAt, endsAt } = await liveSession();
  const { email } = await signedInPerson(page, "checkin-dash", TIMUR);
  await enrol(email, cohort.id);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/dashboard");
  const item = page.getByRole("listitem").filter({ hasText: "On now" });
  await expect(item.getByRole("link", { name: "Join the session" })).toBeVisible();
  await expect(item.getByRole("link", { name: "Check in" })).toHaveCount(0);
  // The admin opens check-in: Check in appears beside Join.
  const secret = await openCheckIn(session);
  await page.reload();
  await expect(item.getByRole("link", { name: "Join the session" })).toBeVisible();
  await expect(item.getByRole("link", { name: "Check in" })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await item.getByRole("link", { name: "Check in" }).click();
  await expect(page).toHaveURL(new RegExp(`/check-in/${session}$`));
  await checkInPageNamesTheSession(page, cohort.name, startsAt, endsAt);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByLabel("Code").fill(checkInCode(secret, new Date()));
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("status")).toHaveText("You are checked in: marked present.");

  // Checked in, the dashboard offers Join alone.
  await page.goto("/dashboard");
  await expect(item.getByRole("link", { name: "Join the session" })).toBeVisible();
  await expect(item.getByRole("link", { name: "Check in" })).toHaveCount(0);
});

test("[PARTICIPANT][CHECK-IN] @clock: a phone that opens the QR link signed out signs in first and is checked in with the code it brought, though that code has changed since", async ({
  page,
}) => {
  const { cohort, session, secret, startsAt, endsAt } = await liveSessionWithCheckIn();
  const email = uniqueEmail("phone");
  await addPerson(email, TIMUR);
  await enrol(email, cohort.id);
  await page.setViewportSize({ width: 375, height: 800 });

  // The code shown a moment ago, still accepted as it changes: scanned just in time.
  if (secondsToNextCode(new Date()) < 8) await untilCodeChanged(new Date(), 1);
  const scannedAt = new Date();
  const code = checkInCode(secret, new Date(scannedAt.getTime() - STEP_SECONDS * 1000));
  await page.goto(`/check-in/${session}?code=${code}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await page.getByLabel("6-digit code").fill((await latestSignInEmail(email)).code);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(new RegExp(`/check-in/${session}\\?`));
  await checkInPageNamesTheSession(page, cohort.name, startsAt, endsAt);
  await expect(page.getByLabel("Code")).toHaveValue(code);
  // By now the screen in the room shows another code, and this one would be refused if typed.
  await untilCodeChanged(scannedAt, 1);
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("status")).toHaveText("You are checked in: marked present.");
  await expectAccessible(page);
});

test("[ADMIN][CHECK-IN] @clock: the check-in screen points to the course page and offers the check-in link to copy into the chat", async ({
  page,
  context,
}) => {
  const { cohort, session } = await liveSessionWithCheckIn();
  await signedInAdmin(page, "checkin-screen");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/admin/cohorts/${cohort.id}/sessions/${session}/check-in`);
  const host = new URL(page.url()).host;
  await expect(
    page.getByText(
      `Scan the QR code, or open your course page at ${host}/dashboard, press Check in and enter the code.`,
    ),
  ).toBeVisible();
  const link = page.getByLabel(/^Check-in link to share in the meeting's chat/);
  await expect(link).toHaveValue(new RegExp(`/check-in/${session}$`));
  await page.getByRole("button", { name: "Copy the link" }).click();
  await expect(page.getByRole("status")).toHaveText("Link copied: paste it into the chat.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
  await expectAccessible(page);
});
