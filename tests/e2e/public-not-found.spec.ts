import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

for (const url of ["/lectures/no-such-lecture", "/no/such/page"]) {
  test(`[PUBLIC][404]: ${url} answers 404 with the app's own page`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
    await expect(page).toHaveTitle(/Page not found/);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "See all lectures" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Lectures" })).toBeVisible();
  });
}
