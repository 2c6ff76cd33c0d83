"use server";

import { cookies, headers } from "next/headers";
import { redirect as redirectTo } from "next/navigation";
import { getLocale } from "next-intl/server";
import { attemptSignInCode } from "@/lib/auth/code-attempts";
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP } from "@/lib/auth/limits";
import { sendSignInEmail } from "@/lib/auth/sign-in-mail";
import { clientIp } from "@/lib/http/client-ip";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { consumeLimits } from "@/lib/db/rate-limits";
import { redirect } from "@/lib/i18n/navigation";
import { ZSignInCode, ZSignInRequest } from "@/lib/schemas/auth";

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

/**
 * The code typed on the check-email page. Right: Auth.js signs the person in (its
 * session cookie is set here) and they go where they were headed. Wrong: back to the
 * page, told whether tries remain.
 */
export async function verifySignInCode(form: FormData): Promise<void> {
  const locale = await getLocale();
  const parsed = ZSignInCode.safeParse({
    email: form.get("email"),
    code: form.get("code"),
    callbackUrl: form.get("callbackUrl"),
  });
  const back = (error: string, extra: Record<string, string> = {}) =>
    redirect({
      href: {
        pathname: "/sign-in/check-email",
        query: {
          email: parsed.data?.email ?? "",
          callbackUrl: parsed.data?.callbackUrl ?? "/dashboard",
          error,
          ...extra,
        },
      },
      locale,
    });
  if (!parsed.success) return back("WrongCode");
  const { email, code, callbackUrl } = parsed.data;
  const h = await headers();
  const attempt = await attemptSignInCode({ email, code, ip: clientIp(h) });
  if (attempt.result === "limited") return back("TooManyAttempts", { retryAfter: String(attempt.retryAfterSeconds) });
  if (attempt.result === "locked") return back("TooManyAttempts");
  if (attempt.result === "wrong") return back("WrongCode");
  if (attempt.result === "invalid") return back("Verification");

  const done = await completeSignIn({ email, callbackUrl, cookieHeader: h.get("cookie") ?? "" });
  const jar = await cookies();
  for (const cookie of done.cookies) jar.set(cookie);
  redirectTo(done.location);
}
