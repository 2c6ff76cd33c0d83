// The 6-digit code typed on the check-email page (a plain form POST). Right: Auth.js
// signs the person in and the browser loads where they were headed with its session
// cookie, every layout showing them signed in. Wrong: back to the same page, told how
// many tries remain; something that is not a 6-digit code is explained there without
// using a try. A form of another site is refused.
import type { NextRequest } from "next/server";
import { attemptSignInCode } from "@/lib/auth/code-attempts";
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { clientIp } from "@/lib/http/client-ip";
import { isSiteOrigin } from "@/lib/http/site-url";
import { ZReturnPath, ZSignInCode } from "@/lib/schemas/auth";
import { answerUnavailable } from "@/lib/http/unavailable";

const MAX_BODY = 4096;

const seeOther = (location: string, setCookies: string[] = []) => {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
};

async function handlePost(req: NextRequest) {
  if (!isSiteOrigin(req.headers.get("origin"))) return Response.json({ error: "cross-origin" }, { status: 403 });
  if (Number(req.headers.get("content-length") ?? MAX_BODY + 1) > MAX_BODY)
    return Response.json({ error: "too-large" }, { status: 413 });
  const form = await req.formData().catch(() => undefined);
  const field = (name: string) => (typeof form?.get(name) === "string" ? (form.get(name) as string) : undefined);
  const parsed = ZSignInCode.safeParse({
    email: field("email"),
    code: field("code"),
    callbackUrl: field("callbackUrl"),
  });
  const back = (error: string, extra: Record<string, string> = {}) =>
    seeOther(
      `/sign-in/check-email?${new URLSearchParams({
        email: parsed.data?.email ?? field("email") ?? "",
        callbackUrl: ZReturnPath.parse(field("callbackUrl")),
        error,
        ...extra,
      })}`,
    );
  if (!parsed.success) {
    const codeIsBad = parsed.error.issues.some((issue) => issue.path[0] === "code");
    return back(codeIsBad ? "CodeFormat" : "Generic");
  }
  const { email, code, callbackUrl } = parsed.data;
  const attempt = await attemptSignInCode({ email, code, ip: clientIp(req.headers) });
  if (attempt.result === "limited") return back("TooManyAttempts", { retryAfter: String(attempt.retryAfterSeconds) });
  if (attempt.result === "locked") return back("TooManyAttempts");
  if (attempt.result === "wrong") return back("WrongCode", { triesLeft: String(attempt.triesLeft) });
  if (attempt.result === "invalid") return back("Verification");

  const done = await completeSignIn({ email, callbackUrl, cookieHeader: req.headers.get("cookie") ?? "" });
  return seeOther(done.location, done.setCookies);
}

export function GET() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const POST = answerUnavailable(handlePost);
