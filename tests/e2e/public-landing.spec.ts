import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll } from "./support";

test("[PUBLIC][LANDING]: presents the programme, its organisers, objectives, five lectures and the open demo cohort", async ({
  page,
}) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("4th BTBU-ECOSF Joint Training Program");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    /STI\) Policy and Tools for Sustainable Development in the Belt and Road Countries/,
  );
  const facts = page.getByRole("region", { name: /Science, Technology and Innovation/ }).getByRole("definition");
  const date = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date("2021-12-15T00:00:00Z"),
  );
  await expect(facts).toHaveText([
    date,
    "Online, live over Zoom",
    "100+ from 20 countries",
    "Engr. Khalil Raza, Scientific Officer, ECOSF",
  ]);

  const organisers = page.getByRole("region", { name: "Who organised it" });
  for (const name of [
    "Beijing Technology and Business University",
    "Economic Cooperation Organization Science Foundation",
    "China Association for Science and Technology",
  ]) {
    await expect(organisers.getByText(name)).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "What you will learn" }).getByRole("listitem")).toHaveCount(4);

  // Who runs the programme, and who opened and closed the day.
  const about = page.getByRole("region", { name: "About the programme" });
  await expect(about.getByRole("heading", { level: 3 })).toHaveText([
    "The BTBU-ECOSF Joint Training Center",
    "ECO and ECOSF",
    "Why STI policy",
  ]);
  await expect(about).toContainText("September 2020");
  await expect(about).toContainText("Afghanistan, Azerbaijan, Iran, Kazakhstan");
  const remarks = page.getByRole("region", { name: "Opening and closing remarks" }).getByRole("listitem");
  await expect(remarks.nth(0)).toContainText("Welcome remarks");
  await expect(remarks.nth(0)).toContainText("Prof. Dr. Manzoor Hussain Soomro");
  await expect(remarks.nth(1)).toContainText("Closing remarks");
  await expect(remarks.nth(1)).toContainText("Prof. Dr. Dandan Xu");

  const lectures = page.getByRole("region", { name: "The five lectures" }).getByRole("article");
  await expect(lectures).toHaveCount(5);
  await expect(lectures.nth(0)).toContainText("Dr. Bi Liangliang");
  await expect(lectures.nth(0)).toContainText("China");
  await expect(lectures.nth(2)).toContainText("Pakistan");
  await expect(lectures.nth(3)).toContainText("Iran");

  const cohorts = page.getByRole("region", { name: "Open cohorts" });
  await expect(cohorts.getByRole("heading", { name: "4th Training Program, December 2021" })).toBeVisible();
  await expect(cohorts).toContainText("Open enrolment");

  await expectAccessible(page);
});

test("[PUBLIC][LANDING]: a lecture card leads to its page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /Read lecture 2:/ }).click();
  await expect(page).toHaveURL(/\/lectures\/china-st-system-reform$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("China's S&T System Reform: the latest");
});

test("[PUBLIC][LANDING]: the skip link takes keyboard users to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("[PUBLIC][LANDING]: fits a phone screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("[PUBLIC][HEALTH]: reports the database up and migrated", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "up", migrations: { pending: [] } });
});

test("[PUBLIC][SITE]: sends security headers and lists every lecture in the sitemap", async ({ request }) => {
  const page = await request.get("/lectures");
  expect(page.headers()["x-content-type-options"]).toBe("nosniff");
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  expect(page.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  expect(xml.match(/<loc>[^<]*\/lectures\/[a-z0-9-]+<\/loc>/g)).toHaveLength(5);
  expect((await request.get("/robots.txt")).status()).toBe(200);
});
