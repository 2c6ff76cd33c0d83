import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import {
  addParticipant,
  addParticipants,
  addSession,
  adminSignInPath,
  auditCount,
  createCohort,
  enrol,
  markPresent,
  setCertificateName,
  setCertificateRule,
  uniqueEmail,
} from "./db";
import { signUpParticipant } from "./people";
import { expectAccessible } from "./support";

/** The cohort's rule: attend the one session, no quiz required, issue automatically. */
async function setRule(admin: Page, cohortId: string) {
  await admin.goto(`/admin/cohorts/${cohortId}/certificates`);
  await expect(admin.getByRole("heading", { level: 2, name: "Certificate rule" })).toBeVisible();
  await admin.getByLabel("Minimum attendance (%)").fill("100");
  for (const box of await admin.getByRole("group", { name: "Quizzes that must be passed" }).getByRole("checkbox").all())
    await box.uncheck();
  await admin.getByRole("button", { name: "Save the rule" }).click();
  await expect(admin.getByRole("status")).toHaveText("The certificate rule was saved.");
  await expect(admin.getByLabel("Minimum attendance (%)")).toHaveValue("100");
  await expect(
    admin.getByRole("group", { name: "Quizzes that must be passed" }).getByRole("checkbox", { checked: true }),
  ).toHaveCount(0);
}

test("[CERTIFICATES]: a participant earns the certificate, downloads it, and anyone verifies it; the admin revokes it", async ({
  page,
  browser,
  request,
}) => {
  const name = `Certificate cohort ${Date.now()}`;
  const cohort = await createCohort({ name });
  const session = await addSession(cohort.id, "nhz-policy-framework", "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z"); // held
  const email = uniqueEmail("graduate");
  await signUpParticipant(page, email, {
    name: "Zoë Ćirić",
    country: "Serbia",
    organisation: "University of Belgrade",
    position: "Researcher",
  });
  await enrol(email, cohort.id);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(await adminSignInPath(uniqueEmail("cert-admin"), `/admin/cohorts/${cohort.id}/certificates`));
  await setRule(admin, cohort.id);
  await expectAccessible(admin);

  // Not there yet: the dashboard says exactly what is missing, and how to make it up.
  await page.reload();
  const panel = page.getByRole("region", { name }).getByRole("region", { name: "Certificate" });
  await expect(panel).toContainText("attend enough live sessions: you have 0 of the 1 needed.");
  await expect(panel.getByRole("link", { name: /^Ask to be excused for / })).toBeVisible();
  await expectAccessible(page);

  // The admin marks the session; the certificate is issued automatically.
  await admin.goto(`/admin/cohorts/${cohort.id}/sessions/${session}/attendance`);
  await admin.getByRole("button", { name: "Save, and mark everyone not marked as present" }).click();
  await expect(admin.getByRole("status")).toHaveText("One mark saved.");
  await expect(async () => {
    await page.reload();
    await expect(panel).toContainText("Your certificate was issued on", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const code = (await panel.locator(".font-mono").textContent())!.trim();
  expect(code).toMatch(/^ECOSF-26-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectAccessible(page);
  const linkedIn = new URL((await panel.getByRole("link", { name: /Add to LinkedIn profile/ }).getAttribute("href"))!);
  expect(linkedIn.hostname).toBe("www.linkedin.com");
  expect(linkedIn.searchParams.get("certId")).toBe(code);
  expect(linkedIn.searchParams.get("certUrl")).toMatch(new RegExp(`/verify/${code}$`));

  // The PDF and the signed credential, downloaded as a person would.
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: "Download the certificate (PDF)" }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`${code}-Zoe-Ciric.pdf`);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: /signed digital credential/ }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(`${code}.jwt`);
  const jwt = (await readFile((await file.path())!, "utf8")).trim();
  const check = async (body: string) =>
    (await (
      await request.post("/api/credentials/verify", { data: body, headers: { "Content-Type": "text/plain" } })
    ).json()) as Record<string, unknown>;
  // objectContaining, so that a failure prints the whole answer, its reason included.
  expect(await check(jwt)).toEqual(expect.objectContaining({ valid: true, revoked: false, statusChecked: true }));
  const [head, payload, signature] = jwt.split(".");
  const forged = Buffer.from(payload!, "base64url").toString().replace("Zoë Ćirić", "Zoë Ćirič");
  expect(await check(`${head}.${Buffer.from(forged).toString("base64url")}.${signature}`)).toMatchObject({
    valid: false,
  });
  expect(
    (
      await request.post("/api/credentials/verify", {
        data: Buffer.from("{not json"),
        headers: { "Content-Type": "application/json" },
      })
    ).status(),
  ).toBe(400);

  // Anyone can check the code, typed loosely; the page shows nothing personal beyond the name.
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

  // Nobody else can download it.
  const certificateId = new URL(
    (await panel.getByRole("link", { name: "Download the certificate (PDF)" }).getAttribute("href"))!,
    page.url(),
  ).pathname.split("/")[3];
  expect((await visitor.request.get(`/api/certificates/${certificateId}/pdf`)).status()).toBe(401);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUpParticipant(other, uniqueEmail("other"), {
    name: "Ali Rezaei",
    country: "Iran",
    organisation: "IROST",
    position: "Analyst",
  });
  for (const what of ["pdf", "credential"])
    expect((await other.request.get(`/api/certificates/${certificateId}/${what}`)).status()).toBe(404);
  expect((await other.request.get(`/api/admin/cohorts/${cohort.id}/certificates.zip`)).status()).toBe(404);
  expect(
    (
      await other.request.post(`/api/admin/cohorts/${cohort.id}/certificates/issue`, {
        headers: { Origin: new URL(page.url()).origin },
      })
    ).status(),
  ).toBe(404);
  expect((await other.goto(`/admin/cohorts/${cohort.id}/certificates`))?.status()).toBe(404);
  await expect(other.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
  await otherContext.close();

  // The admin revokes it with a reason: the public page and the credential say so.
  await admin.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const row = admin.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText(code);
  await row.getByText("Revoke…").click();
  await row.getByLabel("Reason (shown on the public verification page)").fill("Issued in error");
  await row.getByRole("button", { name: "Revoke the certificate" }).click();
  await expect(admin.getByRole("status").first()).toHaveText("The certificate was revoked.");
  await expect(admin.getByRole("region", { name: "Revoked and replaced certificates" })).toContainText(
    `${code} · Zoë Ćirić`,
  );
  const [stamped] = await Promise.all([
    admin.waitForEvent("download"),
    admin
      .getByRole("region", { name: "Revoked and replaced certificates" })
      .getByRole("link", { name: `PDF (stamped revoked) ${code}` })
      .click(),
  ]);
  expect((await readFile((await stamped.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
  expect(execFileSync("pdftotext", [(await stamped.path())!, "-"], { encoding: "utf8" })).toContain("REVOKED");
  await visitor.goto(`/verify/${code}`);
  await expect(visitor.getByRole("status")).toContainText("This certificate has been revoked");
  await expect(visitor.getByRole("status")).toContainText("Reason: Issued in error");
  expect(await check(jwt)).toEqual(expect.objectContaining({ valid: true, revoked: true, statusChecked: true }));
  await publicContext.close();
  await adminContext.close();
});

test("[CERTIFICATES][ADMIN]: issues in bulk with progress, downloads the ZIP with progress, and reissues after a name correction", async ({
  browser,
}) => {
  const cohort = await createCohort({ name: `Bulk certificates ${Date.now()}` });
  const session = await addSession(cohort.id, "nhz-policy-framework", "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z");
  const people = [uniqueEmail("bulk-a"), uniqueEmail("bulk-b"), uniqueEmail("bulk-c")];
  await addParticipant(cohort.id, people[0]!, "Maryam Rezaei");
  await addParticipant(cohort.id, people[1]!, "Li Ming");
  await addParticipant(cohort.id, people[2]!, "Anna Ivanova");
  const adminContext = await browser.newContext({ acceptDownloads: true });
  const admin = await adminContext.newPage();
  await admin.goto(await adminSignInPath(uniqueEmail("bulk-admin"), `/admin/cohorts/${cohort.id}/certificates`));
  await setRule(admin, cohort.id);
  // Automatic issuing off, so the bulk button has work to do.
  await admin.getByLabel(/Issue a certificate automatically/).uncheck();
  await admin.getByRole("button", { name: "Save the rule" }).click();
  await expect(admin.getByLabel(/Issue a certificate automatically/)).not.toBeChecked();
  await markPresent(session, people[0]!);
  await markPresent(session, people[1]!);
  await admin.reload();
  await expect(admin.getByRole("row", { name: /Anna Ivanova/ })).toContainText("attended 0 of 1 sessions needed");

  await admin.getByRole("button", { name: "Issue the 2 certificates due" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Done:" })).toHaveText("Done: 2 issued.");
  await expect(admin.getByRole("progressbar", { name: "Issuing certificates" })).toHaveAttribute("value", "2");
  await expect(admin.getByRole("row", { name: /Maryam Rezaei/ })).toContainText(/ECOSF-26-/);
  await expect(admin.getByRole("button", { name: "Nobody is due a certificate" })).toBeDisabled();
  await expectAccessible(admin);
  await admin
    .getByRole("navigation", { name: "Show participants" })
    .getByRole("link", { name: "Requirements not met (1)" })
    .click();
  await expect(admin.getByRole("link", { name: "Requirements not met (1)" })).toHaveAttribute("aria-current", "page");
  await expect(admin.getByRole("region", { name: "Participants" }).getByRole("row")).toHaveCount(2); // the header and Anna
  await expect(admin.getByRole("row", { name: /Anna Ivanova/ })).toBeVisible();
  await admin.getByRole("link", { name: "All (3)" }).click();
  await expect(admin.getByRole("region", { name: "Participants" }).getByRole("row")).toHaveCount(4);

  const [zip] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("button", { name: "Download all 2 certificates as a ZIP" }).click(),
  ]);
  await expect(admin.getByRole("status").filter({ hasText: "Downloaded" })).toHaveText("Downloaded 2 certificates.");
  await expect(admin.getByRole("progressbar", { name: "Preparing the ZIP" })).toHaveAttribute("value", "2");
  const bytes = await readFile((await zip.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  expect(bytes.toString("latin1").match(/%PDF-/g)).toHaveLength(2);
  expect(await auditCount("certificate.exported", cohort.id)).toBe(1);

  await setCertificateName(people[1]!, "Li Ming (corrected)");
  await admin.reload();
  const row = admin.getByRole("row", { name: /Li Ming/ });
  await expect(row).toContainText("The profile name has changed since (printed: Li Ming)");
  const oldCode = (await row.locator(".font-mono").textContent())!.trim();
  await row.getByRole("button", { name: /Reissue with the current name/ }).click();
  await expect(admin.getByRole("status").first()).toHaveText(
    "A corrected certificate was issued; the old one shows as replaced.",
  );
  await expect(admin.getByRole("row", { name: /Li Ming \(corrected\)/ })).not.toContainText(oldCode);
  await expect(admin.getByRole("region", { name: "Revoked and replaced certificates" })).toContainText(
    `${oldCode} · Li Ming`,
  );

  // A gentler rule with automatic issuing on: Anna, who attended nothing, now qualifies and gets hers at once.
  await admin.getByLabel("Minimum attendance (%)").fill("0");
  await admin.getByLabel(/Issue a certificate automatically/).check();
  await admin.getByRole("button", { name: "Save the rule" }).click();
  await expect(admin.getByRole("status").first()).toHaveText("The certificate rule was saved.");
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByRole("row", { name: /Anna Ivanova/ })).toContainText(/ECOSF-26-/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  await admin.goto(`/verify/${oldCode}`);
  await expect(admin.getByRole("status")).toContainText("This certificate has been replaced");
  await adminContext.close();
});

test("[CERTIFICATES][LIMIT]: the public look-up is limited per client: 60 a minute, then 429 with Retry-After; others are not affected", async ({
  request,
}) => {
  const client = { "X-Forwarded-For": `203.0.113.${Math.floor(Math.random() * 250) + 1}` };
  const statuses: number[] = [];
  for (let i = 0; i < 62; i++)
    statuses.push((await request.get("/verify/ECOSF-26-0000-0000", { headers: client, maxRedirects: 0 })).status());
  expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
  expect(statuses.slice(60)).toEqual([429, 429]);
  const limited = await request.get("/verify/ECOSF-26-0000-0000", { headers: client });
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await limited.text()).toContain("Too many certificate look-ups");
  expect(
    (await request.get("/verify/ECOSF-26-0000-0000", { headers: { "X-Forwarded-For": "198.51.100.9" } })).status(),
  ).toBe(200);
  // A malformed address is a clear 400, never a server error (on any page).
  for (const path of ["/verify/%E0%A4%A", "/lectures/%E0%A4%A"])
    expect((await request.get(path, { headers: { "X-Forwarded-For": "198.51.100.10" } })).status()).toBe(400);
});

test("[CERTIFICATES][CLAIM]: a participant who meets the rule but was not issued one yet gets it from the dashboard", async ({
  page,
}) => {
  const name = `Claim cohort ${Date.now()}`;
  const cohort = await createCohort({ name });
  const session = await addSession(cohort.id, "nhz-policy-framework", "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z");
  const email = uniqueEmail("claimer");
  await signUpParticipant(page, email, {
    name: "Nodira Yusupova",
    country: "Uzbekistan",
    organisation: "TSUE",
    position: "Analyst",
  });
  await enrol(email, cohort.id);
  // Marked and ruled directly in the database: nothing ran the automatic issuing.
  await setCertificateRule(cohort.id, { minAttendancePercent: 100, requiredQuizzes: [], autoIssue: true });
  await markPresent(session, email);
  await page.reload();
  const panel = page.getByRole("region", { name }).getByRole("region", { name: "Certificate" });
  await expect(panel).toContainText("You have met every requirement for the certificate.");
  await expectAccessible(page);
  await panel.getByRole("button", { name: "Get my certificate now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "issued" })).toHaveText("Your certificate has been issued.");
  await expect(panel).toContainText("Your certificate was issued on");
  await expect(panel.getByRole("button", { name: "Get my certificate now" })).toHaveCount(0);
});

test("[CERTIFICATES][PAGES]: a cohort of 101 is shown 100 at a time, on the certificates and participants tabs", async ({
  page,
}) => {
  const cohort = await createCohort({ name: `Large cohort ${Date.now()}` });
  await addParticipants(cohort.id, 101, `big${Date.now().toString(36)}`);
  await page.goto(await adminSignInPath(uniqueEmail("pages-admin"), `/admin/cohorts/${cohort.id}/certificates`));
  const people = page.getByRole("region", { name: "Participants" });
  await expect(people.getByRole("row")).toHaveCount(101); // header + 100
  const pages = page.getByRole("navigation", { name: "Pages of participants" });
  await expect(pages).toContainText("Page 1 of 2");
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(pages).toContainText("Page 2 of 2");
  await expect(people.getByRole("row")).toHaveCount(2);
  await expect(people.getByRole("row", { name: /Person 0101/ })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/admin/cohorts/${cohort.id}/participants`);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
});
