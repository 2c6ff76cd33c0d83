import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import {
  addParticipant,
  addParticipants,
  addPerson,
  addRosterParticipant,
  addSession,
  auditCount,
  certificateCount,
  certificatesOf,
  createCohort,
  enrol,
  latestSignInEmail,
  markPresent,
  setCertificateName,
  setCertificateRule,
  uniqueEmail,
  uniqueName,
  type Cohort,
} from "./db";
import { issueDue, signedInAdmin, signedInPerson, signInAs } from "./people";
import { expectAccessible, getOnFreshConnections } from "./support";
import { after, DAY, fromNow, MINUTE } from "./time";

const ZOE = { name: "Zoë Ćirić", country: "RS", organisation: "University of Belgrade", position: "Researcher" };
/** The cohort's rule in these tests: attend its one session, no quiz required. */
const ATTEND_ALL = { minAttendancePercent: 100, requiredQuizzes: [], autoIssue: true };

/** How the cohort's certificate codes begin: ECOSF and the last two digits of the year the cohort starts. */
const codePrefixOf = (cohort: Cohort) => `ECOSF-${cohort.startsOn.slice(2, 4)}-`;

/** A cohort whose one session was held yesterday, under the rule `rule`. */
async function cohortWithHeldSession(rule = ATTEND_ALL) {
  const cohort = await createCohort({ name: uniqueName("Certificate cohort") });
  const heldAt = fromNow(-DAY);
  const session = await addSession(cohort.id, "nhz-policy-framework", heldAt, after(heldAt, 90 * MINUTE));
  await setCertificateRule(cohort.id, rule);
  return { cohort, session };
}

/** Zoë, signed in on the page, who attended the cohort's session and holds its certificate. */
async function zoeWithCertificate(page: Page, request: APIRequestContext) {
  const { cohort, session } = await cohortWithHeldSession();
  const { email, userId } = await signedInPerson(page, "graduate", ZOE);
  await enrol(email, cohort.id);
  await markPresent(session, email);
  await issueDue(request, cohort.id);
  const [certificate] = await certificatesOf(userId, cohort.id);
  return { cohort, email, userId, certificate: certificate! };
}

const panelOf = (page: Page, cohort: Cohort) =>
  page.getByRole("region", { name: cohort.name }).getByRole("region", { name: "Certificate" });

/** What POST /api/credentials/verify says of a credential. */
async function checkCredential(request: APIRequestContext, jwt: string) {
  const response = await request.post("/api/credentials/verify", {
    data: jwt,
    headers: { "Content-Type": "text/plain" },
  });
  return (await response.json()) as Record<string, unknown>;
}

const AUTO_RULE_SAVED =
  "The certificate rule was saved. Whoever now meets it is being issued a certificate in the background: reload this page to see them.";

test("[CERTIFICATES][RULE]: the admin sets the cohort's certificate rule", async ({ page }) => {
  const cohort = await createCohort({ name: uniqueName("Rule cohort") });
  await signedInAdmin(page, "rule-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  await expect(page.getByRole("heading", { level: 2, name: "Certificate rule" })).toBeVisible();
  await page.getByLabel("Minimum attendance (%)").fill("100");
  for (const box of await page.getByRole("group", { name: "Quizzes that must be passed" }).getByRole("checkbox").all())
    await box.uncheck();
  await page.getByLabel(/Issue a certificate automatically/).uncheck();
  await page.getByRole("button", { name: "Save the rule" }).click();
  await expect(page.getByRole("status")).toHaveText("The certificate rule was saved.");
  await page.reload();
  await expect(page.getByLabel("Minimum attendance (%)")).toHaveValue("100");
  await expect(
    page.getByRole("group", { name: "Quizzes that must be passed" }).getByRole("checkbox", { checked: true }),
  ).toHaveCount(0);
  await expect(page.getByLabel(/Issue a certificate automatically/)).not.toBeChecked();
  await expectAccessible(page);
});

test("[CERTIFICATES] @clock: until the rule is met, the dashboard says exactly what is missing, and how to make it up", async ({
  page,
}) => {
  const { cohort } = await cohortWithHeldSession();
  const { email } = await signedInPerson(page, "missing", ZOE);
  await enrol(email, cohort.id);
  await page.goto("/dashboard");
  const panel = panelOf(page, cohort);
  await expect(panel).toContainText("attend enough live sessions: you have 0 of the 1 needed.");
  await expect(panel.getByRole("link", { name: /^Ask to be excused for / })).toBeVisible(); // yesterday's, missed
  await expectAccessible(page);
});

test("[CERTIFICATES] @clock: the admin marks the held session, and the certificate is issued at once; the dashboard shows it with its code", async ({
  page,
  browser,
}) => {
  const { cohort, session } = await cohortWithHeldSession();
  const { email } = await signedInPerson(page, "earner", ZOE);
  await enrol(email, cohort.id);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "marker");
  await admin.goto(`/admin/cohorts/${cohort.id}/sessions/${session}/attendance`);
  await admin.getByRole("button", { name: "Save, and mark everyone not marked as present" }).click();
  await expect(admin.getByRole("status")).toHaveText("One mark saved.");
  await adminContext.close();

  const panel = panelOf(page, cohort);
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(panel).toContainText("Your certificate was issued on", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const code = (await panel.locator(".font-mono").textContent())!.trim();
  expect(code).toMatch(new RegExp(`^${codePrefixOf(cohort)}[0-9A-Z]{4}-[0-9A-Z]{4}$`));
  await expectAccessible(page);
  const linkedIn = new URL((await panel.getByRole("link", { name: /Add to LinkedIn profile/ }).getAttribute("href"))!);
  expect(linkedIn.hostname).toBe("www.linkedin.com");
  expect(linkedIn.searchParams.get("certId")).toBe(code);
  expect(linkedIn.searchParams.get("certUrl")).toMatch(new RegExp(`/verify/${code}$`));
});

test("[CERTIFICATES]: the participant downloads the PDF and the signed credential; the credential verifies, a changed one does not", async ({
  page,
  request,
}) => {
  const { cohort, certificate } = await zoeWithCertificate(page, request);
  await page.goto("/dashboard");
  const panel = panelOf(page, cohort);
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: "Download the certificate (PDF)" }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`${certificate.code}-Zoe-Ciric.pdf`);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: /signed digital credential/ }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(`${certificate.code}.jwt`);
  const jwt = (await readFile((await file.path())!, "utf8")).trim();
  // objectContaining, so that a failure prints the whole answer, its reason included.
  expect(await checkCredential(request, jwt)).toEqual(
    expect.objectContaining({ valid: true, revoked: false, statusChecked: true }),
  );
  const [head, payload, signature] = jwt.split(".");
  const forged = Buffer.from(payload!, "base64url").toString().replace("Zoë Ćirić", "Zoë Ćirič");
  expect(
    await checkCredential(request, `${head}.${Buffer.from(forged).toString("base64url")}.${signature}`),
  ).toMatchObject({ valid: false });
  expect(
    (
      await request.post("/api/credentials/verify", {
        data: Buffer.from("{not json"),
        headers: { "Content-Type": "application/json" },
      })
    ).status(),
  ).toBe(400);
});

test("[CERTIFICATES][VERIFY]: anyone checks a certificate by its code, typed loosely; the page shows the name and nothing else about the person", async ({
  page,
  browser,
  request,
}) => {
  const { email, certificate } = await zoeWithCertificate(page, request);
  const { code } = certificate;
  const publicContext = await browser.newContext();
  const visitor = await publicContext.newPage();
  await visitor.goto("/");
  await visitor.getByRole("contentinfo").getByRole("link", { name: "Verify a certificate" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Verify a certificate" })).toBeVisible();
  await visitor.getByLabel("Certificate code").fill(` ${code.toLowerCase().replaceAll("-", " ")} `);
  await visitor.getByRole("button", { name: "Check the certificate" }).click();
  await expect(visitor).toHaveURL(new RegExp(`/verify/${code}$`));
  await expect(visitor.getByRole("status")).toHaveText("Valid certificate");
  // A CDN may keep the page for 5 minutes and serve it stale for 5 more at most, not a year.
  expect((await request.get(`/verify/${code}`)).headers()["cache-control"]).toBe(
    "s-maxage=300, stale-while-revalidate=300",
  );
  await expect(visitor.getByText("Zoë Ćirić")).toBeVisible();
  await expect(visitor.locator("main")).not.toContainText(email);
  await expectAccessible(visitor);
  await visitor.goto("/verify/ECOSF-26-0000-0000");
  await expect(visitor.locator("main").getByRole("alert")).toContainText(
    "No certificate has the code ECOSF-26-0000-0000",
  );
  // A code typed loosely into the address bar lands on its canonical address, with or without the locale.
  for (const loose of [`/verify/${code.toLowerCase()}`, `/en/verify/${code.toLowerCase()}`]) {
    await visitor.goto(loose);
    await expect(visitor).toHaveURL(new RegExp(`/verify/${code}$`));
    await expect(visitor.getByRole("status")).toHaveText("Valid certificate");
  }
  await publicContext.close();
});

test("[CERTIFICATES][VERIFY]: an Urdu name prints in Nastaliq on the PDF and shows in Nastaliq on the public page; a Persian one stays in Naskh", async ({
  page,
  browser,
  request,
}) => {
  const { cohort, session } = await cohortWithHeldSession();
  // The letters of عمران خان are Persian's as well: the holder's country makes them Urdu.
  const urdu = await signedInPerson(page, "urdu", { name: "Imran Khan", nativeName: "عمران خان", country: "PK" });
  const persianEmail = uniqueEmail("persian");
  const persianId = await addPerson(persianEmail, { name: "Reza Ahmadi", nativeName: "رضا احمدی", country: "IR" });
  for (const email of [urdu.email, persianEmail]) {
    await enrol(email, cohort.id);
    await markPresent(session, email);
  }
  await issueDue(request, cohort.id);
  const [urduCertificate] = await certificatesOf(urdu.userId, cohort.id);
  const [persianCertificate] = await certificatesOf(persianId, cohort.id);

  await page.goto("/dashboard");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panelOf(page, cohort).getByRole("link", { name: "Download the certificate (PDF)" }).click(),
  ]);
  const pdf = (await download.path())!;
  expect(execFileSync("pdffonts", [pdf], { encoding: "utf8" })).toMatch(/\+NotoNastaliqUrdu-Regular /);
  // poppler marks right-to-left text with U+202B … U+202C.
  expect(execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/[\u202A-\u202E]/g, "")).toContain(
    "عمران خان",
  );

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/verify/${urduCertificate!.code}`);
  const urduName = visitor.locator("main bdi", { hasText: "عمران خان" });
  await expect(urduName).toHaveAttribute("lang", "ur");
  expect(await urduName.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/nastaliq/i);
  // The font is served by the app itself, and the browser loaded it for the name.
  const loaded = await visitor.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
  });
  expect(loaded.join(" ")).toMatch(/nastaliq/i);
  await expectAccessible(visitor);

  await visitor.goto(`/verify/${persianCertificate!.code}`);
  const persianName = visitor.locator("main bdi", { hasText: "رضا احمدی" });
  await expect(persianName).toHaveAttribute("lang", "fa");
  expect(await persianName.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/nastaliq/i);
  await visitor.context().close();
});

test("[CERTIFICATES]: nobody but its holder downloads a certificate, and a participant cannot reach the cohort's certificate administration", async ({
  page,
  browser,
  request,
}) => {
  const { cohort, certificate } = await zoeWithCertificate(page, request);
  const signedOut = await browser.newContext();
  expect((await signedOut.request.get(`/api/certificates/${certificate.id}/pdf`)).status()).toBe(401);
  await signedOut.close();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signedInPerson(other, "other", {
    name: "Ali Rezaei",
    country: "IR",
    organisation: "IROST",
    position: "Analyst",
  });
  for (const what of ["pdf", "credential"])
    expect((await other.request.get(`/api/certificates/${certificate.id}/${what}`)).status()).toBe(404);
  expect((await other.request.get(`/api/admin/cohorts/${cohort.id}/certificates.zip`)).status()).toBe(404);
  expect(
    (
      await other.request.post(`/api/admin/cohorts/${cohort.id}/certificates/issue`, {
        headers: { Origin: new URL(test.info().project.use.baseURL!).origin },
      })
    ).status(),
  ).toBe(404);
  expect((await other.goto(`/admin/cohorts/${cohort.id}/certificates`))?.status()).toBe(404);
  await expect(other.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
  await otherContext.close();
});

test("[CERTIFICATES]: a link to a certificate's files followed signed out (from an e-mail) goes through sign-in, with the link or the code, and ends in the download", async ({
  page,
  browser,
  request,
}) => {
  const { certificate, email } = await zoeWithCertificate(page, request);
  for (const [what, file, withCode] of [
    ["credential", `${certificate.code}.jwt`, false],
    ["pdf", `${certificate.code}-Zoe-Ciric.pdf`, true],
  ] as const) {
    const context = await browser.newContext();
    const visitor = await context.newPage();
    const path = `/api/certificates/${certificate.id}/${what}`;
    await visitor.goto(path);
    await expect(visitor).toHaveURL(`/sign-in?${new URLSearchParams({ callbackUrl: path })}`);
    await expectAccessible(visitor);
    await visitor.getByLabel("E-mail address").fill(email);
    await visitor.getByRole("button", { name: "E-mail me a link and a code" }).click();
    await expect(visitor.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
    const mail = await latestSignInEmail(email);
    const [download] = await Promise.all([
      visitor.waitForEvent("download"),
      withCode
        ? visitor
            .getByLabel("6-digit code")
            .fill(mail.code)
            .then(() => visitor.getByRole("button", { name: "Sign in" }).click())
        : // A navigation that ends in a download: Playwright reports it as an error of goto.
          visitor.goto(mail.link).catch(() => null),
    ]);
    expect(download.suggestedFilename()).toBe(file);
    await context.close();
  }
  // A script's request without a session is still answered 401, not sent to sign in.
  const signedOut = await browser.newContext();
  expect((await signedOut.request.get(`/api/certificates/${certificate.id}/credential`)).status()).toBe(401);
  await signedOut.close();
});

test("[CERTIFICATES][REVOKE]: the admin revokes a certificate with a reason: the stamped PDF, the public page and the credential say so", async ({
  page,
  browser,
  request,
}) => {
  const { cohort, email, certificate } = await zoeWithCertificate(page, request);
  const { code } = certificate;
  const jwt = await (await page.request.get(`/api/certificates/${certificate.id}/credential`)).text();
  const publicContext = await browser.newContext();
  const visitor = await publicContext.newPage();
  await visitor.goto(`/verify/${code}`);
  await expect(visitor.getByRole("status")).toHaveText("Valid certificate");
  // Every server process now keeps the valid page in its cache.
  const kept = await getOnFreshConnections(`/verify/${code}`, 8);
  expect(kept.map((a) => [a.status, a.body.includes("Valid certificate")])).toEqual(Array(8).fill([200, true]));

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "revoker");
  await admin.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const row = admin.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText(code);
  await row.getByText("Revoke…").click();
  await row.getByLabel("Reason (shown on the public verification page)").fill("Issued in error");
  await row.getByRole("button", { name: "Revoke the certificate" }).click();
  await expect(admin.getByRole("status").first()).toHaveText("The certificate was revoked.");
  const history = admin.getByRole("region", { name: "Revoked and replaced certificates" });
  await expect(history).toContainText(`${code} · Zoë Ćirić`);
  const [stamped] = await Promise.all([
    admin.waitForEvent("download"),
    history.getByRole("link", { name: `PDF (stamped revoked) ${code}` }).click(),
  ]);
  expect((await readFile((await stamped.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
  expect(execFileSync("pdftotext", [(await stamped.path())!, "-"], { encoding: "utf8" })).toContain("REVOKED");
  await adminContext.close();

  await visitor.reload();
  await expect(visitor.getByRole("status")).toContainText("This certificate has been revoked");
  await expect(visitor.getByRole("status")).toContainText("Reason: Issued in error");
  // No server process still answers from the page it kept before the revocation.
  const revoked = await getOnFreshConnections(`/verify/${code}`, 8);
  expect(revoked.map((a) => [a.status, a.body.includes("This certificate has been revoked")])).toEqual(
    Array(8).fill([200, true]),
  );
  await publicContext.close();
  expect(await checkCredential(request, jwt)).toEqual(
    expect.objectContaining({ valid: true, revoked: true, statusChecked: true }),
  );
});

test("[CERTIFICATES][REVOKE]: a revoked certificate stays revoked when automatic issuing runs again, until the admin issues again on purpose", async ({
  page,
  request,
}) => {
  const { cohort, session } = await cohortWithHeldSession();
  const zoe = uniqueEmail("revoked");
  const zoeId = await addParticipant(cohort.id, zoe, "Zoë Ćirić");
  await markPresent(session, zoe);
  await issueDue(request, cohort.id);
  // Li attended too but was marked outside the app: the next automatic run issues to Li.
  const li = uniqueEmail("control");
  const liId = await addParticipant(cohort.id, li, "Li Ming");
  await markPresent(session, li);

  await signedInAdmin(page, "final-revoker");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const row = page.getByRole("row", { name: new RegExp(zoe) });
  await row.getByText("Revoke…").click();
  await row.getByLabel("Reason (shown on the public verification page)").fill("Attended under another name");
  await row.getByRole("button", { name: "Revoke the certificate" }).click();
  await expect(page.getByRole("status").first()).toHaveText("The certificate was revoked.");

  // Saving the rule runs automatic issuing for everyone: Li gets a certificate, Zoë does not.
  await page.getByRole("button", { name: "Save the rule" }).click();
  await expect(page.getByRole("status").first()).toHaveText(AUTO_RULE_SAVED);
  await expect.poll(() => certificateCount(liId, cohort.id), { timeout: 15_000 }).toBe(1);
  expect(await certificateCount(zoeId, cohort.id)).toBe(0);
  await page.reload();
  await expect(row).toContainText("Revoked on");
  await expect(row).toContainText("Attended under another name. Not issued again automatically.");
  await expect(page.getByRole("button", { name: "Nobody is due a certificate" })).toBeDisabled();
  await expect(page.getByRole("link", { name: "Revoked (1)" })).toBeVisible();
  await expectAccessible(page);

  await row.getByText("Issue again…").click();
  await row.getByRole("button", { name: `Issue a new certificate ${zoe}` }).click();
  await expect(page.getByRole("status").first()).toHaveText(
    "A new certificate was issued; the revoked one stays revoked.",
  );
  await expect(row).toContainText(codePrefixOf(cohort));
  const [fresh, revoked] = await certificatesOf(zoeId, cohort.id);
  expect([fresh!.revoked_at, revoked!.revoked_at === null]).toEqual([null, false]);
  expect(await auditCount("certificate.issued_after_revocation", fresh!.id)).toBe(1);
});

test("[CERTIFICATES][PEOPLE]: bulk issuing lists who has no certificate name; the admin sets it on their page, and the next run issues", async ({
  page,
}) => {
  const { cohort, session } = await cohortWithHeldSession({ ...ATTEND_ALL, autoIssue: false });
  const named = uniqueEmail("named");
  await addParticipant(cohort.id, named, "Maryam Rezaei");
  const imported = uniqueEmail("imported");
  const importedId = await addRosterParticipant(cohort.id, imported, "Ayesha Khan");
  await markPresent(session, named);
  await markPresent(session, imported);

  await signedInAdmin(page, "names-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  await page.getByRole("button", { name: "Issue the certificate due (1)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done:" })).toHaveText("Done: 1 issued.");
  await expect(page.getByRole("progressbar", { name: "Issuing certificates" })).toHaveAttribute("value", "1");
  const skipped = page.getByRole("region", { name: "One participant was skipped" });
  await expect(skipped).toContainText("No certificate name (one): set it on their page");
  await expectAccessible(page);
  await skipped.getByRole("link", { name: imported }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(imported);
  const form = page.getByRole("region", { name: "Profile" });
  await expect(form.getByLabel("Full name *")).toHaveValue("Ayesha Khan");
  await form.getByLabel("Name on the certificate, in Latin letters *").fill("عایشه خان");
  await form.getByRole("button", { name: "Save the profile" }).click();
  await expect(form.getByRole("alert")).toHaveText("One field needs your attention.");
  await expect(form.getByLabel("Name on the certificate, in Latin letters *")).toHaveAccessibleDescription(
    /Use Latin letters only/,
  );
  expect(await auditCount("user.profile_edited", importedId)).toBe(0);
  await expectAccessible(page);
  await form.getByLabel("Name on the certificate, in Latin letters *").fill("Ayesha Khan");
  await form.getByLabel("Position").fill("Lecturer");
  await form.getByRole("button", { name: "Save the profile" }).click();
  await expect(form.getByRole("status")).toHaveText("The profile is saved.");
  expect(await auditCount("user.profile_edited", importedId)).toBe(1);

  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  await page.getByRole("button", { name: "Issue the certificate due (1)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done:" })).toHaveText("Done: 1 issued.");
  await expect(page.getByRole("row", { name: new RegExp(imported) })).toContainText(codePrefixOf(cohort));
});

/** A cohort with Maryam, Li and Anna, under a rule without automatic issuing; Maryam and Li attended its session. */
async function cohortOfThree() {
  const { cohort, session } = await cohortWithHeldSession({ ...ATTEND_ALL, autoIssue: false });
  const people = [uniqueEmail("bulk-a"), uniqueEmail("bulk-b"), uniqueEmail("bulk-c")] as const;
  await addParticipant(cohort.id, people[0], "Maryam Rezaei");
  await addParticipant(cohort.id, people[1], "Li Ming");
  await addParticipant(cohort.id, people[2], "Anna Ivanova");
  await markPresent(session, people[0]);
  await markPresent(session, people[1]);
  return { cohort, people };
}

test("[CERTIFICATES][ADMIN] @clock: issues the certificates due in bulk, with progress, and shows who has not met the rule", async ({
  page,
}) => {
  const { cohort } = await cohortOfThree();
  await signedInAdmin(page, "bulk-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  await expect(page.getByRole("row", { name: /Anna Ivanova/ })).toContainText("attended 0 of 1 sessions needed");

  await page.getByRole("button", { name: "Issue the 2 certificates due" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done:" })).toHaveText("Done: 2 issued.");
  await expect(page.getByRole("progressbar", { name: "Issuing certificates" })).toHaveAttribute("value", "2");
  await expect(page.getByRole("row", { name: /Maryam Rezaei/ })).toContainText(codePrefixOf(cohort));
  await expect(page.getByRole("button", { name: "Nobody is due a certificate" })).toBeDisabled();
  await expectAccessible(page);
  await page
    .getByRole("navigation", { name: "Show participants" })
    .getByRole("link", { name: "Requirements not met (1)" })
    .click();
  await expect(page.getByRole("link", { name: "Requirements not met (1)" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("region", { name: "Participants" }).getByRole("row")).toHaveCount(2); // the header and Anna
  await expect(page.getByRole("row", { name: /Anna Ivanova/ })).toBeVisible();
  await page.getByRole("link", { name: "All (3)" }).click();
  await expect(page.getByRole("region", { name: "Participants" }).getByRole("row")).toHaveCount(4);
});

test("[CERTIFICATES][ADMIN]: downloads every certificate of the cohort as a ZIP, with progress; the export is audited", async ({
  browser,
  request,
}) => {
  const { cohort } = await cohortOfThree();
  await issueDue(request, cohort.id);
  const adminContext = await browser.newContext({ acceptDownloads: true });
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "zip-admin");
  await admin.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const [zip] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Download all 2 certificates as a ZIP" }).click(),
  ]);
  await expect(admin.getByRole("status").filter({ hasText: "Downloaded" })).toHaveText("Downloaded 2 certificates.");
  await expect(admin.getByRole("progressbar", { name: "Preparing the ZIP" })).toHaveAttribute("value", "2");
  const bytes = await readFile((await zip.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  expect(bytes.toString("latin1").match(/%PDF-/g)).toHaveLength(2);
  expect(await auditCount("certificate.exported", cohort.id)).toBe(1);
  await adminContext.close();
});

test("[CERTIFICATES][ADMIN]: without JavaScript, Issue starts the run in the background and the page shows it done on reloading; the ZIP is a link that downloads the file", async ({
  browser,
}) => {
  const { cohort } = await cohortOfThree();
  const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
  const page = await context.newPage();
  await signedInAdmin(page, "nojs-bulk-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  await page.getByRole("button", { name: "Issue the 2 certificates due" }).click();
  await expect(page.getByRole("status").first()).toHaveText(
    "Issuing the certificates due has started. It goes on in the background: reload this page to see how far it has got.",
  );
  // The queue's worker issues them; the page, reloaded, shows both.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: /Li Ming/ })).toContainText(codePrefixOf(cohort), { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("row", { name: /Maryam Rezaei/ })).toContainText(codePrefixOf(cohort));
  await expect(page.getByRole("button", { name: "Nobody is due a certificate" })).toBeDisabled();

  const [zip] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download all 2 certificates as a ZIP" }).click(),
  ]);
  const bytes = await readFile((await zip.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  expect(bytes.toString("latin1").match(/%PDF-/g)).toHaveLength(2);
  await context.close();
});

test("[CERTIFICATES][ADMIN]: Reissue is offered only once the name has changed, asks first, then replaces the certificate; the old one shows as replaced", async ({
  page,
  request,
}) => {
  const { cohort, people } = await cohortOfThree();
  await issueDue(request, cohort.id);
  await signedInAdmin(page, "reissuer");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const table = page.getByRole("region", { name: "Participants" });
  await expect(page.getByRole("row", { name: /Li Ming/ })).toContainText(codePrefixOf(cohort));
  // Nobody's name changed: nothing to reissue, in any words.
  await expect(table.getByText(/^Reissue/)).toHaveCount(0);
  await expect(table.getByText("Revoke…")).toHaveCount(2);

  await setCertificateName(people[1], "Li Ming (corrected)");
  await page.reload();
  const row = page.getByRole("row", { name: /Li Ming/ });
  await expect(row).toContainText("The profile name has changed since (printed: Li Ming)");
  await expect(table.getByText("Reissue with the current name…")).toHaveCount(1);
  await expect(
    page.getByRole("row", { name: /Maryam Rezaei/ }).getByText("Reissue with the current name…"),
  ).toHaveCount(0);
  const oldCode = (await row.locator(".font-mono").textContent())!.trim();
  await row.getByText("Reissue with the current name…").click();
  await expect(row).toContainText(
    `Certificate ${oldCode} will be revoked and shown as replaced, and a new one issued with the name Li Ming (corrected).`,
  );
  // Asked, not done: the certificate is still the one issued.
  await expect(page.getByRole("region", { name: "Revoked and replaced certificates" })).toHaveCount(0);
  await expectAccessible(page);
  await row.getByRole("button", { name: "Replace the certificate" }).click();
  await expect(page.getByRole("status").first()).toHaveText(
    "A corrected certificate was issued; the old one shows as replaced.",
  );
  await expect(page.getByRole("row", { name: /Li Ming \(corrected\)/ })).not.toContainText(oldCode);
  await expect(
    page.getByRole("row", { name: /Li Ming \(corrected\)/ }).getByText("Reissue with the current name…"),
  ).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Revoked and replaced certificates" })).toContainText(
    `${oldCode} · Li Ming`,
  );
  await page.goto(`/verify/${oldCode}`);
  await expect(page.getByRole("status")).toContainText("This certificate has been replaced");
});

const NARROW = 375;

/** Nothing wider than a 375 px screen: the document does not scroll sideways. */
async function expectFitsNarrowScreen(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(NARROW);
}

/** The element is shown, wholly between the left and right edges of a 375 px screen. */
async function expectAcrossNarrowScreen(locator: Locator) {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(NARROW);
}

test("[ADMIN][LAYOUT]: on a 375 px screen the cohort list links to the cohort, and the certificates and participants pages fit, each row's actions on the screen", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: NARROW, height: 800 });
  const { cohort, people } = await cohortOfThree();
  await issueDue(request, cohort.id);
  await setCertificateName(people[1], "Li Ming (corrected)");
  await signedInAdmin(page, "narrow-admin");

  await page.goto("/admin/cohorts");
  const open = page.getByRole("link", { name: cohort.name, exact: true });
  await expectAcrossNarrowScreen(open);
  await expectFitsNarrowScreen(page);
  await expectAccessible(page);
  await open.click();
  await expect(page.getByRole("heading", { level: 1, name: cohort.name })).toBeVisible();

  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const li = page.getByRole("row", { name: /Li Ming/ });
  await expect(li).toContainText(codePrefixOf(cohort));
  for (const action of [
    li.getByRole("link", { name: /^PDF/ }),
    li.getByText("Reissue with the current name…"),
    li.getByText("Revoke…"),
  ])
    await expectAcrossNarrowScreen(action);
  await expectAcrossNarrowScreen(page.getByRole("row", { name: /Maryam Rezaei/ }).getByText("Revoke…"));
  await expectFitsNarrowScreen(page);
  await expectAccessible(page);
  await li.getByText("Reissue with the current name…").click();
  await expectAcrossNarrowScreen(li.getByRole("button", { name: "Replace the certificate" }));
  // One confirmation at a time: asking to revoke closes the reissue's.
  await li.getByText("Revoke…").click();
  await expectAcrossNarrowScreen(li.getByLabel("Reason (shown on the public verification page)"));
  await expect(li.getByRole("button", { name: "Replace the certificate" })).toHaveCount(0);
  await expectFitsNarrowScreen(page);
  await expectAccessible(page);
  // Cancel changes nothing.
  await li.getByRole("link", { name: "Cancel" }).click();
  await expect(li.getByLabel("Reason (shown on the public verification page)")).toHaveCount(0);
  await expect(li).toContainText(codePrefixOf(cohort));

  await page.goto(`/admin/cohorts/${cohort.id}/participants`);
  const anna = page.getByRole("row", { name: /Anna Ivanova/ });
  await expectAcrossNarrowScreen(anna.getByText("Withdraw…"));
  await expectFitsNarrowScreen(page);
  await expectAccessible(page);
  // Withdrawing asks first, too.
  await anna.getByText("Withdraw…").click();
  await expect(anna).toContainText("Withdraw Anna Ivanova from the cohort?");
  const confirm = anna.getByRole("button", { name: "Withdraw from the cohort" });
  await expectAcrossNarrowScreen(confirm);
  await expectFitsNarrowScreen(page);
  await confirm.click();
  await expect(page.getByRole("status")).toHaveText("Withdrawn from the cohort.");
  await expect(page.getByRole("row", { name: /Anna Ivanova/ })).toContainText("Withdrawn");
});

test("[CERTIFICATES][ADMIN]: a gentler rule with automatic issuing on gives a certificate at once to whoever now meets it", async ({
  page,
}) => {
  const { cohort } = await cohortOfThree();
  await signedInAdmin(page, "gentle-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  await expect(page.getByRole("row", { name: /Anna Ivanova/ })).toContainText("Not issued");
  // Anna, who attended nothing, qualifies once no attendance is required.
  await page.getByLabel("Minimum attendance (%)").fill("0");
  await page.getByLabel(/Issue a certificate automatically/).check();
  await page.getByRole("button", { name: "Save the rule" }).click();
  // The page says the certificates come in the background, since they may not be there yet.
  await expect(page.getByRole("status").first()).toHaveText(AUTO_RULE_SAVED);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: /Anna Ivanova/ })).toContainText(codePrefixOf(cohort), {
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });
});

test("[CERTIFICATES][LIMIT]: the public look-up is limited per client: 60 a minute, then 429 with Retry-After; others are not affected", async ({
  request,
}) => {
  const client = { "X-Forwarded-For": `203.0.113.${Math.floor(Math.random() * 250) + 1}` };
  // All at once, so that the 62 fall within the limit's one-minute window even on a busy machine.
  const statuses = await Promise.all(
    Array.from({ length: 62 }, async () =>
      (await request.get("/verify/ECOSF-26-0000-0000", { headers: client, maxRedirects: 0 })).status(),
    ),
  );
  // No certificate has that code: 404.
  expect(statuses.filter((s) => s === 404)).toHaveLength(60);
  expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  const limited = await request.get("/verify/ECOSF-26-0000-0000", { headers: client });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await limited.text()).toContain("Too many certificate look-ups");
  expect(
    (await request.get("/verify/ECOSF-26-0000-0000", { headers: { "X-Forwarded-For": "198.51.100.9" } })).status(),
  ).toBe(404);
  // A malformed address is a clear 400, never a server error (on any page).
  for (const path of ["/verify/%E0%A4%A", "/lectures/%E0%A4%A"])
    expect((await request.get(path, { headers: { "X-Forwarded-For": "198.51.100.10" } })).status()).toBe(400);
});

test("[CERTIFICATES][CLAIM] @clock: a participant who meets the rule but was not issued one yet gets it from the dashboard", async ({
  page,
}) => {
  const { cohort, session } = await cohortWithHeldSession();
  const email = uniqueEmail("claimer");
  await signInAs(
    page,
    await addPerson(email, { name: "Nodira Yusupova", country: "UZ", organisation: "TSUE", position: "Analyst" }),
  );
  await enrol(email, cohort.id);
  // Marked and ruled directly in the database: nothing ran the automatic issuing.
  await markPresent(session, email);
  await page.goto("/dashboard");
  const panel = panelOf(page, cohort);
  await expect(panel).toContainText("You have met every requirement for the certificate.");
  await expectAccessible(page);
  await panel.getByRole("button", { name: "Get my certificate now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "issued" })).toHaveText("Your certificate has been issued.");
  await expect(panel).toContainText("Your certificate was issued on");
  await expect(panel.getByRole("button", { name: "Get my certificate now" })).toHaveCount(0);
});

test("[CERTIFICATES][PAGES]: a cohort of 51 is shown 50 at a time, on the certificates and participants tabs", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Large cohort") });
  await addParticipants(cohort.id, 51, `big${randomBytes(3).toString("hex")}`);
  await signedInAdmin(page, "pages-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const people = page.getByRole("region", { name: "Participants" });
  await expect(people.getByRole("row")).toHaveCount(51); // header + 50
  const pages = page.getByRole("navigation", { name: "Pages of participants" });
  await expect(pages).toContainText("Page 1 of 2");
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(pages).toContainText("Page 2 of 2");
  await expect(people.getByRole("row")).toHaveCount(2);
  await expect(people.getByRole("row", { name: /Person 0051/ })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/admin/cohorts/${cohort.id}/participants`);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
});
