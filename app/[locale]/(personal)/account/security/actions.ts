"use server";

import {
  authenticationOptions,
  finishRegistration,
  registrationOptions,
  verifyPasskeyAnswer,
} from "@/lib/auth/passkeys";
import { currentSessionToken } from "@/lib/auth/passkeys-gate";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listPasskeys, removePasskey, renamePasskey } from "@/lib/db/passkeys";
import { defaultPasskeyName } from "@/lib/domain/passkeys";
import { ZId } from "@/lib/schemas/common";
import { ZAuthenticationResponse, ZPasskeyName, ZRegistrationResponse } from "@/lib/schemas/passkeys";

// Every action is the admin's own, on their own passkeys, from a session that has passed
// its passkey check (requireAdmin holds any other at the passkey step).

export type PasskeyActionResult =
  { ok: true } | { ok: false; error: "invalid" | "failed" | "not-found" | "needs-check" | "signed-out" };

type Admin = Awaited<ReturnType<typeof requireAdmin>>;

/** The acting admin with their session's token (the passkey challenges are kept per session). */
async function adminSession(admin: Admin) {
  const token = await currentSessionToken();
  return token ? { admin, token } : null;
}

/** Options for the browser's prompt to create a passkey. */
export async function beginPasskeyRegistration() {
  const s = await adminSession(await requireAdmin("/account/security"));
  if (!s) return { ok: false as const, error: "signed-out" as const };
  return { ok: true as const, options: await registrationOptions(s.admin, s.token) };
}

/** Verifies the new passkey and keeps it under the typed name (or "Passkey N"). */
export async function finishPasskeyRegistration(input: {
  name: unknown;
  response: unknown;
}): Promise<PasskeyActionResult> {
  const s = await adminSession(await requireAdmin("/account/security"));
  if (!s) return { ok: false, error: "signed-out" };
  const name = ZPasskeyName.safeParse(input.name);
  const response = ZRegistrationResponse.safeParse(input.response);
  if (!name.success || !response.success) return { ok: false, error: "invalid" };
  const existing = await listPasskeys(getDb(), s.admin.id);
  const ok = await finishRegistration(
    s.admin,
    s.token,
    response.data,
    name.data || defaultPasskeyName(existing.map((p) => p.name)),
  );
  return ok ? { ok: true } : { ok: false, error: "failed" };
}

export async function renamePasskeyAction(input: { id: unknown; name: unknown }): Promise<PasskeyActionResult> {
  const s = await adminSession(await requireAdmin("/account/security"));
  if (!s) return { ok: false, error: "signed-out" };
  const id = ZId.safeParse(input.id);
  const name = ZPasskeyName.min(1).safeParse(input.name);
  if (!id.success || !name.success) return { ok: false, error: "invalid" };
  return (await renamePasskey(getDb(), s.admin.id, id.data, name.data))
    ? { ok: true }
    : { ok: false, error: "not-found" };
}

/** Options for the fresh passkey check that removing the last passkey takes. */
export async function beginRemovalCheck() {
  const s = await adminSession(await requireAdmin("/account/security"));
  if (!s) return { ok: false as const, error: "signed-out" as const };
  return { ok: true as const, options: await authenticationOptions(s.admin.id, s.token) };
}

/**
 * Removes a passkey. The last one goes only with `check`, a passkey answer to
 * beginRemovalCheck verified here: without it the answer is "needs-check".
 */
export async function removePasskeyAction(input: { id: unknown; check?: unknown }): Promise<PasskeyActionResult> {
  const s = await adminSession(await requireAdmin("/account/security"));
  if (!s) return { ok: false, error: "signed-out" };
  const id = ZId.safeParse(input.id);
  if (!id.success) return { ok: false, error: "invalid" };
  let checked = false;
  if (input.check !== undefined) {
    const answer = ZAuthenticationResponse.safeParse(input.check);
    if (!answer.success) return { ok: false, error: "invalid" };
    checked = await verifyPasskeyAnswer(s.admin.id, s.token, answer.data, { markSession: false });
    if (!checked) return { ok: false, error: "failed" };
  }
  const result = await removePasskey(getDb(), { userId: s.admin.id, id: id.data, checked });
  return result === "removed" ? { ok: true } : { ok: false, error: result };
}
