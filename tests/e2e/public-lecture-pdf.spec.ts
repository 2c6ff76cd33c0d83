import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test("[PUBLIC][LECTURES]: each lecture page offers its reading as a small printable PDF, cached for good per content version", async ({
  page,
}) => {
  await page.goto("/lectures/pakistan-sti-policy");
  const title = await page.getByRole("heading", { level: 1 }).innerText();
  const link = page.getByRole("link", { name: "Download this reading as a PDF" });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/lectures\/pakistan-sti-policy\/pdf\?v=[\w-]{16}$/);
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await link.click();
  expect((await download).suggestedFilename()).toBe("lecture-3-pakistan-sti-policy.pdf");

  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  const body = await response.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  expect(body.length).toBeLessThan(150_000);

  const dir = mkdtempSync(path.join(tmpdir(), "reading-"));
  try {
    writeFileSync(path.join(dir, "reading.pdf"), body);
    const text = execFileSync("pdftotext", [path.join(dir, "reading.pdf"), "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      " ",
    );
    expect(text).toContain(title.replace(/\s+/g, " "));
    expect(text).toMatch(/Speaker: \S/);
    expect(text).toContain("Lessons for other countries");
    expect(text).toContain("Page 1 of ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The browser's copy stays valid; an old or missing version is sent to the current one.
  const etag = response.headers()["etag"]!;
  expect((await page.request.get(href, { headers: { "If-None-Match": etag } })).status()).toBe(304);
  const stale = await page.request.get("/api/lectures/pakistan-sti-policy/pdf?v=old", { maxRedirects: 0 });
  expect(stale.status()).toBe(307);
  expect(stale.headers()["location"]).toBe(href);
  expect((await page.request.get("/api/lectures/no-such-lecture/pdf")).status()).toBe(404);
});
