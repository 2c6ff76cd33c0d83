"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { saveAttendanceSettings } from "@/lib/db/attendance";
import { redirect } from "@/lib/i18n/navigation";
import { ZAttendanceSettingsForm } from "@/lib/schemas/attendance-settings";
import { ZId } from "@/lib/schemas/common";

export async function saveAttendanceSettingsAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const locale = await getLocale();
  if (!cohortId.success) return redirect({ href: "/admin/cohorts", locale });
  const back = `/admin/cohorts/${cohortId.data}/attendance`;
  const parsed = ZAttendanceSettingsForm.safeParse({
    presentPercent: String(form.get("presentPercent") ?? ""),
    latePercent: String(form.get("latePercent") ?? ""),
    lateAfterMinutes: String(form.get("lateAfterMinutes") ?? ""),
    excusedCounts: form.get("excusedCounts") ?? undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return redirect({
      href: { pathname: back, query: { field: String(issue.path[0]), error: issue.message } },
      locale,
    });
  }
  const ok = await saveAttendanceSettings(getDb(), admin.id, cohortId.data, parsed.data);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}`, "layout");
  redirect({ href: { pathname: back, query: ok ? { settings: "saved" } : {} }, locale: locale });
}
