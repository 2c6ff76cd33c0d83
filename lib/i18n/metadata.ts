import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/** The <title> of a page that search engines should not list (accounts, admin), with `values` for the message's placeholders. */
export async function privatePageMetadata(
  namespace:
    | "Auth"
    | "Profile"
    | "Outbox"
    | "Audit"
    | "AdminCohorts"
    | "AdminSessions"
    | "AdminEnrolments"
    | "Roster"
    | "Dashboard"
    | "Quiz"
    | "AdminQuizzes"
    | "AdminAttendance"
    | "AdminInbox"
    | "Report"
    | "Excuse"
    | "CheckIn"
    | "AdminCertificates"
    | "CertificateTemplate"
    | "People"
    | "Passkeys"
    | "Unsubscribe"
    | "AdminAnnouncements",
  key = "title",
  values?: Record<string, string | number>,
): Promise<Metadata> {
  const t = await getTranslations(namespace);
  return { title: t(key as never, values as never), robots: { index: false } };
}
