"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { SITE_NAME } from "@/lib/auth/sign-in-mail";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { commitRosterImport, stageRosterImport } from "@/lib/db/roster";
import { parseRoster, ROSTER_LIMITS, type RosterField } from "@/lib/domain/roster";
import { decodeTextFile } from "@/lib/domain/text-file";
import { siteUrl } from "@/lib/http/site-url";
import { redirect } from "@/lib/i18n/navigation";
import { composeRosterInvitation } from "@/lib/mail/roster-invitation";
import { queueMails } from "@/lib/mail/send";
import { ZId } from "@/lib/schemas/common";

export type UploadState =
  | { error?: undefined }
  | {
      error: "no-file" | "not-csv" | "too-large" | "too-many-rows" | "empty" | "not-found";
      limit?: number;
      actual?: number;
    }
  | { error: "missing-columns"; missing: RosterField[] };

/** Keeps the upload for its dry run; nothing about people is written here. */
export async function uploadRoster(_prev: UploadState, form: FormData): Promise<UploadState> {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const file = form.get("file");
  if (!cohortId.success) return { error: "not-found" };
  // A form sent with no file chosen carries an empty one without a name; a chosen file of no bytes has its name.
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) return { error: "no-file" };
  if (file.size === 0) return { error: "empty" };
  if (file.size > ROSTER_LIMITS.maxBytes)
    return { error: "too-large", limit: ROSTER_LIMITS.maxBytes, actual: file.size };
  if (!/\.(csv|txt)$/i.test(file.name) && !/^text\/|csv/.test(file.type)) return { error: "not-csv" };
  const { text: content } = decodeTextFile(new Uint8Array(await file.arrayBuffer()));
  const parsed = parseRoster(content);
  if (!parsed.ok) return parsed;
  const db = getDb();
  const cohort = await getCohortForAdmin(db, cohortId.data);
  if (!cohort) return { error: "not-found" };
  const { id } = await stageRosterImport(db, admin.id, cohort.id, { fileName: file.name.slice(0, 200), content });
  redirect({ href: `/admin/cohorts/${cohort.id}/import/${id}`, locale: await getLocale() });
  return {};
}

/** Applies the dry run; then, if asked, e-mails the people who got a place, after the response. */
export async function confirmRoster(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const importId = ZId.safeParse(form.get("importId"));
  const locale = await getLocale();
  if (!cohortId.success || !importId.success) redirect({ href: "/admin/cohorts", locale });
  const db = getDb();
  const cohort = await getCohortForAdmin(db, cohortId.data!);
  if (!cohort) redirect({ href: "/admin/cohorts", locale });
  const outcome = await commitRosterImport(db, admin.id, cohort!.id, importId.data!, {
    invite: form.get("invite") === "on",
  });
  if (outcome.ok && outcome.invite.length > 0) {
    // Queued with the import: the queue delivers them, retrying while the mail server is down.
    const signInUrl = `${siteUrl()}/sign-in`;
    await queueMails(
      db,
      await Promise.all(
        outcome.invite.map(async (person) => ({
          kind: "invitation" as const,
          to: person.email,
          // Once per person and import, however often the queuing is tried.
          key: `invitation:${importId.data!}:${person.email.toLowerCase()}`,
          ...(await composeRosterInvitation({
            name: person.name,
            cohort: cohort!.name,
            signInUrl,
            siteName: SITE_NAME,
          })),
        })),
      ),
    );
  }
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohort!.id}`, "layout");
  redirect({ href: `/admin/cohorts/${cohort!.id}/import/${importId.data}`, locale });
}
