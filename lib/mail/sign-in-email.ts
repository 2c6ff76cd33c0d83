// The sign-in e-mail: a link with a long random token, and a separate 6-digit code
// for mail clients that break links. Pure: no I/O.
import { escapeHtml } from "./html";

export type SignInEmail = { subject: string; text: string; html: string };

const SUBJECT = "Your sign-in code: ";

/** The link in the e-mail: always on the configured public address (`site`, from SITE_URL). */
export function signInLink(site: string, input: { email: string; token: string; callbackUrl: string }): string {
  const query = new URLSearchParams({ callbackUrl: input.callbackUrl, token: input.token, email: input.email });
  return `${site.replace(/\/+$/, "")}/api/auth/callback/nodemailer?${query}`;
}

export function composeSignInEmail(input: {
  url: string;
  code: string;
  minutes: number;
  siteName: string;
}): SignInEmail {
  const { url, code, minutes, siteName } = input;
  const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
  const text = [
    `Sign in to ${siteName}`,
    "",
    `Open this link to sign in:`,
    url,
    "",
    `Or enter this code on the sign-in page: ${spaced}`,
    "",
    `The link and the code work once, for ${minutes} minutes.`,
    "If you did not ask to sign in, ignore this e-mail: nothing happens without the link or the code.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;line-height:1.5">
<h1 style="font-size:20px">Sign in to ${escapeHtml(siteName)}</h1>
<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#0f5346;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">Sign in</a></p>
<p>Or enter this code on the sign-in page:</p>
<p style="font-size:28px;font-weight:700;letter-spacing:4px">${escapeHtml(spaced)}</p>
<p>The link and the code work once, for ${minutes} minutes. If you did not ask to sign in, ignore this e-mail.</p>
</body></html>`;
  return { subject: `${SUBJECT}${spaced}`, text, html };
}

export const HIDDEN = "[hidden]";

/**
 * A copy of an e-mail without sign-in secrets: the token of any sign-in link, and in a
 * sign-in e-mail the code. What the outbox shows, and what is stored when SMTP delivers.
 */
export function maskSignInSecrets<T extends SignInEmail>(mail: T): T {
  const signIn = mail.subject.startsWith(SUBJECT);
  const mask = (s: string) => {
    const linkless = s.replace(/([?&](?:amp;)?token=)[^&\s"'<>]+/g, `$1${HIDDEN}`);
    return signIn ? linkless.replace(/\b\d{3} ?\d{3}\b/g, HIDDEN) : linkless;
  };
  return { ...mail, subject: mask(mail.subject), text: mask(mail.text), html: mask(mail.html) };
}
