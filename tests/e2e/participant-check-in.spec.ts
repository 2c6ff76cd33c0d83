import { expect, test, type Page } from "@playwright/test";
import { checkInCode, secondsToNextCode, STEP_SECONDS } from "../../lib/auth/check-in-codes";
import {
  addPerson,
  addSession,
  attendanceOf,
  createCohort,
  enrol,
  latestSignInEmail,
  openCheckIn,
  openSession,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInAdmin, signedInPerson, signInAs } from "./people";
import { expectAccessible, expectNoHorizontalScroll, sendJson } from "./support";
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

/** A six-digit code other than the one the session shows now or showed a step ago. */
function wrongCode(secret: string) {
  const now = new Date();
  const valid = [checkInCode(secret, now), checkInCode(secret, new Date(now.getTime() - STEP_SECONDS * 1000))];
  return ["000000", "111111", "222222"].find((c) => !valid.includes(c))!;
}

test("[PARTICIPANT][CHECK-IN] @clock: with JavaScript the check-in goes through the JSON API and shows its outcome with no other request, a wrong code refused in words; without JavaScript the form posts to the page and checks in", async ({
  page,
  browser,
}) => {
  const { cohort, session, secret } = await liveSessionWithCheckIn();
  const { email } = await signedInPerson(page, "checkin-api", TIMUR);
  await enrol(email, cohort.id);
  const apiPosts: string[] = [];
  let actions = 0;
  let pages = 0;
  page.on("request", (request) => {
    if (request.headers()["next-action"] !== undefined) actions += 1;
    else if (request.method() === "POST") apiPosts.push(new URL(request.url()).pathname);
    else if (request.resourceType() === "document" || request.headers()["rsc"] !== undefined) pages += 1;
  });
  await page.goto(`/check-in/${session}`);
  pages = 0;

  await page.getByLabel("Code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That code is wrong or has expired: codes change every 30 seconds. Enter the one shown now.",
  );
  await expect(page.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
  // The focus is back on the code, to type the one shown now; the address says what happened.
  await expect(page.getByLabel("Code")).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/check-in/${session}\\?error=wrong-code$`));
  await expectAccessible(page);
  expect(await attendanceOf(session, email)).toBeNull();

  // The code shown now, typed on an Arabic keyboard (١٢٣٤٥٦ for 123456).
  await page
    .getByLabel("Code")
    .fill(checkInCode(secret, new Date()).replace(/\d/g, (d) => String.fromCodePoint(0x0660 + Number(d))));
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("status")).toHaveText("You are checked in: marked present.");
  expect(await attendanceOf(session, email)).toEqual({ status: "PRESENT", source: "SELF_CHECK_IN" });
  await expect(page).toHaveURL(new RegExp(`/check-in/${session}\\?done=PRESENT$`));
  await expectAccessible(page);
  // Two API calls and nothing else: no server action, no page fetched again.
  expect(apiPosts).toEqual([`/api/sessions/${session}/check-in`, `/api/sessions/${session}/check-in`]);
  expect(actions).toBe(0);
  expect(pages).toBe(0);

  // After too many tries, the page says how long to wait (the page the action leads to as well).
  const guesser = uniqueEmail("checkin-guesser-page");
  const guesserId = await addPerson(guesser, TIMUR);
  await enrol(guesser, cohort.id);
  const guessing = await browser.newContext();
  const guesserPage = await guessing.newPage();
  await signInAs(guesserPage, guesserId);
  const origin = `http://localhost:${process.env.E2E_PORT ?? 3200}`;
  for (let i = 0; i < 10; i += 1) {
    const refused = await guesserPage.request.post(`/api/sessions/${session}/check-in`, {
      headers: { Origin: origin },
      data: { code: wrongCode(secret) },
    });
    expect(refused.status()).toBe(422);
  }
  await guesserPage.goto(`/check-in/${session}`);
  await guesserPage.getByLabel("Code").fill(checkInCode(secret, new Date()));
  await guesserPage.getByRole("button", { name: "Check in" }).click();
  await expect(guesserPage.getByRole("main").getByRole("alert")).toHaveText(
    /^Too many tries\. Wait (10 minutes|9 minutes) and try again\.$/,
  );
  await expect(guesserPage).toHaveURL(/\?error=rate-limited&wait=\d+$/);
  await expectAccessible(guesserPage);
  expect(await attendanceOf(session, guesser)).toBeNull();
  await guessing.close();

  // Without JavaScript, the same form posts to the server action.
  const other = uniqueEmail("checkin-nojs");
  const otherId = await addPerson(other, TIMUR);
  await enrol(other, cohort.id);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await signInAs(noScript, otherId);
  await noScript.goto(`/check-in/${session}`);
  await noScript.getByLabel("Code").fill(checkInCode(secret, new Date()));
  await noScript.getByRole("button", { name: "Check in" }).click();
  await expect(noScript.getByRole("status")).toHaveText("You are checked in: marked present.");
  expect(await attendanceOf(session, other)).toEqual({ status: "PRESENT", source: "SELF_CHECK_IN" });
  await context.close();
});

test("[API][CHECK-IN] @clock: checks in with the code shown and says how; refuses a wrong code, a second check-in, a session not open or not of the participant's cohort, a malformed body, and too many tries, writing nothing", async ({
  request,
}) => {
  const { cohort, session, secret } = await liveSessionWithCheckIn();
  const closed = await addSession(cohort.id, "china-st-system-reform", fromNow(60 * MINUTE), fromNow(150 * MINUTE));
  const elsewhere = await liveSessionWithCheckIn();
  const email = uniqueEmail("checkin-client");
  const userId = await addPerson(email, TIMUR);
  await enrol(email, cohort.id);
  const token = await openSession(userId);
  const post = (sessionId: string, data: unknown, as: string | null = token) =>
    sendJson(request, as, "POST", `/api/sessions/${sessionId}/check-in`, data);
  const right = () => checkInCode(secret, new Date());

  expect(await post(session, { code: right() }, null)).toMatchObject({
    status: 401,
    json: { error: "sign-in-required" },
  });
  expect(await post(session, { code: 123456 })).toMatchObject({ status: 400, json: { error: "invalid" } });
  expect(await post(session, { code: right(), extra: 1 })).toMatchObject({ status: 400, json: { error: "invalid" } });
  expect(await post(closed, { code: right() })).toMatchObject({ status: 409, json: { error: "closed" } });
  expect(await post(elsewhere.session, { code: checkInCode(elsewhere.secret, new Date()) })).toMatchObject({
    status: 404,
    json: { error: "not-found" },
  });
  expect(await post(session, { code: wrongCode(secret) })).toMatchObject({
    status: 422,
    json: { error: "wrong-code" },
  });
  expect(await attendanceOf(session, email)).toBeNull();

  expect(await post(session, { code: right() })).toMatchObject({ status: 200, json: { status: "PRESENT" } });
  expect(await attendanceOf(session, email)).toEqual({ status: "PRESENT", source: "SELF_CHECK_IN" });
  expect(await post(session, { code: right() })).toMatchObject({ status: 409, json: { error: "already-marked" } });

  // Ten tries in ten minutes at most, for each person and session: the eleventh waits.
  const guesser = uniqueEmail("checkin-guesser");
  const guesserId = await addPerson(guesser, TIMUR);
  await enrol(guesser, cohort.id);
  const guesserToken = await openSession(guesserId);
  for (let i = 0; i < 10; i += 1)
    expect((await post(session, { code: wrongCode(secret) }, guesserToken)).status).toBe(422);
  const limited = await post(session, { code: right() }, guesserToken);
  expect(limited).toMatchObject({ status: 429, json: { error: "rate-limited" } });
  expect(limited.json.retryAfterSeconds).toBeGreaterThan(0);
  expect(limited.headers["retry-after"]).toBe(String(limited.json.retryAfterSeconds));
  expect(await attendanceOf(session, guesser)).toBeNull();
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
