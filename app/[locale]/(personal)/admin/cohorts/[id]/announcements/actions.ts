"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { issueContext } from "@/lib/certificates/context";
import { getDb } from "@/lib/db";
import { discardAnnouncementDraft, saveAnnouncementDraft, sendAnnouncement } from "@/lib/db/announcements";
import { draftProblem, ZAnnouncementDraft } from "@/lib/domain/announcements";
import { redirect } from "@/lib/i18n/navigation";
import { ZId } from "@/lib/schemas/common";

const page = (cohortId: string) => `/admin/cohorts/${cohortId}/announcements`;
const text = (form: FormData, name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");

/**
 * "Preview": saves what was typed as a draft (new, or the draft being edited), then shows
 * its preview, or the form again with what is missing. Nothing typed is lost either way.
 */
export async function saveAnnouncementDraftAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const cohortId = ZId.safeParse(form.get("cohortId"));
  if (!cohortId.success) return redirect({ href: "/admin/cohorts", locale });
  const draftId = ZId.optional()
    .catch(undefined)
    .parse(form.get("draftId") || undefined);
  const values = ZAnnouncementDraft.safeParse({
    audience: text(form, "audience"),
    subject: text(form, "subject"),
    body: text(form, "body"),
  });
  if (!values.success)
    return redirect({ href: { pathname: page(cohortId.data), query: { error: "too-long" } }, locale });
  const id = await saveAnnouncementDraft(getDb(), {
    ...values.data,
    actorId: admin.id,
    cohortId: cohortId.data,
    id: draftId,
  });
  if (!id) return redirect({ href: { pathname: page(cohortId.data), query: { error: "not-found" } }, locale });
  const problem = draftProblem(values.data);
  redirect({
    href: { pathname: page(cohortId.data), query: problem ? { draft: id, edit: "1", error: problem } : { draft: id } },
    locale,
  });
}

/** "Send": the previewed draft goes to its audience as it stands now. */
export async function sendAnnouncementAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const input = z.object({ cohortId: ZId, draftId: ZId }).safeParse({
    cohortId: form.get("cohortId"),
    draftId: form.get("draftId"),
  });
  if (!input.success) return redirect({ href: "/admin/cohorts", locale });
  const { cohortId, draftId } = input.data;
  const context = await issueContext();
  const result = await sendAnnouncement(getDb(), {
    actorId: admin.id,
    cohortId,
    id: draftId,
    lectures: context.lectures,
  });
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId}/announcements`, "page");
  redirect({
    href: {
      pathname: page(cohortId),
      query: result.ok
        ? { sent: String(result.recipients) }
        : result.error === "subject" || result.error === "body"
          ? { draft: draftId, edit: "1", error: result.error }
          : { error: result.error },
    },
    locale,
  });
}

export async function discardAnnouncementDraftAction(form: FormData) {
  await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const input = z.object({ cohortId: ZId, draftId: ZId }).safeParse({
    cohortId: form.get("cohortId"),
    draftId: form.get("draftId"),
  });
  if (!input.success) return redirect({ href: "/admin/cohorts", locale });
  const discarded = await discardAnnouncementDraft(getDb(), input.data.cohortId, input.data.draftId);
  redirect({
    href: { pathname: page(input.data.cohortId), query: discarded ? { discarded: "1" } : { error: "not-found" } },
    locale,
  });
}
