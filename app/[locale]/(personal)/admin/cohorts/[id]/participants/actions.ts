"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { changeEnrolment } from "@/lib/db/enrolments-admin";
import { redirect } from "@/lib/i18n/navigation";
import { ZId } from "@/lib/schemas/common";

const ZChange = z.discriminatedUnion("action", [
  z.object({ action: z.enum(["approve", "reject", "withdraw", "reinstate"]), cohortId: ZId, enrolmentId: ZId }),
  z.object({ action: z.literal("move"), cohortId: ZId, enrolmentId: ZId, targetCohortId: ZId }),
]);
const CONFIRMED: ReadonlySet<string> = new Set(["reject", "withdraw"]);
// The list's filters, carried through so the admin comes back to the same view.
const ZView = z.object({
  status: z.enum(["PENDING", "ACTIVE", "WITHDRAWN", "REJECTED"]).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function changeEnrolmentAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const raw = Object.fromEntries(
    ["action", "cohortId", "enrolmentId", "targetCohortId"].map((k) => [k, form.get(k) ?? undefined]),
  );
  const view = ZView.parse({
    status: form.get("status") || undefined,
    q: form.get("q") || undefined,
    page: form.get("page") || undefined,
  });
  const parsed = ZChange.safeParse(raw);
  const locale = await getLocale();
  const cohortId = ZId.safeParse(raw.cohortId);
  if (!cohortId.success) redirect({ href: "/admin/cohorts", locale });
  const back = (result: Record<string, string>) =>
    redirect({
      href: { pathname: `/admin/cohorts/${cohortId.data}/participants`, query: { ...stringify(view), ...result } },
      locale,
    });
  if (!parsed.success) return back({ error: raw.action === "move" ? "choose-cohort" : "not-allowed" });
  // Rejecting and withdrawing take a place or a request away: only the confirmation step's button sends `confirm`.
  if (CONFIRMED.has(parsed.data.action) && form.get("confirm") !== "yes") return back({ error: "confirm" });
  const result = await changeEnrolment(getDb(), admin.id, parsed.data);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${parsed.data.cohortId}`, "layout");
  if (parsed.data.action === "move")
    revalidatePath(`/[locale]/(personal)/admin/cohorts/${parsed.data.targetCohortId}`, "layout");
  return back(result.ok ? { done: parsed.data.action } : { error: result.error });
}

function stringify(view: z.infer<typeof ZView>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(view)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}
