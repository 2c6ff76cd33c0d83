// Admins' passkeys in Chromium: a virtual authenticator (an internal platform one, with
// user verification, as a laptop's fingerprint reader) attached to the page, and the
// security page's steps that register a passkey with it.
import { expect, type Page } from "@playwright/test";
import pg from "pg";

/** Attaches a virtual authenticator to the page: every passkey prompt there is answered by it. */
export async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Registers a passkey named `name` on the security page (the admin's session must reach it). */
export async function registerPasskey(page: Page, name: string) {
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { level: 1, name: "Passkeys" })).toBeVisible();
  await page.getByLabel("Name (for example, the device it is on)").fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status")).toHaveText("Passkey added.");
  await expect(page.getByText(name, { exact: true })).toBeVisible();
}

async function query<T>(text: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The audit log's actions by this user, oldest first. */
export async function actionsBy(userId: string): Promise<string[]> {
  const rows = await query<{ action: string }>(`SELECT action FROM audit_events WHERE actor_id = $1 ORDER BY at, id`, [
    userId,
  ]);
  return rows.map((r) => r.action);
}

/** The user's passkeys as stored: name and whether the credential has been used. */
export async function storedPasskeys(userId: string) {
  return query<{ name: string; used: boolean }>(
    `SELECT name, last_used_at IS NOT NULL AS used FROM passkeys WHERE user_id = $1 ORDER BY created_at`,
    [userId],
  );
}
