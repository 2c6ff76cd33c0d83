// The reminder of a live session, 24 hours or 1 hour before it starts, with the time in
// the recipient's own time zone and the link to join. Pure: no I/O.
import type { ReminderKind } from "@/lib/domain/reminders";
import { sessionDateParts } from "@/lib/i18n/format";
import { escapeHtml, unsubscribeFooter } from "./html";
import type { SignInEmail } from "./sign-in-email";

export function composeSessionReminder(input: {
  kind: ReminderKind;
  name: string;
  cohort: string;
  lecture: { number: number; title: string };
  startsAt: Date;
  /** The recipient's time zone (their profile's; the cohort's when they gave none). */
  timeZone: string;
  joinUrl: string | null;
  /** The participant's course page, where the session and its materials are. */
  courseUrl: string;
  siteName: string;
  /** The page that turns reminders off for this person (lib/mail/unsubscribe.ts). */
  unsubscribeUrl: string;
}): SignInEmail {
  const { kind, name, cohort, lecture, startsAt, timeZone, joinUrl, courseUrl, siteName } = input;
  const footer = unsubscribeFooter("reminders of live sessions", input.unsubscribeUrl);
  const { date, time, zone } = sessionDateParts(startsAt, timeZone, "en");
  const what = `Lecture ${lecture.number}: ${lecture.title}`;
  const when = `${date} at ${time} (${zone})`;
  const lead = kind === "1h" ? `starts in one hour, ${when}.` : `is tomorrow, ${when}.`;
  const join = joinUrl
    ? ["Join the live session here:", joinUrl]
    : ["The organisers will share the link to join on your course page."];
  const text = [
    `Dear ${name},`,
    "",
    `The live session of ${what} (${cohort}) ${lead}`,
    "",
    ...join,
    "",
    `Your course page: ${courseUrl}`,
    "",
    `${siteName}`,
    "",
    ...footer.text,
  ].join("\n");
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#1c1917;line-height:1.5;max-width:36rem">
<p>Dear ${escapeHtml(name)},</p>
<p>The live session of <strong>${escapeHtml(what)}</strong> (${escapeHtml(cohort)}) ${escapeHtml(lead)}</p>
${
  joinUrl
    ? `<p><a href="${escapeHtml(joinUrl)}" style="display:inline-block;background:#0f5346;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">Join the live session</a></p>
<p style="font-size:14px;color:#44403c">Or open this link: ${escapeHtml(joinUrl)}</p>`
    : `<p>The organisers will share the link to join on your course page.</p>`
}
<p><a href="${escapeHtml(courseUrl)}" style="color:#0f5346">Your course page</a></p>
<p style="font-size:14px;color:#44403c">${escapeHtml(siteName)}</p>
${footer.html}
</body></html>`;
  const subject = kind === "1h" ? `In one hour: ${what}` : `Tomorrow: ${what}`;
  return { subject, text, html };
}
