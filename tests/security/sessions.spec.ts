// Sessions: an absolute lifetime as well as the idle one, each person's view of their
// own sessions, and an admin's power to end a person's sessions and change their role.
import { expect, test } from "@playwright/test";
import { addPerson, uniqueEmail } from "../e2e/db";
import { signedInAdmin, signedInPerson } from "../e2e/people";
import { expectAccessible } from "../e2e/support";
import {
  auditOf,
  clientFrom,
  insertSession,
  roleOf,
  sessionCookie,
  sessionCount,
  sessionExists,
} from "./accounts-support";

const PERSON = { name: "Sana Session", country: "PK" };

test("[SECURITY][SESSIONS]: a session 30 days past sign-in is refused and deleted, however recently it was used", async ({
  browser,
}) => {
  const userId = await addPerson(uniqueEmail("absolute"), PERSON);
  // As Auth.js leaves a session it extends on use: used an hour ago, stored expiry weeks ahead.
  const { token } = await insertSession(userId, {
    created: "30 days 1 minute",
    lastUsed: "1 hour",
    expiresIn: "29 days",
  });
  const { context, page } = await clientFrom(browser);
  await context.addCookies([sessionCookie(token)]);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?/);
  expect(await sessionExists(token)).toBe(false);
});

test("[SECURITY][SESSIONS]: a session unused for 7 days is refused and deleted, whatever its stored expiry", async ({
  browser,
}) => {
  const userId = await addPerson(uniqueEmail("idle"), PERSON);
  const { token } = await insertSession(userId, {
    created: "9 days",
    lastUsed: "7 days 1 minute",
    expiresIn: "22 days",
  });
  const { context, page } = await clientFrom(browser);
  await context.addCookies([sessionCookie(token)]);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?/);
  expect(await sessionExists(token)).toBe(false);
});

test("[SECURITY][SESSIONS]: the session endpoint answers no session for one past its lifetime, and deletes it", async ({
  browser,
}) => {
  const userId = await addPerson(uniqueEmail("endpoint"), PERSON);
  const { token } = await insertSession(userId, {
    created: "30 days 1 minute",
    lastUsed: "1 hour",
    expiresIn: "29 days",
  });
  const { context, page } = await clientFrom(browser);
  await context.addCookies([sessionCookie(token)]);
  const answer = await page.request.get("/api/auth/session");
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toBeNull();
  expect(await sessionExists(token)).toBe(false);
});

test("[SECURITY][SESSIONS]: a participant sees and ends their own sessions, and cannot end someone else's from the page", async ({
  browser,
}) => {
  const { page } = await clientFrom(browser);
  const me = await signedInPerson(page, "own-sessions", PERSON);
  const phone = await insertSession(me.userId, { created: "2 days", lastUsed: "3 hours", expiresIn: "5 days" });
  const victimId = await addPerson(uniqueEmail("victim"), PERSON);
  const victim = await insertSession(victimId);

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Where you are signed in" })).toBeVisible();
  const sessions = page.getByTestId("session");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
  const other = sessions.filter({ hasText: "Another device" });
  await expect(other).toContainText("Last used");
  await expectAccessible(page);
  expect(await page.content()).not.toContain(phone.token);

  // The form names a session by its id: another person's id ends nothing.
  await other.locator('input[name="sessionId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), victim.id);
  const tampered = page.waitForResponse((r) => r.request().method() === "POST");
  await other.getByRole("button", { name: "End this session" }).click();
  await tampered;
  expect(await sessionExists(victim.token)).toBe(true);
  expect(await sessionExists(phone.token)).toBe(true);

  await page.reload();
  await page
    .getByTestId("session")
    .filter({ hasText: "Another device" })
    .getByRole("button", { name: "End this session" })
    .click();
  await expect(page.getByTestId("session")).toHaveCount(1);
  expect(await sessionExists(phone.token)).toBe(false);
  const stolen = await clientFrom(browser);
  await stolen.context.addCookies([sessionCookie(phone.token)]);
  await stolen.page.goto("/account");
  await expect(stolen.page).toHaveURL(/\/sign-in\?/);
});

test("[SECURITY][SESSIONS]: an admin ends all of a person's sessions and changes their role, each audit-logged", async ({
  browser,
}) => {
  const { page } = await clientFrom(browser);
  const admin = await signedInAdmin(page, "people-admin");
  const email = uniqueEmail("managed");
  const userId = await addPerson(email, PERSON);
  const laptop = await insertSession(userId);
  await insertSession(userId);

  await page.goto("/admin/cohorts");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "People" }).click();
  await page.getByLabel("E-mail address or name").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status")).toHaveText("1 person shown (at most 100).");
  await expectAccessible(page);
  await page.getByRole("link", { name: email }).click();
  await expect(page.getByRole("heading", { level: 1, name: email })).toBeVisible();
  await expect(page.getByText("2 live sessions")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "End all sessions" }).click();
  await expect(page.getByRole("status")).toHaveText("2 sessions ended.");
  expect(await sessionCount(userId)).toBe(0);
  expect(await sessionExists(laptop.token)).toBe(false);
  expect(await auditOf("user.sessions_ended", userId)).toEqual([
    expect.objectContaining({ actor_id: admin.userId, entity_id: userId, after: { ended: 2 } }),
  ]);

  await page.getByRole("button", { name: "Make administrator" }).click();
  await expect(page.getByRole("status")).toHaveText("Role changed: now administrator.");
  expect(await roleOf(userId)).toBe("ADMIN");
  await page.getByRole("button", { name: "Make participant" }).click();
  await expect(page.getByRole("status")).toHaveText("Role changed: now participant.");
  expect(await roleOf(userId)).toBe("PARTICIPANT");
  const changes = await auditOf("user.role_changed", userId);
  expect(changes.map((c) => [c.actor_id, c.after])).toEqual([
    [admin.userId, { role: "ADMIN" }],
    [admin.userId, { role: "PARTICIPANT" }],
  ]);
  await expectAccessible(page);
});
