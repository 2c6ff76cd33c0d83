// The passkey step every admin page, action and admin route passes: an admin who has a
// passkey is held there after the e-mail sign-in until the session has used it.
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { sessionPasskeyState } from "@/lib/db/passkeys";
import { needsPasskeyCheck } from "@/lib/domain/passkeys";
import { SESSION_COOKIES } from "./session-token";

/** The request's session token (the cookie Auth.js set), or undefined. */
export async function currentSessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  return SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
}

/** Whether this request's session must still pass the passkey check before any admin page or data. */
export const passkeyCheckPending = cache(async (userId: string, role: string): Promise<boolean> => {
  if (role !== "ADMIN") return false;
  const token = await currentSessionToken();
  if (!token) return true;
  return needsPasskeyCheck({ role, ...(await sessionPasskeyState(getDb(), token, userId)) });
});
