"use server";

import { authenticationOptions, verifyPasskeyAnswer } from "@/lib/auth/passkeys";
import { currentSessionToken, passkeyCheckPending } from "@/lib/auth/passkeys-gate";
import { requireUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/db/sessions-auth";
import { ZAuthenticationResponse } from "@/lib/schemas/passkeys";

export type PasskeyCheckResult = { ok: true } | { ok: false; error: "signed-out" | "not-needed" | "failed" };

/** The session that is held at the passkey step, or why there is none. */
async function heldSession(user: SessionUser) {
  const token = await currentSessionToken();
  if (!token) return { error: "signed-out" as const };
  if (!(await passkeyCheckPending(user.id, user.role))) return { error: "not-needed" as const };
  return { user, token };
}

/** Options for the browser's passkey prompt, with a challenge kept for this session. */
export async function beginPasskeyCheck() {
  const held = await heldSession(await requireUser("/sign-in/passkey"));
  if (!held.user) return { ok: false as const, error: held.error };
  return { ok: true as const, options: await authenticationOptions(held.user.id, held.token) };
}

/** Verifies the passkey's answer; on success the session may use the admin pages. */
export async function finishPasskeyCheck(input: unknown): Promise<PasskeyCheckResult> {
  const held = await heldSession(await requireUser("/sign-in/passkey"));
  if (!held.user) return { ok: false, error: held.error };
  const parsed = ZAuthenticationResponse.safeParse(input);
  if (!parsed.success) return { ok: false, error: "failed" };
  const ok = await verifyPasskeyAnswer(held.user.id, held.token, parsed.data, { markSession: true });
  return ok ? { ok: true } : { ok: false, error: "failed" };
}
