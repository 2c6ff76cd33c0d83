// The e-mail of a notice (lib/domain/notices.ts): what changed for the participant, and
// where to see it. Pure: no I/O.
import { linkedInAddUrl } from "@/lib/domain/certificates";
import type { SingleNotice } from "@/lib/domain/notices";
import { sessionDateParts } from "@/lib/i18n/format";
import { renderMail, type Mail } from "./template";

export function composeNotice(input: {
  notice: SingleNotice;
  name: string;
  cohort: string;
  /** The recipient's time zone, for a session's time. */
  timeZone: string;
  /** The lectures by slug, for a session's or a quiz's name. */
  lectures: ReadonlyMap<string, { number: number; title: string }>;
  /** For a reminding notice (REMINDING_NOTICES): the page that turns reminders off. */
  unsubscribeUrl?: string;
  siteUrl: string;
  siteName: string;
  achievementName: string;
}): Promise<Mail> {
  const { notice, name, cohort, timeZone, lectures, siteUrl, siteName } = input;
  const lectureName = (slug: string) => {
    const lecture = lectures.get(slug);
    return lecture ? `Lecture ${lecture.number}: ${lecture.title}` : slug;
  };
  const dashboard = `${siteUrl}/dashboard`;
  let subject: string;
  let lines: string[];
  let links: { label: string; url: string }[] = [{ label: "Your course page", url: dashboard }];
  /** The one thing to do, when there is one. */
  let action: { label: string; url: string } | undefined;
  switch (notice.kind) {
    case "enrolment.approved":
      subject = `You have a place in ${cohort}`;
      lines = [
        `Your place in ${cohort} is confirmed. The lectures, quizzes and live sessions are on your course page.`,
      ];
      break;
    case "enrolment.rejected":
      subject = `Your request to join ${cohort}`;
      lines = [
        `Your request to join ${cohort} was not accepted. The lectures stay open to read, and other cohorts may be open to join.`,
      ];
      links = [{ label: "Open cohorts", url: `${siteUrl}/cohorts` }];
      break;
    case "enrolment.withdrawn":
      subject = `Your place in ${cohort}`;
      lines = [
        `The organisers have withdrawn you from ${cohort}. If this is a mistake, reply to the organisers: they can reinstate you.`,
      ];
      break;
    case "enrolment.moved":
      subject = `You have moved to ${cohort}`;
      lines = [
        `The organisers have moved your place from ${notice.data.fromCohort} to ${cohort}. Its schedule is on your course page.`,
      ];
      break;
    case "certificate.issued": {
      const verify = `${siteUrl}/verify/${notice.data.code}`;
      subject = `Your certificate: ${cohort}`;
      lines = [
        `Congratulations: your certificate of ${cohort} has been issued, number ${notice.data.code}.`,
        "Anyone can check it at its verification page.",
      ];
      links = [
        { label: "Download the PDF", url: `${siteUrl}/api/certificates/${notice.data.certificateId}/pdf` },
        { label: "Verification page", url: verify },
        {
          label: "Add it to your LinkedIn profile",
          url: linkedInAddUrl({
            name: input.achievementName,
            organisation: siteName,
            issuedAt: new Date(notice.data.issuedAt),
            code: notice.data.code,
            url: verify,
          }),
        },
      ];
      break;
    }
    case "certificate.resigned":
      subject = `Download your credential again: ${cohort}`;
      lines = [
        `The key that signs the programme's credentials has been replaced, and the credential file (.jwt) of your certificate ${notice.data.code} of ${cohort} has been signed again.`,
        "A copy you downloaded before no longer passes verification: please download it again and use the new one. Your certificate, its PDF and its verification page are unchanged.",
      ];
      action = {
        label: "Download the credential file",
        url: `${siteUrl}/api/certificates/${notice.data.certificateId}/credential`,
      };
      links = [
        { label: "Verification page", url: `${siteUrl}/verify/${notice.data.code}` },
        { label: "Your course page", url: dashboard },
      ];
      break;
    case "checkin.open": {
      const { time, zone } = sessionDateParts(new Date(notice.data.closesAt), timeZone, "en");
      subject = `Check in now: ${lectureName(notice.data.lectureSlug)}`;
      lines = [
        `Check-in to the live session of ${lectureName(notice.data.lectureSlug)} (${cohort}) is open until ${time} (${zone}). Check in to have your attendance counted.`,
      ];
      action = { label: "Check in", url: `${siteUrl}/check-in/${notice.data.sessionId}` };
      links = [];
      break;
    }
    case "quiz.closing": {
      const { date, time, zone } = sessionDateParts(new Date(notice.data.closesAt), timeZone, "en");
      const quizzes = notice.data.lectureSlugs.map(lectureName);
      subject = `Quizzes close tomorrow: ${cohort}`;
      lines = [
        `The quizzes of ${cohort} close on ${date} at ${time} (${zone}). Your certificate still needs ${quizzes.length === 1 ? "this quiz" : "these quizzes"}: ${quizzes.join("; ")}.`,
      ];
      break;
    }
    case "excuse.accepted":
    case "excuse.refused": {
      const { date, time, zone } = sessionDateParts(new Date(notice.data.startsAt), timeZone, "en");
      const session = `${lectureName(notice.data.lectureSlug)} on ${date} at ${time} (${zone})`;
      const accepted = notice.kind === "excuse.accepted";
      subject = accepted ? "Your absence is excused" : "Your excuse request was not accepted";
      lines = [
        accepted
          ? `Your absence from ${session} is excused: it does not count against your attendance.`
          : `Your request to be excused from ${session} was not accepted.`,
        ...(notice.data.note ? [`The organisers' message: ${notice.data.note}`] : []),
      ];
      break;
    }
  }
  return renderMail({
    subject,
    preview: lines[0] ?? subject,
    greeting: `Dear ${name},`,
    paragraphs: lines,
    ...(action && { action }),
    links,
    signature: siteName,
    ...(input.unsubscribeUrl && { unsubscribe: { what: "reminders", url: input.unsubscribeUrl } }),
  });
}
