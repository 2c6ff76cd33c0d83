// The e-mail of an organiser's announcement (lib/domain/announcements.ts): their subject and
// text, the cohort it is for, and the link to stop announcements. Pure: no I/O.
import { paragraphs } from "@/lib/domain/announcements";
import { escapeHtml, unsubscribeFooter } from "./html";
import type { SignInEmail } from "./sign-in-email";

export function composeAnnouncement(input: {
  subject: string;
  body: string;
  name: string;
  cohort: string;
  courseUrl: string;
  siteName: string;
  /** The page that turns announcements off for this person (lib/mail/unsubscribe.ts). */
  unsubscribeUrl: string;
}): SignInEmail {
  const { subject, body, name, cohort, courseUrl, siteName, unsubscribeUrl } = input;
  const parts = paragraphs(body);
  const footer = unsubscribeFooter("the organisers' announcements", unsubscribeUrl);
  const text = [
    `Dear ${name},`,
    "",
    ...parts.flatMap((p) => [p, ""]),
    `${siteName}, for ${cohort}`,
    `Your course page: ${courseUrl}`,
    "",
    ...footer.text,
  ].join("\n");
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#1c1917;line-height:1.5;max-width:36rem">
<p>Dear ${escapeHtml(name)},</p>
${parts.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("\n")}
<p style="font-size:14px;color:#44403c">${escapeHtml(siteName)}, for ${escapeHtml(cohort)}<br><a href="${escapeHtml(courseUrl)}" style="color:#0f5346">Your course page</a></p>
${footer.html}
</body></html>`;
  return { subject: `${subject} (${cohort})`, text, html };
}
