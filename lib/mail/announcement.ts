// The e-mail of an organiser's announcement (lib/domain/announcements.ts): their subject and
// text, the cohort it is for, and the link to stop announcements. Pure: no I/O.
import { paragraphs } from "@/lib/domain/announcements";
import { renderMail, type Mail, type MailContent } from "./template";

export type AnnouncementInput = {
  subject: string;
  body: string;
  name: string;
  cohort: string;
  courseUrl: string;
  siteName: string;
  /** The page that turns announcements off for this person (lib/mail/unsubscribe.ts). */
  unsubscribeUrl: string;
};

export function composeAnnouncement(input: AnnouncementInput): Promise<Mail> {
  return renderMail(announcementContent(input));
}

/** The announcement's content, for rendering (or for a mail merge, with fields for name and link). */
export function announcementContent(input: AnnouncementInput): MailContent {
  const { subject, body, name, cohort, courseUrl, siteName, unsubscribeUrl } = input;
  const parts = paragraphs(body);
  return {
    subject: `${subject} (${cohort})`,
    preview: parts[0]?.split("\n")[0] ?? subject,
    greeting: `Dear ${name},`,
    paragraphs: parts,
    links: [{ label: "Your course page", url: courseUrl }],
    signature: `${siteName}, for ${cohort}`,
    unsubscribe: { what: "the organisers' announcements", url: unsubscribeUrl },
  };
}
