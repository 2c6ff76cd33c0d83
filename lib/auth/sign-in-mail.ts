// Sends a sign-in e-mail: the only way one is sent (the app's form calls it, after its
// limits and audit entry). A new e-mail replaces the address's earlier link and code.
import "server-only";
import type { Db } from "@/lib/db/client";
import { replaceSignInSecrets } from "@/lib/db/auth-tokens";
import { siteUrl } from "@/lib/http/site-url";
import { authSecret } from "./secret";
import { sendMail } from "@/lib/mail/send";
import { composeSignInEmail, signInLink } from "@/lib/mail/sign-in-email";
import { generateLinkToken, generateSignInCode, hashSignInCode, hashVerificationToken, SIGN_IN_MINUTES } from "./codes";

export const SITE_NAME = "BTBU-ECOSF Joint Training Center";

export async function sendSignInEmail(db: Db, input: { email: string; callbackUrl: string }, now = new Date()) {
  const email = input.email.toLowerCase();
  const secret = authSecret();
  const token = generateLinkToken();
  const code = generateSignInCode();
  await replaceSignInSecrets(db, {
    email,
    linkTokenHash: hashVerificationToken(token, secret),
    codeHash: hashSignInCode(email, code, secret),
    expires: new Date(now.getTime() + SIGN_IN_MINUTES * 60_000),
  });
  const url = signInLink(siteUrl(), { email, token, callbackUrl: input.callbackUrl });
  await sendMail(db, {
    kind: "sign-in",
    to: email,
    ...(await composeSignInEmail({ url, code, minutes: SIGN_IN_MINUTES, siteName: SITE_NAME })),
  });
}
