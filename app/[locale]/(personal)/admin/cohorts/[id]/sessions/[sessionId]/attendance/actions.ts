"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { issueWhenEligible } from "@/lib/certificates/issue-when-eligible";
import { getDb } from "@/lib/db";
import { markAttendance, sessionAttendance, type Mark } from "@/lib/db/attendance";
import { setCheckIn } from "@/lib/db/check-in";
import { decideExcuse } from "@/lib/db/excuses";
import { redirect } from "@/lib/i18n/navigation";

const ZId = z.string().min(1).max(40);
const ZStatus = z.enum(["PRESENT", "LATE", "EXCUSED", "ABSENT"]);

/**
 * Saves the grid: every row whose status is chosen (`status-<userId>`), with
 * its note (`note-<userId>`). "Mark the rest present" sets every unmarked row.
 */
export async function saveAttendance(form: FormData) {
  const admin = await requireAdmin("/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success) return redirect({ href: "/admin/cohorts", locale });
  const back = `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}/attendance`;
  const db = getDb();
  const grid = await sessionAttendance(db, cohortId.data, sessionId.data);
  if (!grid) return redirect({ href: "/admin/cohorts", locale });
  const restPresent = form.get("intent") === "rest-present";
  const marks: Mark[] = [];
  for (const { user, record } of grid.rows) {
    const raw = form.get(`status-${user.id}`);
    const note = z
      .string()
      .max(500)
      .catch("")
      .parse(form.get(`note-${user.id}`) ?? "");
    const status = ZStatus.safeParse(raw);
    if (status.success) marks.push({ userId: user.id, status: status.data, note });
    else if (restPresent && !record) marks.push({ userId: user.id, status: "PRESENT", note });
    else if (raw !== null && raw !== "")
      return redirect({ href: { pathname: back, query: { error: "invalid" } }, locale });
  }
  const result = await markAttendance(db, admin.id, cohortId.data, sessionId.data, marks);
  if (result.ok && result.changed > 0)
    await issueWhenEligible(
      cohortId.data,
      marks.map((m) => m.userId),
    );
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}`, "layout");
  redirect({
    href: { pathname: back, query: result.ok ? { saved: String(result.changed) } : { error: result.error } },
    locale,
  });
}

export async function decideExcuseAction(form: FormData) {
  const admin = await requireAdmin("/admin/cohorts");
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
  if (result.ok && form.get("decision") === "approve") await issueWhenEligible(cohortId.data, null);
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
  const admin = await requireAdmin("/admin/cohorts");
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success) return redirect({ href: "/admin/cohorts", locale });
  const open = form.get("open") === "true";
  await setCheckIn(getDb(), admin.id, cohortId.data, sessionId.data, open ? { minutes: 15 } : null);
  const base = `/admin/cohorts/${cohortId.data}/sessions/${sessionId.data}`;
  redirect({ href: open ? `${base}/check-in` : `${base}/attendance`, locale });
}
