"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { listLectures } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { createSession, deleteSession, updateSession } from "@/lib/db/sessions";
import { redirect } from "@/lib/i18n/navigation";
import { parseSessionForm, SESSION_FIELDS, type TSessionField } from "@/lib/schemas/session";

export type SessionFormState = {
  values: Record<string, string>;
  errors: Partial<Record<TSessionField | "form", string>>;
};

const ZId = z.string().min(1).max(40);

export async function saveSession(_prev: SessionFormState, form: FormData): Promise<SessionFormState> {
  const admin = await requireAdmin("/admin/cohorts");
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
  if (sessionId.data) {
    const found = await updateSession(db, admin.id, cohort.id, sessionId.data, parsed.data);
    if (!found) return { values, errors: { form: "not-found" } };
  } else {
    await createSession(db, admin.id, cohort.id, parsed.data);
  }
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohort.id}/sessions`, "page");
  // The landing page's open cohorts show each one's next live session.
  revalidatePath("/[locale]/(public)", "page");
  redirect({ href: `/admin/cohorts/${cohort.id}/sessions`, locale: await getLocale() });
  return { values, errors: {} };
}

export async function removeSession(form: FormData) {
  const admin = await requireAdmin("/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  if (!cohortId.success || !sessionId.success) return;
  const result = await deleteSession(getDb(), admin.id, cohortId.data, sessionId.data);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}/sessions`, "page");
  revalidatePath("/[locale]/(public)", "page");
  if (result === "has-attendance")
    redirect({
      href: { pathname: `/admin/cohorts/${cohortId.data}/sessions`, query: { error: "has-attendance" } },
      locale: await getLocale(),
    });
}
