import { expect, test } from "@playwright/test";
import {
  addSession,
  certificatesOf,
  createCohort,
  enrol,
  markPresent,
  requestExcuse,
  setCertificateRule,
  uniqueName,
} from "./db";
import { issueDue, signedInAdmin, signedInPerson } from "./people";
import { expectAccessible } from "./support";
import { after, DAY, fromNow, HOUR, MINUTE } from "./time";

test("[ADMIN][PEOPLE]: erases a participant at their request: gone from every page and export, the certificate says why", async ({
  browser,
  page,
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Erasure cohort") });
  const heldAt = fromNow(-DAY);
  const held = await addSession(cohort.id, "nhz-policy-framework", heldAt, after(heldAt, 90 * MINUTE));
  const next = await addSession(cohort.id, "nhz-policy-framework", fromNow(2 * DAY), fromNow(2 * DAY + HOUR));
  await setCertificateRule(cohort.id, { minAttendancePercent: 50, requiredQuizzes: [], autoIssue: true });
  const name = uniqueName("Leyla Erasova");
  const holderContext = await browser.newContext();
  const holderPage = await holderContext.newPage();
  const { email, userId } = await signedInPerson(holderPage, "erasable", {
    name,
    country: "AZ",
    organisation: "Baku Policy Institute",
  });
  await enrol(email, cohort.id);
  await markPresent(held, email);
  await requestExcuse(next, email, `${name} has a conference`);
  await issueDue(request, cohort.id);
  const [certificate] = await certificatesOf(userId, cohort.id);
  expect(certificate).toBeDefined();
  await holderPage.goto("/dashboard");
  await expect(holderPage.getByRole("heading", { level: 1 })).toBeVisible();

  const admin = await signedInAdmin(page, "eraser");
  await page.goto(`/admin/cohorts/${cohort.id}/participants`);
  await expect(page.getByRole("main")).toContainText(name);
  await page.goto(`/admin/people?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: email }).click();
  const section = page.getByRole("region", { name: "Erase this person" });
  await expect(section).toContainText("attendance and quiz results stay, anonymously");
  await expectAccessible(page);

  // A wrong address erases nothing.
  await section.getByLabel("Type the person's e-mail address to confirm").fill("someone-else@example.org");
  await section.getByRole("button", { name: "Erase this person" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "The address you typed is not this person's. Nothing was erased.",
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(email);

  await section.getByLabel("Type the person's e-mail address to confirm").fill(email.toUpperCase());
  await section.getByRole("button", { name: "Erase this person" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Erased person");
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "The person was erased. 1 certificate was revoked.",
  );
  await expectAccessible(page);

  // Gone from every page an admin opens, and from every export.
  const pages = [
    "/admin/people",
    `/admin/people?q=${encodeURIComponent(name)}`,
    `/admin/cohorts/${cohort.id}/participants`,
    `/admin/cohorts/${cohort.id}/attendance`,
    `/admin/cohorts/${cohort.id}/sessions/${held}/attendance`,
    `/admin/cohorts/${cohort.id}/certificates`,
    `/admin/cohorts/${cohort.id}/inbox`,
    `/admin/cohorts/${cohort.id}/quizzes`,
    "/admin/outbox",
    "/admin/audit",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const text = (await page.locator("body").innerText()).toLowerCase();
    for (const trace of [email, name.toLowerCase(), "baku policy institute", "has a conference"])
      expect(text, `${trace} on ${path}`).not.toContain(trace);
  }
  await page.goto("/admin/audit");
  await expect(page.getByText("Erased a person at their request")).toBeVisible();
  await expectAccessible(page);
  for (const path of [
    `/api/admin/cohorts/${cohort.id}/participants.csv`,
    `/api/admin/cohorts/${cohort.id}/attendance.csv`,
    "/api/admin/audit.csv",
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const text = (await response.text()).toLowerCase();
    for (const trace of [email, name.toLowerCase(), "baku policy institute"])
      expect(text, `${trace} in ${path}`).not.toContain(trace);
  }
  // Their attendance still counts: the cohort's attendance export keeps a present mark.
  const attendance = await (await page.request.get(`/api/admin/cohorts/${cohort.id}/attendance.csv`)).text();
  expect(attendance.toLowerCase()).toContain("erased-");

  // The certificate says it was revoked and why, without the name; its files are gone.
  await page.goto(`/verify/${certificate!.code}`);
  await expect(page.getByRole("status")).toContainText("This certificate has been revoked");
  await expect(page.getByRole("status")).toContainText("erased at the holder's request");
  await expect(page.getByText("Withheld: the holder's personal data was erased at their request")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(name);
  await expect(page.getByText("signed digital credential")).toHaveCount(0);
  await expectAccessible(page);
  for (const kind of ["pdf", "credential"]) {
    const response = await page.request.get(`/api/certificates/${certificate!.id}/${kind}`);
    expect(response.status(), kind).toBe(410);
  }

  // Their browser is signed out.
  await holderPage.goto("/dashboard");
  await expect(holderPage).toHaveURL(/\/sign-in/);
  await holderContext.close();

  // An admin's own page offers no erasure of themselves.
  await page.goto(`/admin/people/${admin.userId}`);
  await expect(page.getByRole("region", { name: "Erase this person" })).toContainText(
    "This is you: another administrator would have to erase your account.",
  );
  await expect(page.getByRole("button", { name: "Erase this person" })).toHaveCount(0);
});
