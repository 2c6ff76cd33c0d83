// Auth.js verifies the code (or link) at GET /api/auth/callback/nodemailer but
// does not limit attempts: a 6-digit code needs a limit. Each attempt counts;
// past the limit the address's pending codes are deleted and the person must
// ask for a new one. Failures are audit-logged.
import "server-only";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { deleteSignInTokens } from "@/lib/db/auth-tokens";
import { consumeLimits } from "@/lib/db/rate-limits";
import { normaliseCode } from "./codes";
import { clientIp } from "@/lib/http/client-ip";
import { CODE_ATTEMPTS_PER_EMAIL, CODE_ATTEMPTS_PER_IP } from "./limits";

type Handler = (req: NextRequest) => Promise<Response>;

export async function guardCodeAttempt(req: NextRequest, next: Handler): Promise<Response> {
  const url = new URL(req.url);
  if (!url.pathname.endsWith("/callback/nodemailer")) return next(req);
  const email = (url.searchParams.get("email") ?? "").trim().toLowerCase();
  const ip = clientIp(req.headers);
  const db = getDb();
  const limit = await consumeLimits(db, [
    { limit: CODE_ATTEMPTS_PER_EMAIL, key: email },
    { limit: CODE_ATTEMPTS_PER_IP, key: ip },
  ]);
  if (!limit.ok) {
    await deleteSignInTokens(db, email);
    await recordAudit(db, { action: "auth.code_locked", subject: email || null, ip });
    // A relative Location: the browser keeps the host name it used.
    const to = `/sign-in?${new URLSearchParams({ error: "TooManyAttempts", retryAfter: String(limit.retryAfterSeconds) })}`;
    return new Response(null, { status: 303, headers: { Location: to } });
  }
  url.searchParams.set("token", normaliseCode(url.searchParams.get("token") ?? ""));
  const res = await next(new NextRequest(url, req));
  if ((res.headers.get("location") ?? "").includes("error=")) {
    await recordAudit(db, { action: "auth.sign_in_failed", subject: email || null, ip });
  }
  return res;
}
