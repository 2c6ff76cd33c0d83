// The e-mail that tells someone an admin has given them a place. Pure: no I/O.
import { renderMail, type Mail } from "./template";

export function composeRosterInvitation(input: {
  name: string;
  cohort: string;
  signInUrl: string;
  siteName: string;
}): Promise<Mail> {
  const { name, cohort, signInUrl, siteName } = input;
  return renderMail({
    subject: `Your place in ${cohort}`,
    preview: `You have a place in ${cohort}. Sign in to see the schedule and the lectures.`,
    greeting: `Dear ${name},`,
    paragraphs: [
      `You have a place in ${cohort} at the ${siteName}.`,
      "Sign in with this e-mail address to see the schedule and the lectures (no password: we send you a link). You will be asked to check your profile first: the name on your certificate comes from it.",
    ],
    action: { label: "Sign in", url: signInUrl },
    signature: siteName,
  });
}
