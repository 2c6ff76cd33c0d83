import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { expectAccessible, expectNoHorizontalScroll } from "./support";

// What the pages must show, read straight from content/ (not through the app's loader).
const CONTENT = path.resolve(import.meta.dirname, "../../content/lectures");
const LECTURES = [
  "01-nhz-policy-framework",
  "02-china-st-system-reform",
  "03-pakistan-sti-policy",
  "04-iran-sti-science-parks",
  "05-sialkot-technology-park",
].map((folder) => {
  const source = readFileSync(path.join(CONTENT, folder, "lecture.md"), "utf8");
  const meta = parse(source.split(/^---$/m)[1]!) as {
    title: string;
    speaker: { name: string };
    objectives: string[];
    keyFigures: { label: string; value: string }[];
    glossary: { term: string; definition: string }[];
    takeaways: string[];
    furtherReading?: { title: string; url?: string }[];
  };
  const quiz = parse(readFileSync(path.join(CONTENT, folder, "quiz.yaml"), "utf8")) as {
    questions: { explanation: string }[];
  };
  return { slug: folder.slice(3), meta, quiz };
});

test("[PUBLIC][LECTURES]: the catalogue lists the five lectures in order", async ({ page }) => {
  await page.goto("/lectures");
  await expect(page.getByRole("heading", { level: 1, name: "Lectures" })).toBeVisible();
  const titles = page.getByRole("main").getByRole("heading", { level: 2 });
  await expect(titles).toHaveText(LECTURES.map((l) => l.meta.title));
  await expectAccessible(page);
});

test("[PUBLIC][LECTURES]: the site's icon is fetched once: following links to other pages takes it from the browser's cache", async ({
  page,
}) => {
  // Chromium asks for the page's icon again after every navigation, client-side ones too;
  // only an icon it may keep comes from its cache rather than the server.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const fromServer: string[] = [];
  cdp.on("Network.responseReceived", (e) => {
    const { url, fromDiskCache, fromServiceWorker, fromPrefetchCache } = e.response;
    if (new URL(url).pathname === "/icon.svg" && !fromDiskCache && !fromServiceWorker && !fromPrefetchCache)
      fromServer.push(url);
  });
  await page.goto("/lectures");
  await page.getByRole("link", { name: LECTURES[0]!.meta.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LECTURES[0]!.meta.title);
  await page.getByRole("link", { name: LECTURES[1]!.meta.title }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LECTURES[1]!.meta.title);
  await page.goto("/lectures");
  await expect(page.getByRole("heading", { level: 1, name: "Lectures" })).toBeVisible();
  // Whatever Chromium was still fetching has come in by now.
  await page.waitForLoadState("networkidle");
  expect(fromServer).toHaveLength(1);
  await expectAccessible(page);
});

for (const [i, { slug, meta, quiz }] of LECTURES.entries()) {
  test(`[PUBLIC][LECTURES]: lecture ${i + 1} (${slug}) shows its page, objectives, key figures and neighbours`, async ({
    page,
  }) => {
    const response = await page.goto(`/lectures/${slug}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(meta.title);
    await expect(page.getByRole("main")).toContainText(meta.speaker.name);
    await expect(page).toHaveTitle(new RegExp(meta.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

    const objectives = page.getByRole("region", { name: "Learning objectives" }).getByRole("listitem");
    await expect(objectives).toHaveText(meta.objectives);

    const table = page.getByRole("table", { name: "Key figures at a glance" });
    await expect(table.getByRole("row")).toHaveCount(meta.keyFigures.length + 1);
    for (const f of meta.keyFigures) {
      await expect(table.getByRole("row", { name: f.label })).toContainText(f.value);
    }

    for (const section of [
      "Context",
      "Key points",
      "Key figures",
      "Lessons for other countries",
      "Questions for discussion",
    ]) {
      await expect(page.getByRole("heading", { level: 2, name: section, exact: true })).toBeVisible();
    }

    // One case box, the recap, the glossary and the further reading, after the sections.
    await expect(page.getByRole("region", { name: /^Case: / })).toHaveCount(1);
    await expect(page.getByRole("region", { name: "Key takeaways" }).getByRole("listitem")).toHaveText(meta.takeaways);
    const glossary = page.getByRole("region", { name: "Glossary" });
    await expect(glossary.getByRole("term")).toHaveText(meta.glossary.map((g) => g.term));
    await expect(glossary.getByRole("definition")).toHaveText(meta.glossary.map((g) => g.definition));
    const reading = page.getByRole("region", { name: "Further reading" });
    for (const r of meta.furtherReading ?? []) {
      if (r.url) await expect(reading.getByRole("link", { name: r.title })).toHaveAttribute("href", r.url);
      else await expect(reading).toContainText(r.title);
    }
    const contents = page.getByRole("navigation", { name: "On this page" });
    await expect(contents.getByRole("link", { name: "Glossary" })).toHaveAttribute("href", "#glossary");

    const pager = page.getByRole("navigation", { name: "Lecture navigation" });
    const previous = LECTURES[i - 1];
    const next = LECTURES[i + 1];
    if (previous)
      await expect(pager.getByRole("link", { name: /Previous lecture/ })).toHaveAttribute(
        "href",
        `/lectures/${previous.slug}`,
      );
    else await expect(pager.getByRole("link", { name: /Previous lecture/ })).toHaveCount(0);
    if (next)
      await expect(pager.getByRole("link", { name: /Next lecture/ })).toHaveAttribute("href", `/lectures/${next.slug}`);
    else await expect(pager.getByRole("link", { name: /Next lecture/ })).toHaveCount(0);

    // The quiz's answer key and explanations stay on the server.
    const html = await page.content();
    expect(html).not.toContain('"correct"');
    for (const q of quiz.questions) expect(html).not.toContain(q.explanation);
    // Only the message namespaces this page's client components use are shipped, not the whole catalog.
    expect(html).not.toContain("Name on the certificate");
    expect(html).not.toContain("Too many wrong codes");

    await expectAccessible(page);
  });
}

test("[PUBLIC][LECTURES]: a lecture page is complete without JavaScript and on a phone", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  const lecture = LECTURES[3]!;
  await page.goto(`/lectures/${lecture.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lecture.meta.title);
  await expect(page.getByRole("heading", { level: 2, name: "Questions for discussion" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Key figures at a glance" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  // Stacked on a phone: every figure's note is on screen, not scrolled away.
  const firstNote = page.getByRole("table", { name: "Key figures at a glance" }).getByRole("cell").nth(1);
  const box = await firstNote.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  await page.getByRole("link", { name: /Next lecture/ }).click();
  await expect(page).toHaveURL(new RegExp(`/lectures/${LECTURES[4]!.slug}$`));
  await context.close();
});

test("[PUBLIC][LECTURES]: a lecture page on a phone passes axe", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/lectures/${LECTURES[4]!.slug}`);
  await expect(page.getByRole("table", { name: "Key figures at a glance" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("[PUBLIC][LECTURES]: the page contents link to each section", async ({ page }) => {
  await page.goto(`/lectures/${LECTURES[0]!.slug}`);
  await page
    .getByRole("navigation", { name: "On this page" })
    .getByRole("link", { name: "Lessons for other countries" })
    .click();
  await expect(page).toHaveURL(/#lessons$/);
  await expect(page.getByRole("heading", { level: 2, name: "Lessons for other countries" })).toBeInViewport();
});
