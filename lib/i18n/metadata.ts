import type { Metadata } from "next";
import { cache } from "react";
import { getTranslations } from "next-intl/server";
import { getCurrentUser, mayManageCohort } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { ZId } from "@/lib/schemas/common";
import { siteTitle } from "./title";

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

/**
 * How a cohort's admin pages write their titles: the template "%s · <cohort> · <site>", and
 * "<cohort> · <site>" where a page sets none, for someone who
 * may manage the cohort; null for anyone else (the pages answer them with the 404 page,
 * whose title must not give the cohort's name away) and for a cohort that does not exist.
 * Once per request: the settings page and the layout above it both ask.
 */
export const cohortTitles = cache(async (cohortId: unknown): Promise<{ template: string; default: string } | null> => {
  const id = ZId.safeParse(cohortId);
  const user = await getCurrentUser();
  if (!id.success || !user || !(await mayManageCohort(user, id.data))) return null;
  const cohort = await getCohortForAdmin(getDb(), id.data);
  if (!cohort) return null;
  const site = (await getTranslations("Site"))("name");
  return { template: siteTitle(site, "%s", cohort.name), default: siteTitle(site, cohort.name) };
});
