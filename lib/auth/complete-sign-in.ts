// Signs in someone whose code was just accepted: a fresh one-time link token for the
// address, handed to Auth.js's own callback inside the server (never sent to the
// browser), so that the code and the link create sessions the same way.
import "server-only";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { createSignInToken, deleteSignInTokens } from "@/lib/db/auth-tokens";
import { siteUrl } from "@/lib/http/site-url";
import { signInLink } from "@/lib/mail/sign-in-email";
import { generateLinkToken, hashVerificationToken, toLocalPath } from "./codes";
import { handlers } from "./index";
import { authSecret } from "./secret";

export type CompletedSignIn = {
  /** Where to go next: a path on this site (with `error=` when Auth.js refused). */
  location: string;
  /** The Set-Cookie headers of Auth.js's answer (the session cookie among them). */
  setCookies: string[];
};

export async function completeSignIn(input: {
  email: string;
  callbackUrl: string;
  cookieHeader: string;
}): Promise<CompletedSignIn> {
  const db = getDb();
  const token = generateLinkToken();
  await deleteSignInTokens(db, input.email);
  await createSignInToken(db, input.email, hashVerificationToken(token, authSecret()), new Date(Date.now() + 60_000));
  const url = signInLink(siteUrl(), { email: input.email.toLowerCase(), token, callbackUrl: input.callbackUrl });
  const res = await handlers.GET(new NextRequest(url, { headers: { cookie: input.cookieHeader } }));
  return {
    location: toLocalPath(res.headers.get("location") ?? "/sign-in?error=Verification"),
    setCookies: res.headers.getSetCookie(),
  };
}
