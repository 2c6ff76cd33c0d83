"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { markAttendance, type Mark } from "@/lib/db/attendance";
import { markUnmarked } from "@/lib/db/attendance-register";
import { setCheckIn } from "@/lib/db/check-in";
import { decideExcuse } from "@/lib/db/excuses";
import { PAGE_SIZE, ZPage, ZSearch } from "@/lib/domain/paging";
import { redirect } from "@/lib/i18n/navigation";
import { ZId } from "@/lib/schemas/common";

const ZStatus = z.enum(["PRESENT", "LATE", "EXCUSED", "ABSENT"]);
/** The rows of the page the form showed (`row`): only those are saved. */
const ZRows = z.array(ZId).max(PAGE_SIZE * 2);
/** The register's view, kept across the save so that it returns to the same page. */
const ZView = z.object({
  show: z.enum(["unmarked", "PRESENT", "LATE", "EXCUSED", "ABSENT"]).optional().catch(undefined),
  q: ZSearch,
  page: ZPage,
});

/**
 * Saves one page of the register: each of the page's rows (`row`) whose status is chosen
 * (`status-<userId>`), with its note (`note-<userId>`). "Mark the rest present" also marks
 * present every participant of the session, on any page, not marked yet.
 */
export async function saveAttendance(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success) return redirect({ href: "/admin/cohorts", locale });
  const back = `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}/attendance`;
  const parsedView = ZView.parse({
    show: form.get("show") ?? undefined,
    q: form.get("q") ?? undefined,
    page: form.get("page") ?? undefined,
  });
  const view = {
    ...(parsedView.show && { show: parsedView.show }),
    ...(parsedView.q && { q: parsedView.q }),
    ...(parsedView.page > 1 && { page: String(parsedView.page) }),
  };
  const rows = ZRows.safeParse(form.getAll("row"));
  if (!rows.success) return redirect({ href: { pathname: back, query: { ...view, error: "invalid" } }, locale });
  const restPresent = form.get("intent") === "rest-present";
  const marks: Mark[] = [];
  for (const userId of new Set(rows.data)) {
    const raw = form.get(`status-${userId}`);
    const note = z
      .string()
      .max(500)
      .catch("")
      .parse(form.get(`note-${userId}`) ?? "");
    const status = ZStatus.safeParse(raw);
    if (status.success) marks.push({ userId, status: status.data, note });
    // A row without a status has no record (a stored one shows as a chosen radio): its note goes with "present".
    else if (restPresent && note.trim()) marks.push({ userId, status: "PRESENT", note });
    else if (raw !== null && raw !== "")
      return redirect({ href: { pathname: back, query: { ...view, error: "invalid" } }, locale });
  }
  const db = getDb();
  const result = await markAttendance(db, admin.id, cohortId.data, sessionId.data, marks);
  const rest =
    result.ok && restPresent ? await markUnmarked(db, admin.id, cohortId.data, sessionId.data, "PRESENT") : [];
  const changed = result.ok ? result.changed + (rest?.length ?? 0) : 0;
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}`, "layout");
  redirect({
    href: {
      pathname: back,
      query: { ...view, ...(result.ok ? { saved: String(changed) } : { error: result.error }) },
    },
    locale,
  });
}

export async function decideExcuseAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const requestId = ZId.safeParse(form.get("requestId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success || !requestId.success)
    return redirect({ href: "/admin/cohorts", locale });
  const result = await decideExcuse(
    getDb(),
    admin.id,
    cohortId.data,
    requestId.data,
    form.get("decision") === "approve",
  );
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}`, "layout");
  const back = `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}/attendance`;
  redirect({
    href: {
      pathname: back,
      query: result.ok
        ? { excuse: form.get("decision") === "approve" ? "approved" : "rejected" }
        : { excuse: result.error },
    },
    locale,
  });
}

export async function checkInAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success) return redirect({ href: "/admin/cohorts", locale });
  const open = form.get("open") === "true";
  await setCheckIn(getDb(), admin.id, cohortId.data, sessionId.data, open ? { minutes: 15 } : null);
  const base = `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}`;
  redirect({ href: open ? `${base}/check-in` : `${base}/attendance`, locale });
}
