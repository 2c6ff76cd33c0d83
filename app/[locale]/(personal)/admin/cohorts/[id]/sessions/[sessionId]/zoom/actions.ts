"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortSession } from "@/lib/db/sessions";
import { commitZoomImport, forgetZoomName, stageZoomImport } from "@/lib/db/zoom-import";
import { choicesFrom } from "@/lib/schemas/zoom-choices";
import { isTimeZone } from "@/lib/domain/profile";
import { parseZoomReport, ZOOM_LIMITS } from "@/lib/domain/zoom-report";
import { redirect } from "@/lib/i18n/navigation";
import { ZId } from "@/lib/schemas/common";

/** A person's key in a report, as lib/domain/attendance's mergeParticipants builds it. */
const ZZoomKey = z
  .string()
  .max(400)
  .regex(/^(email|name):.+$/s);

export async function uploadZoomReport(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success) return redirect({ href: "/admin/cohorts", locale });
  const back = `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}/attendance`;
  const fail = (zoom: string) => redirect({ href: { pathname: back, query: { zoom } }, locale });
  const db = getDb();
  if (!(await getCohortSession(db, cohortId.data, sessionId.data))) return redirect({ href: "/admin/cohorts", locale });
  const file = form.get("file");
  const timeZone = String(form.get("timeZone") ?? "");
  if (!(file instanceof File) || file.size === 0) return fail("no-file");
  if (file.size > ZOOM_LIMITS.maxBytes) return fail("too-large");
  if (!isTimeZone(timeZone)) return fail("bad-zone");
  const content = (await file.text()).replaceAll("\0", "");
  const report = parseZoomReport(content, timeZone);
  if (!report.ok) return fail(report.error);
  const { id } = await stageZoomImport(db, admin.id, sessionId.data, {
    fileName: file.name.slice(0, 200),
    content,
    timeZone,
  });
  redirect({ href: `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}/zoom/${id}`, locale });
}

export async function applyZoomReport(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const importId = ZId.safeParse(form.get("importId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success || !importId.success) return redirect({ href: "/admin/cohorts", locale });
  const entries: [string, unknown][] = [];
  for (const key of new Set(form.keys())) entries.push([key, key === "o" ? form.getAll(key) : form.get(key)]);
  const result = await commitZoomImport(
    getDb(),
    admin.id,
    cohortId.data,
    sessionId.data,
    importId.data,
    choicesFrom(entries),
  );
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}`, "layout");
  const base = `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}`;
  if (result.ok)
    return redirect({ href: { pathname: `${base}/attendance`, query: { saved: String(result.set) } }, locale });
  // Back to the preview with the choices made so far (who is who, the zone, Import anyway), so that
  // fixing what was refused does not mean making them all again.
  const kept: Record<string, string | string[]> = {};
  for (const [key, value] of entries)
    if ((key.startsWith("a:") || key === "o" || key === "zone" || key === "misfit") && value !== null)
      kept[key] = Array.isArray(value) ? value.map(String) : String(value);
  redirect({ href: { pathname: `${base}/zoom/${importId.data}`, query: { ...kept, error: result.error } }, locale });
}

/**
 * Forgets a remembered Zoom name of the cohort and returns to the preview, keeping the admin's other choices.
 * The page binds the name's key to each row's button (a button carrying a server action cannot carry a value).
 */
export async function forgetZoomNameAction(zoomKey: unknown, form: unknown) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  if (!(form instanceof FormData)) return redirect({ href: "/admin/cohorts", locale });
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const importId = ZId.safeParse(form.get("importId"));
  const key = ZZoomKey.safeParse(zoomKey);
  if (!cohortId.success || !sessionId.success || !importId.success) return redirect({ href: "/admin/cohorts", locale });
  const query: Record<string, string> = {};
  for (const [k, v] of form.entries())
    if (k.startsWith("a:") && typeof v === "string" && (!key.success || k !== `a:${key.data}`)) query[k] = v;
  // Scoped to the cohort; the preview it returns to checks that the session and import are the cohort's.
  if (key.success && (await forgetZoomName(getDb(), admin.id, cohortId.data, key.data))) query.forgotten = "1";
  redirect({
    href: { pathname: `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}/zoom/${importId.data}`, query },
    locale,
  });
}
