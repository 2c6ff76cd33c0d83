// The sign-in e-mail: a link with a long random token, and a separate 6-digit code
// for mail clients that break links. Pure: no I/O.
import { maskSignInText } from "@/lib/domain/outbox";
import { field, mailMerge } from "./template";

export type SignInEmail = { subject: string; text: string; html: string };

const SUBJECT = "Your sign-in code: ";

/** The link in the e-mail: always on the configured public address (`site`, from SITE_URL). */
export function signInLink(site: string, input: { email: string; token: string; callbackUrl: string }): string {
  const query = new URLSearchParams({ callbackUrl: input.callbackUrl, token: input.token, email: input.email });
  return `${site.replace(/\/+$/, "")}/api/auth/callback/nodemailer?${query}`;
}

/** The rendered template per site name and lifetime, its link and code filled in per mail. */
const templates = new Map<string, Promise<(values: Record<"url" | "code", string>) => SignInEmail>>();

function signInTemplate(minutes: number, siteName: string) {
  const key = `${minutes}\n${siteName}`;
  let template = templates.get(key);
  if (!template) {
    template = mailMerge(
      {
        subject: `${SUBJECT}${field("code")}`,
        preview: `Your link and code to sign in to ${siteName}`,
        greeting: `Sign in to ${siteName}`,
        paragraphs: ["Open this link to sign in:"],
        action: { label: "Sign in", url: field("url") },
        code: { label: "Or enter this code on the sign-in page:", value: field("code") },
        closing: [
          `The link and the code work once, for ${minutes} minutes.`,
          "If you did not ask to sign in, ignore this e-mail: nothing happens without the link or the code.",
        ],
        signature: siteName,
      },
      ["url", "code"],
    );
    templates.set(key, template);
  }
  return template;
}

/**
 * The sign-in e-mail, from the platform's one template (lib/mail/template.tsx): rendered
 * once per site name and lifetime, then filled in, so that a sign-in costs no rendering.
 */
export async function composeSignInEmail(input: {
  url: string;
  code: string;
  minutes: number;
  siteName: string;
}): Promise<SignInEmail> {
  const fill = await signInTemplate(input.minutes, input.siteName);
  return fill({ url: input.url, code: `${input.code.slice(0, 3)} ${input.code.slice(3)}` });
}

/**
 * A copy of an e-mail without sign-in secrets: the token of any sign-in link, and in a
 * sign-in e-mail the code. What the outbox shows, and what is stored when SMTP delivers.
 */
export function maskSignInSecrets<T extends SignInEmail>(mail: T): T {
  const signIn = mail.subject.startsWith(SUBJECT);
  const mask = (s: string) => maskSignInText(s, signIn);
  return { ...mail, subject: mask(mail.subject), text: mask(mail.text), html: mask(mail.html) };
}
