"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { namedCohort, requireAdmin, requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { assignOrganiser, removeOrganiser } from "@/lib/db/cohort-organisers";
import { createCohort, setCohortArchived, updateCohort } from "@/lib/db/cohorts-admin";
import { rotateInviteCode } from "@/lib/db/enrolments";
import { redirect } from "@/lib/i18n/navigation";
import { COHORT_FIELDS, ZCohortForm, type TCohortField } from "@/lib/schemas/cohort";
import { ZEmailAddress, ZId } from "@/lib/schemas/common";

export type CohortFormState = { values: Record<string, string>; errors: Partial<Record<TCohortField, string>> };

export async function saveCohort(_prev: CohortFormState, form: FormData): Promise<CohortFormState> {
  // Changing a cohort is for those who manage it; creating one is for admins.
  const admin = namedCohort(form, "id")
    ? await requireCohortManager(namedCohort(form, "id"), "/admin/cohorts")
    : await requireAdmin("/admin/cohorts/new");
  const values = Object.fromEntries(COHORT_FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
  const parsed = ZCohortForm.safeParse(values);
  if (!parsed.success) {
    const errors: CohortFormState["errors"] = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as TCohortField] ??= issue.message;
    return { values, errors };
  }
  const id = ZId.safeParse(form.get("id"));
  const db = getDb();
  const result = id.success
    ? await updateCohort(db, admin.id, id.data, parsed.data)
    : await createCohort(db, admin.id, parsed.data);
  if (!result.ok && result.field) return { values, errors: { [result.field]: result.error } };
  revalidatePath("/[locale]", "layout");
  const query = result.ok ? { saved: id.success ? "updated" : "created", cohort: result.id } : undefined;
  redirect({ href: query ? { pathname: "/admin/cohorts", query } : "/admin/cohorts", locale: await getLocale() });
  return { values, errors: {} };
}

export async function archiveCohort(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form, "id"), "/admin/cohorts");
  const id = ZId.safeParse(form.get("id"));
  const archived = form.get("archived") === "true";
  if (!id.success) return;
  await setCohortArchived(getDb(), admin.id, id.data, archived);
  revalidatePath("/[locale]", "layout");
}

/** Replaces the cohort's invite link, once confirmed: the old link stops working at once. */
export async function rotateInvite(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form, "id"), "/admin/cohorts");
  const locale = await getLocale();
  const id = ZId.safeParse(form.get("id"));
  if (!id.success) return redirect({ href: "/admin/cohorts", locale });
  // Only the confirmation step's button sends `confirm`.
  if (form.get("confirm") !== "yes")
    return redirect({ href: { pathname: `/admin/cohorts/${id.data}`, query: { invite: "unconfirmed" } }, locale });
  const done = await rotateInviteCode(getDb(), admin.id, id.data);
  if (!done) return redirect({ href: "/admin/cohorts", locale });
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${id.data}`, "page");
  redirect({ href: { pathname: `/admin/cohorts/${id.data}`, query: { invite: "rotated" } }, locale });
}

const ZOrganiserForm = z.object({ id: ZId, email: ZEmailAddress });

/** Admin: assigns the person with the e-mail address to organise the cohort (a participant becomes an organiser). */
export async function assignOrganiserAction(form: FormData) {
  const admin = await requireAdmin("/admin/cohorts");
  const locale = await getLocale();
  const id = ZId.safeParse(form.get("id"));
  if (!id.success) return redirect({ href: "/admin/cohorts", locale });
  const back = (query: Record<string, string>) =>
    redirect({ href: `/admin/cohorts/${id.data}?${new URLSearchParams(query)}#organisers`, locale });
  const parsed = ZOrganiserForm.safeParse({ id: id.data, email: form.get("email") ?? "" });
  if (!parsed.success) return back({ organiserError: "email" });
  const result = await assignOrganiser(getDb(), admin.id, id.data, parsed.data.email);
  if (!result.ok)
    return result.error === "cohort-not-found"
      ? redirect({ href: "/admin/cohorts", locale })
      : back({ organiserError: result.error });
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${id.data}`, "page");
  back({ organiser: result.promoted ? "promoted" : "assigned" });
}

/** Admin: ends an organiser's assignment to the cohort. */
export async function removeOrganiserAction(form: FormData) {
  const admin = await requireAdmin("/admin/cohorts");
  const locale = await getLocale();
  const input = z.object({ id: ZId, userId: ZId }).safeParse({ id: form.get("id"), userId: form.get("userId") });
  if (!input.success) return redirect({ href: "/admin/cohorts", locale });
  const removed = await removeOrganiser(getDb(), admin.id, input.data.id, input.data.userId);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${input.data.id}`, "page");
  const query = new URLSearchParams(removed ? { organiser: "removed" } : { organiserError: "not-organiser" });
  redirect({ href: `/admin/cohorts/${input.data.id}?${query}#organisers`, locale });
}
