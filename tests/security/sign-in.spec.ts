// Attacks on passwordless sign-in: the e-mailed link, Auth.js's own endpoints, guessing
// the secrets, the session answer, the outbox and a stale session cookie.
import { expect, test } from "@playwright/test";
import { addPerson, auditActions, latestSignInEmail, uniqueEmail } from "../e2e/db";
import { signedInAdmin, signedInPerson } from "../e2e/people";
import { emailCount, followLink, postSignInForm, requestSignInEmail, typeCode } from "./sign-in-support";

const signedIn = (location: string) => !location.includes("error=") && !location.includes("/sign-in");

test("[SECURITY][SIGN-IN]: the e-mailed link names the configured site, not the Host, X-Forwarded-Host or -Proto of the request", async ({
  request,
  baseURL,
}) => {
  const victim = uniqueEmail("victim");
  const res = await postSignInForm(request, victim, {
    Origin: "https://evil.example",
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-Proto": "https",
  });
  expect(res.status()).toBeLessThan(500);
  const { link } = await latestSignInEmail(victim);
  expect(link.startsWith(`${baseURL}/api/auth/callback/nodemailer?`)).toBe(true);
  expect(link).not.toContain("evil.example");
});

test("[SECURITY][SIGN-IN]: Auth.js's own sign-in, CSRF and provider endpoints are closed: no e-mail leaves through them", async ({
  request,
}) => {
  const victim = uniqueEmail("flooded");
  // What an attacker's script does: a CSRF token (and its cookie), then the sign-in POST.
  const csrf = await request.get("/api/auth/csrf");
  const csrfToken = /"csrfToken":"([^"]+)"/.exec(await csrf.text())?.[1];
  for (let i = 0; i < 3; i++) {
    const res = await request.post("/api/auth/signin/nodemailer", {
      form: { email: victim, csrfToken: csrfToken ?? "", callbackUrl: "/" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(404);
  }
  for (const path of ["/api/auth/signout", "/api/auth/session", "/api/auth/callback/nodemailer"]) {
    expect((await request.post(path, { form: { csrfToken: csrfToken ?? "" }, maxRedirects: 0 })).status(), path).toBe(
      404,
    );
  }
  expect(await emailCount(victim)).toBe(0);
  expect(csrf.status()).toBe(404);
  for (const path of ["/api/auth/providers", "/api/auth/signin", "/api/auth/signin/nodemailer", "/api/auth/signout"]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
});

test("[SECURITY][SIGN-IN]: a link with a repeated email or token is refused (400) before it is checked, and guesses count against the address checked", async ({
  page,
  request,
}) => {
  const victim = uniqueEmail("victim");
  const { token, path } = await requestSignInEmail(page, victim);
  const decoy = uniqueEmail("decoy");
  const wrong = "A".repeat(43);
  for (let i = 0; i < 3; i++) {
    const repeatedEmail = `/api/auth/callback/nodemailer?${new URLSearchParams([
      ["email", decoy],
      ["email", victim],
      ["token", wrong],
    ])}`;
    expect((await followLink(request, repeatedEmail)).status).toBe(400);
    const repeatedToken = `/api/auth/callback/nodemailer?${new URLSearchParams([
      ["email", victim],
      ["token", wrong],
      ["token", token],
    ])}`;
    expect((await followLink(request, repeatedToken)).status).toBe(400);
  }
  // The address as Auth.js checks it: written differently, it is still the victim's.
  for (let i = 0; i < 5; i++) {
    const guess = `/api/auth/callback/nodemailer?${new URLSearchParams({ email: ` ${victim.toUpperCase()} `, token: wrong })}`;
    expect((await followLink(request, guess)).location).toContain("error=");
  }
  const real = await followLink(request, path);
  expect(real.location).toContain("error=TooManyAttempts");
  expect(await auditActions(victim)).not.toContain("auth.sign_in");
});

test("[SECURITY][SIGN-IN]: the link's secret is long and random, not the code; a new e-mail retires the earlier link and code", async ({
  page,
  request,
}) => {
  const email = uniqueEmail("secrets");
  const first = await requestSignInEmail(page, email);
  const digits = first.code.replace(" ", "");
  expect(first.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
  expect(first.token).not.toContain(digits);
  // The code is no link token.
  const codeAsToken = `/api/auth/callback/nodemailer?${new URLSearchParams({ email, token: digits })}`;
  expect((await followLink(request, codeAsToken)).location).toContain("error=Verification");

  const second = await requestSignInEmail(page, email);
  expect(second.token).not.toBe(first.token);
  expect((await followLink(request, first.path)).location).toContain("error=Verification");
  if (second.code !== first.code) {
    await typeCode(page, first.code);
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\/check-email\?/);
  }
  const ok = await followLink(request, second.path);
  expect(signedIn(ok.location)).toBe(true);
});

test("[SECURITY][SIGN-IN]: the code has five tries; after them even the right code is refused", async ({ page }) => {
  const email = uniqueEmail("guesser");
  const { code } = await requestSignInEmail(page, email);
  const checkEmail = page.url();
  const wrong = code === "000 000" ? "111 111" : "000 000";
  const alert = page.getByRole("main").getByRole("alert");
  for (let i = 0; i < 4; i++) {
    await page.goto(checkEmail);
    await typeCode(page, wrong);
    await expect(alert).toHaveText(`That code is not right: ${4 - i} ${i === 3 ? "try" : "tries"} left.`);
  }
  await page.goto(checkEmail);
  await typeCode(page, wrong);
  await expect(alert).toHaveText(/Too many wrong codes/);
  await page.goto(checkEmail);
  await typeCode(page, code);
  await expect(alert).toHaveText(/invalid, used or expired/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in/);
  const actions = await auditActions(email);
  expect(actions).toContain("auth.code_locked");
  expect(actions).not.toContain("auth.sign_in");
});

test("[SECURITY][SESSION]: the session answer holds id, name, role and expiry only, never the session token", async ({
  page,
  context,
}) => {
  const { email, userId } = await signedInPerson(page, "session", { name: "Sam Session", country: "PK" });
  const res = await page.request.get("/api/auth/session");
  expect(res.status()).toBe(200);
  const text = await res.text();
  const body = JSON.parse(text) as { user: Record<string, unknown>; expires: string };
  expect(Object.keys(body).sort()).toEqual(["expires", "user"]);
  expect(Object.keys(body.user).sort()).toEqual(["id", "name", "role"]);
  expect(body.user).toEqual({ id: userId, name: "Sam Session", role: "PARTICIPANT" });
  const [cookie] = (await context.cookies()).filter((c) => c.name.endsWith("authjs.session-token"));
  expect(text).not.toContain(cookie!.value);
  expect(text).not.toContain(email);
});

test("[SECURITY][SESSION]: a session token carries 256 random bits", async ({ page, context }) => {
  const email = uniqueEmail("token");
  const { path } = await requestSignInEmail(page, email);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  const [cookie] = (await context.cookies()).filter((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(Buffer.from(cookie!.value, "base64url").length).toBe(32);
});

test("[SECURITY][OUTBOX]: the outbox never shows a sign-in code or link token", async ({ page, browser }) => {
  const victim = uniqueEmail("outboxed");
  const { code, token } = await requestSignInEmail(page, victim);

  const adminPage = await (await browser.newContext()).newPage();
  await signedInAdmin(adminPage);
  await adminPage.goto("/admin/outbox");
  const row = adminPage.getByRole("row").filter({ hasText: victim });
  await expect(row).toContainText("Your sign-in code: [hidden]");
  expect(await adminPage.content()).not.toContain(code);
  await row.getByRole("link").click();
  await expect(adminPage.getByText("code on the sign-in page: [hidden]")).toBeVisible();
  const html = await adminPage.content();
  expect(html).not.toContain(code);
  expect(html).not.toContain(code.replace(" ", ""));
  expect(html).not.toContain(token);
});

test("[SECURITY][SIGN-IN]: a stale session cookie does not break signing in again, by the link or by the code", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  // The cookie of a session that no longer exists (ended elsewhere, or expired and
  // removed), still in the browser that opens the link or types the code.
  const staleValue = "A".repeat(43);
  const person = { name: "Stella Stale", country: "PK" };

  const linkEmail = uniqueEmail("stale-link");
  await addPerson(linkEmail, person);
  const { path } = await requestSignInEmail(page, linkEmail);
  const byLink = await request.get(path, {
    headers: { cookie: `authjs.session-token=${staleValue}` },
    maxRedirects: 0,
  });
  expect(byLink.headers()["location"]).not.toContain("error=");
  const session = byLink
    .headersArray()
    .find((h) => h.name.toLowerCase() === "set-cookie" && /session-token=/.test(h.value));
  expect(session, "a new session cookie").toBeDefined();
  expect(session!.value).not.toContain(staleValue);

  const context = await browser.newContext();
  const codePage = await context.newPage();
  const codeEmail = uniqueEmail("stale-code");
  await addPerson(codeEmail, person);
  const { code } = await requestSignInEmail(codePage, codeEmail);
  await context.addCookies([{ name: "authjs.session-token", value: staleValue, url: baseURL!, httpOnly: true }]);
  await typeCode(codePage, code);
  await expect(codePage.getByRole("heading", { level: 1, name: "Your course" })).toBeVisible();
  expect(codePage.url()).not.toContain("error=");
  await context.close();
  expect(await auditActions(codeEmail)).toContain("auth.sign_in");
});
