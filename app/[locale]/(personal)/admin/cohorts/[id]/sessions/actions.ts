"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { listLectures } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { createSession, deleteSession, listCohortSessions, updateSession } from "@/lib/db/sessions";
import { sameSession } from "@/lib/domain/schedule";
import { redirect } from "@/lib/i18n/navigation";
import { parseSessionForm, SESSION_FIELDS, type TSessionField } from "@/lib/schemas/session";
import { ZId } from "@/lib/schemas/common";

export type SessionFormState = {
  values: Record<string, string>;
  errors: Partial<Record<TSessionField | "form", string>>;
};

export async function saveSession(_prev: SessionFormState, form: FormData): Promise<SessionFormState> {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const values = Object.fromEntries(SESSION_FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.optional().safeParse(form.get("sessionId") || undefined);
  if (!cohortId.success || !sessionId.success) return { values, errors: { form: "not-found" } };
  const db = getDb();
  const cohort = await getCohortForAdmin(db, cohortId.data);
  if (!cohort) return { values, errors: { form: "not-found" } };
  const parsed = parseSessionForm(
    values,
    cohort,
    listLectures().map((l) => l.slug),
  );
  if (!parsed.ok) return { values, errors: parsed.errors };
  if (sameSession(parsed.data, await listCohortSessions(db, cohort.id), sessionId.data))
    return { values, errors: { startTime: "duplicate" } };
  if (sessionId.data) {
    const found = await updateSession(db, admin.id, cohort.id, sessionId.data, parsed.data);
    if (!found) return { values, errors: { form: "not-found" } };
  } else {
    await createSession(db, admin.id, cohort.id, parsed.data);
  }
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohort.id}/sessions`, "page");
  // The landing page's open cohorts show each one's next live session.
  revalidatePath("/[locale]/(public)", "page");
  redirect({
    href: { pathname: `/admin/cohorts/${cohort.id}/sessions`, query: { saved: sessionId.data ? "updated" : "added" } },
    locale: await getLocale(),
  });
  return { values, errors: {} };
}

/**
 * Deletes a session once the organiser has confirmed on the schedule's confirmation panel
 * (`confirm=yes`); a session with attendance only with `withAttendance=yes`, which the panel
 * sends when it has shown how many records go with it. Anything else leads to that panel.
 */
export async function removeSession(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success) return redirect({ href: "/admin/cohorts", locale });
  const schedule = `/admin/cohorts/${cohortId.data}/sessions`;
  if (form.get("confirm") !== "yes")
    return redirect({ href: { pathname: schedule, query: { delete: sessionId.data } }, locale });
  const result = await deleteSession(getDb(), admin.id, cohortId.data, sessionId.data, {
    withAttendance: form.get("withAttendance") === "yes",
  });
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}/sessions`, "page");
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}/attendance`, "page");
  revalidatePath("/[locale]/(public)", "page");
  // Attendance marked since the panel was shown: show it again, with the new count.
  if (result === "has-attendance")
    return redirect({ href: { pathname: schedule, query: { delete: sessionId.data } }, locale });
  redirect({
    href: { pathname: schedule, query: result === "deleted" ? { deleted: "1" } : { error: "not-found" } },
    locale,
  });
}
