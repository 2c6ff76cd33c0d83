"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP } from "@/lib/auth/limits";
import { sendSignInEmail } from "@/lib/auth/sign-in-mail";
import { clientIp } from "@/lib/http/client-ip";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { consumeLimits } from "@/lib/db/rate-limits";
import { redirect } from "@/lib/i18n/navigation";
import { ZSignInRequest } from "@/lib/schemas/auth";

export type SignInState = { email: string; error?: "invalidEmail" | "rateLimited"; retryAfterSeconds?: number };

export async function requestSignIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const raw = { email: String(form.get("email") ?? ""), callbackUrl: String(form.get("callbackUrl") ?? "") };
  const parsed = ZSignInRequest.safeParse(raw);
  if (!parsed.success) return { email: raw.email, error: "invalidEmail" };
  const { email, callbackUrl } = parsed.data;

  const db = getDb();
  const ip = clientIp(await headers());
  const limit = await consumeLimits(db, [
    { limit: SIGN_IN_PER_EMAIL, key: email },
    { limit: SIGN_IN_PER_IP, key: ip },
  ]);
  if (!limit.ok) {
    await recordAudit(db, { action: "auth.sign_in_rate_limited", subject: email, ip });
    return { email, error: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  await recordAudit(db, { action: "auth.sign_in_requested", subject: email, ip });
  await sendSignInEmail(db, { email, callbackUrl });
  redirect({ href: { pathname: "/sign-in/check-email", query: { email, callbackUrl } }, locale: await getLocale() });
  return { email };
}
