// Helpers of the sign-in attacks (sign-in.spec.ts): asking for a sign-in e-mail as a
// person does, reading what the mail sink kept, and posting the sign-in form as a
// script would, with the headers an attacker chooses.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { latestSignInEmail } from "../e2e/db";

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** How many e-mails the app sent to the address. */
export async function emailCount(to: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM outbound_emails WHERE "to" = $1`, [to]);
  return Number(row!.n);
}

/** Asks for a sign-in e-mail on the sign-in page; returns its code ("123 456"), link and the link's path. */
export async function requestSignInEmail(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  const mail = await latestSignInEmail(email);
  const link = new URL(mail.link);
  return { ...mail, path: `${link.pathname}${link.search}`, token: link.searchParams.get("token")! };
}

/** Types a code on the check-email page the browser is on. */
export async function typeCode(page: Page, code: string) {
  await page.getByLabel("6-digit code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A GET of a sign-in link's path without following its redirect. */
export async function followLink(request: APIRequestContext, path: string) {
  const res = await request.get(path, { maxRedirects: 0 });
  return { status: res.status(), location: res.headers()["location"] ?? "", res };
}

/**
 * Posts the sign-in form as a browser without JavaScript would (the server action's
 * fields as the page renders them), with extra headers.
 */
export async function postSignInForm(request: APIRequestContext, email: string, headers: Record<string, string>) {
  const html = await (await request.get("/sign-in")).text();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (!name) continue;
    const value = /value="([^"]*)"/.exec(input)?.[1] ?? "";
    fields[name] = value
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .replace(/&#x27;/g, "'");
  }
  expect(
    Object.keys(fields).some((n) => n.startsWith("$ACTION")),
    "the form posts to a server action",
  ).toBe(true);
  fields.email = email;
  return request.post("/sign-in", { multipart: fields, headers, maxRedirects: 0 });
}
