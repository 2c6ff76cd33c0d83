// The reminder of a live session, 24 hours or 1 hour before it starts, with the time in
// the recipient's own time zone and the link to join. Pure: no I/O.
import type { ReminderKind } from "@/lib/domain/reminders";
import { sessionDateParts } from "@/lib/i18n/format";
import { renderMail, type Mail, type MailContent } from "./template";

export type SessionReminderInput = {
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
};

export function composeSessionReminder(input: SessionReminderInput): Promise<Mail> {
  return renderMail(sessionReminderContent(input));
}

/** The reminder's content, for rendering (or for a mail merge, with fields for name and link). */
export function sessionReminderContent(input: SessionReminderInput): MailContent {
  const { kind, name, cohort, lecture, startsAt, timeZone, joinUrl, courseUrl, siteName } = input;
  const { date, time, zone } = sessionDateParts(startsAt, timeZone, "en");
  const what = `Lecture ${lecture.number}: ${lecture.title}`;
  const when = `${date} at ${time} (${zone})`;
  const lead = kind === "1h" ? `starts in one hour, ${when}.` : `is tomorrow, ${when}.`;
  return {
    subject: kind === "1h" ? `In one hour: ${what}` : `Tomorrow: ${what}`,
    preview: `${what} ${lead}`,
    greeting: `Dear ${name},`,
    paragraphs: [
      `The live session of ${what} (${cohort}) ${lead}`,
      ...(joinUrl ? [] : ["The organisers will share the link to join on your course page."]),
    ],
    ...(joinUrl && { action: { label: "Join the live session", url: joinUrl } }),
    links: [{ label: "Your course page", url: courseUrl }],
    signature: siteName,
    unsubscribe: { what: "reminders of live sessions", url: input.unsubscribeUrl },
  };
}
