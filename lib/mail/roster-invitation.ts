// The e-mail that tells someone an admin has given them a place. Pure: no I/O.
import { escapeHtml } from "./html";
import type { SignInEmail } from "./sign-in-email";

export function composeRosterInvitation(input: {
  name: string;
  cohort: string;
  signInUrl: string;
  siteName: string;
}): SignInEmail {
  const { name, cohort, signInUrl, siteName } = input;
  const text = [
    `Dear ${name},`,
    "",
    `You have a place in ${cohort} at the ${siteName}.`,
    "",
    `Sign in with this e-mail address to see the schedule and the lectures (no password: we send you a link):`,
    signInUrl,
    "",
    "You will be asked to check your profile first: the name on your certificate comes from it.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;line-height:1.5">
<p>Dear ${escapeHtml(name)},</p>
<p>You have a place in <strong>${escapeHtml(cohort)}</strong> at the ${escapeHtml(siteName)}.</p>
<p><a href="${escapeHtml(signInUrl)}" style="display:inline-block;background:#0f5346;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">Sign in</a></p>
<p>Sign in with this e-mail address (no password: we send you a link). You will be asked to check your profile first: the name on your certificate comes from it.</p>
</body></html>`;
  return { subject: `Your place in ${cohort}`, text, html };
}
