import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { TQuestion } from "../../lib/schemas/content";

/** axe on the whole page: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page) {
  // While a page refreshes itself (router.refresh, after a bulk run say), Next streams its
  // metadata again and the document is without its <title> for a moment: axe checks the
  // page once it has one. A page that never gets a title still fails here.
  await expect(page, "the page's <title>").toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect(serious, "axe: serious or critical accessibility violations").toEqual([]);
  // The check must have run on real content, not an empty document.
  expect(results.passes.length).toBeGreaterThan(5);
  // WCAG 2.4.2: a title that says what the page is, with no value missing from it (a
  // message's placeholder given nothing reads "undefined" or keeps its braces).
  const title = await page.title();
  expect(title, "the page's <title>").toMatch(/\S/);
  expect(title, "the page's <title>").not.toMatch(/\b(undefined|null|NaN)\b|[{}]/);
}

/** Nothing wider than the viewport: no sideways scrolling on small screens. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * Answers a question right, as a person would, inside its own group: the right answer is
 * read from the content files by the test process, never from the page.
 */
export async function answer(page: Page, q: TQuestion) {
  const group = page.getByRole("group", { name: q.prompt });
  switch (q.type) {
    case "single":
      return group.getByRole("radio", { name: q.options.find((o) => o.correct)!.text, exact: true }).check();
    case "multiple":
      for (const o of q.options.filter((o) => o.correct))
        await group.getByRole("checkbox", { name: o.text, exact: true }).check();
      return;
    case "true-false":
      return group.getByRole("radio", { name: q.answer ? "True" : "False", exact: true }).check();
    case "numeric":
      return group.getByRole("textbox").fill(String(q.answer));
  }
}

/**
 * GETs `path` on `count` connections of its own each, so that the server's processes
 * (scripts/lib/web-processes.ts hands each new connection to the next one) all answer:
 * returns each answer's status and body.
 */
export async function getOnFreshConnections(path: string, count: number) {
  const { get } = await import("node:http");
  const port = Number(process.env.E2E_PORT ?? 3200);
  const one = () =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      get({ host: "localhost", port, path, agent: false, headers: { accept: "text/html" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      }).on("error", reject);
    });
  const answers = [];
  for (let i = 0; i < count; i++) answers.push(await one());
  return answers;
}

/**
 * A request to the JSON API as the site's pages send it: the site's Origin, a JSON body when
 * there is one (a string is sent as it is, for malformed bodies), and the person's session
 * cookie unless `token` is null. Returns the status, headers, text and parsed JSON.
 */
export async function sendJson(
  request: APIRequestContext,
  token: string | null,
  method: "POST" | "PUT" | "GET",
  url: string,
  data?: unknown,
) {
  const headers: Record<string, string> = { Origin: `http://localhost:${process.env.E2E_PORT ?? 3200}` };
  if (token) headers.Cookie = `authjs.session-token=${token}`;
  if (data !== undefined) headers["Content-Type"] = "application/json";
  const response = await request.fetch(url, {
    method,
    headers,
    data: typeof data === "string" ? Buffer.from(data) : data,
  });
  const text = await response.text();
  return {
    status: response.status(),
    headers: response.headers(),
    text,
    json: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
  };
}

/**
 * Text as a Chinese or Japanese input method in full-width mode types it: every printable ASCII
 * character moved to its full-width form (`a@b.org` → `ａ＠ｂ．ｏｒｇ`).
 */
export function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0));
}
