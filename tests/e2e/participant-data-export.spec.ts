import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { auditCount, createCohort, enrol, uniqueName } from "./db";
import { signedInPerson } from "./people";
import { expectAccessible } from "./support";

test("[PARTICIPANT][DATA]: downloads their data from the account page as one JSON file, without their session token", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Data cohort") });
  const { email, userId } = await signedInPerson(page, "portable", { name: "Nasrin Akter", country: "BD" });
  await enrol(email, cohort.id);

  await page.goto("/account");
  const section = page.getByRole("region", { name: "Your data" });
  await expect(section.getByRole("heading", { level: 2, name: "Your data" })).toBeVisible();
  await expect(section).toContainText("everything the platform holds about you");
  await expectAccessible(page);

  const downloading = page.waitForEvent("download");
  await section.getByRole("link", { name: "Download your data (JSON)" }).click();
  const download = await downloading;
  const text = await readFile(await download.path(), "utf8");
  const data = JSON.parse(text) as {
    format: string;
    version: number;
    exportedAt: string;
    user: { id: string; email: string; name: string };
    enrolments: { cohort: { name: string; slug: string }; status: string }[];
  };
  expect(download.suggestedFilename()).toBe(`my-data-${data.exportedAt.slice(0, 10)}.json`);
  expect(data).toMatchObject({
    format: "sti-lms-personal-data",
    version: 1,
    user: { id: userId, email, name: "Nasrin Akter" },
  });
  expect(data.enrolments).toEqual([expect.objectContaining({ cohort: { name: cohort.name, slug: cohort.id } })]);
  const token = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")?.value;
  expect(token).toBeTruthy();
  expect(text).not.toContain(token!);
  expect(await auditCount("account.data_exported", userId)).toBe(1);

  const again = await page.request.get("/api/account/data");
  expect(again.status()).toBe(200);
  expect(again.headers()).toMatchObject({
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  expect(again.headers()["content-disposition"]).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
});

test("[PARTICIPANT][DATA]: the data download answers 401 to someone signed out", async ({ request }) => {
  const response = await request.get("/api/account/data");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: "sign-in-required" });
});
