import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { addAuditEvents, addPerson, createCohort, uniqueEmail, uniqueName } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";
import { fromNow, MINUTE } from "./time";

const entries = (page: import("@playwright/test").Page) =>
  page.getByRole("table").first().locator(":scope > tbody > tr");

test("[ADMIN][AUDIT]: the log shows people and cohorts by name, with a sentence and the changed fields, and filters by person and by action", async ({
  page,
}) => {
  const admin = await signedInAdmin(page, "audit-reader");
  const surname = uniqueName("Çelik").replace(" ", "");
  const omerEmail = uniqueEmail("omer");
  const omer = await addPerson(omerEmail, { name: `Ömer ${surname}`, country: "TR" });
  const cohort = await createCohort({ name: uniqueName("Audit cohort") });
  const at = fromNow(-5 * MINUTE);
  await addAuditEvents([
    {
      action: "user.role_changed",
      actorId: admin.userId,
      subject: omerEmail,
      entity: "user",
      entityId: omer,
      before: { role: "PARTICIPANT" },
      after: { role: "ADMIN" },
      at,
    },
    {
      action: "enrolment.create",
      actorId: omer,
      entity: "cohort",
      entityId: cohort.id,
      cohortId: cohort.id,
      after: { status: "ACTIVE", cohortId: cohort.id },
      at: new Date(at.getTime() + 1000),
    },
    { action: "auth.sign_in", actorId: admin.userId, at: new Date(at.getTime() + 2000) },
  ]);

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByLabel("Person (name or e-mail)").fill(surname);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`person=${encodeURIComponent(surname)}`));
  await expect(page.getByRole("status")).toHaveText("2 matching events, newest first.");
  const rows = entries(page);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(`Ömer ${surname}`);
  await expect(rows.nth(0)).toContainText(`Enrolment of ${cohort.name} (ACTIVE)`);
  await expect(rows.nth(0).getByRole("link", { name: `Ömer ${surname}` })).toHaveAttribute(
    "href",
    `/admin/people/${omer}`,
  );
  await expect(rows.nth(1)).toContainText(`Changed the role of Ömer ${surname} (${omerEmail}) to ADMIN`);
  await expect(rows.nth(1).getByRole("link", { name: admin.email })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(omer);
  await expect(page.getByRole("main")).not.toContainText(cohort.id);
  await expect(rows.nth(1).locator("time")).toHaveAttribute("datetime", at.toISOString());
  await rows.nth(1).getByText("1 field changed").click();
  const change = rows.nth(1).locator('[data-change="role"]');
  await expect(change).toContainText("Before: PARTICIPANT");
  await expect(change).toContainText("After: ADMIN");
  await expectAccessible(page);

  await page.getByLabel("Action").selectOption("user.role_changed");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toHaveText("1 matching event, newest first.");
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText("Changed the role of");
  await expectAccessible(page);

  // The cohort's own page leads to its part of the log.
  await page.goto(`/admin/cohorts/${cohort.id}`);
  await page.getByRole("link", { name: "Audit log of this cohort" }).click();
  await expect(page.getByLabel("Cohort", { exact: true })).toHaveValue(cohort.id);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(`Enrolment of ${cohort.name}`);
  await expectAccessible(page);
});

test("[ADMIN][AUDIT]: pages past 200 entries to older ones and back, and downloads every matching entry as CSV", async ({
  page,
}) => {
  await signedInAdmin(page, "audit-pager");
  const email = uniqueEmail("paged");
  const newest = fromNow(-MINUTE);
  // 230 failed sign-ins for one address, a second apart, the newest a minute ago.
  await addAuditEvents(
    Array.from({ length: 230 }, (_, i) => ({
      action: "auth.sign_in_failed",
      subject: email,
      after: { attempt: i },
      at: new Date(newest.getTime() - i * 1000),
    })),
  );
  await page.goto(`/admin/audit?${new URLSearchParams({ person: email, size: "100" })}`);
  await expect(page.getByRole("status")).toHaveText("230 matching events, newest first.");
  const rows = entries(page);
  await expect(rows).toHaveCount(100);
  await expect(rows.nth(0).locator("time")).toHaveAttribute("datetime", newest.toISOString());
  await expect(page.getByRole("link", { name: "Newer events" })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Older events" }).click();
  await expect(rows).toHaveCount(100);
  await expect(rows.nth(0).locator("time")).toHaveAttribute(
    "datetime",
    new Date(newest.getTime() - 100_000).toISOString(),
  );
  await page.getByRole("link", { name: "Older events" }).click();
  await expect(rows).toHaveCount(30);
  await expect(rows.nth(29).locator("time")).toHaveAttribute(
    "datetime",
    new Date(newest.getTime() - 229_000).toISOString(),
  );
  await expect(page.getByRole("link", { name: "Older events" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Newer events" }).click();
  await expect(rows).toHaveCount(100);
  await expect(rows.nth(0).locator("time")).toHaveAttribute(
    "datetime",
    new Date(newest.getTime() - 100_000).toISOString(),
  );

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the matching events (CSV)" }).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of file) chunks.push(c as Buffer);
  const csv = Buffer.concat(chunks).toString("utf8");
  expect(csv.startsWith("\uFEFFWhen (UTC),Who,Who (e-mail),Action,What,On what,Cohort,From,Before,After\r\n")).toBe(
    true,
  );
  const lines = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
  expect(lines).toHaveLength(231);
  expect(lines[1]).toEqual([
    newest.toISOString(),
    email,
    "",
    "auth.sign_in_failed",
    `A sign-in failed for ${email}`,
    "",
    "",
    "",
    "",
    '{"attempt":0}',
  ]);
  expect(lines[230]![0]).toBe(new Date(newest.getTime() - 229_000).toISOString());

  const bad = await page.request.get("/api/admin/audit.csv?from=yesterday");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: "invalid-filter", fields: ["from"] });
});
