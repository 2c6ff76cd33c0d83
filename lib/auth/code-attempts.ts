// Guesses at sign-in secrets are limited and audit-logged.
// - The link: Auth.js verifies it at GET /api/auth/callback/nodemailer but does not limit
//   attempts. A query that repeats `email` or `token` is refused outright; otherwise each
//   attempt counts against the address Auth.js is handed (the same normalised one) and
//   the client, and past the limit the address's pending link and code are deleted.
// - The code: typed on the check-email page, checked here against its hash, CODE_TRIES
//   tries per code and a per-client limit.
import "server-only";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { checkSignInCode, deleteSignInTokens, type CodeCheck } from "@/lib/db/auth-tokens";
import { consumeLimits } from "@/lib/db/rate-limits";
import { clientIp } from "@/lib/http/client-ip";
import { CODE_TRIES, hashSignInCode, readLinkQuery, sameHash } from "./codes";
import { CODE_ATTEMPTS_PER_EMAIL, CODE_ATTEMPTS_PER_IP } from "./limits";
import { authSecret } from "./secret";

type Handler = (req: NextRequest) => Promise<Response>;

const redirectTo = (query: Record<string, string>) =>
  // A relative Location: the browser keeps the host name it used.
  new Response(null, { status: 303, headers: { Location: `/sign-in?${new URLSearchParams(query)}` } });

export async function guardLinkAttempt(req: NextRequest, next: Handler): Promise<Response> {
  const url = new URL(req.url);
  const link = readLinkQuery(url.searchParams);
  if (!link) {
    return new Response("A sign-in link has exactly one email and one token.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const ip = clientIp(req.headers);
  const db = getDb();
  const limit = await consumeLimits(db, [
    { limit: CODE_ATTEMPTS_PER_EMAIL, key: link.email },
    { limit: CODE_ATTEMPTS_PER_IP, key: ip },
  ]);
  if (!limit.ok) {
    await deleteSignInTokens(db, link.email);
    await recordAudit(db, { action: "auth.code_locked", subject: link.email, ip });
    return redirectTo({ error: "TooManyAttempts", retryAfter: String(limit.retryAfterSeconds) });
  }
  url.searchParams.set("email", link.email);
  url.searchParams.set("token", link.token);
  const res = await next(new NextRequest(url, req));
  if ((res.headers.get("location") ?? "").includes("error=")) {
    await recordAudit(db, { action: "auth.sign_in_failed", subject: link.email, ip });
  }
  return res;
}

export type CodeAttempt = CodeCheck | { result: "limited"; retryAfterSeconds: number };

/** Checks a typed code for the address, counting the try and audit-logging a failure. */
export async function attemptSignInCode(input: { email: string; code: string; ip: string }): Promise<CodeAttempt> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const limit = await consumeLimits(db, [{ limit: CODE_ATTEMPTS_PER_IP, key: input.ip }]);
  if (!limit.ok) {
    await recordAudit(db, { action: "auth.code_locked", subject: email, ip: input.ip });
    return { result: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  const typed = hashSignInCode(email, input.code, authSecret());
  const check = await checkSignInCode(db, { email, tries: CODE_TRIES, matches: (stored) => sameHash(stored, typed) });
  if (check.result !== "ok") await recordAudit(db, { action: "auth.sign_in_failed", subject: email, ip: input.ip });
  if (check.result === "locked") await recordAudit(db, { action: "auth.code_locked", subject: email, ip: input.ip });
  return check;
}
