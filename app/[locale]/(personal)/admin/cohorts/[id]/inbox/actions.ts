"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { decideEnrolmentsInBulk, decideExcusesInBulk, type BulkResult } from "@/lib/db/inbox";
import { summariseBulk } from "@/lib/domain/inbox";
import { redirect } from "@/lib/i18n/navigation";
import { bulkDecisionInput, ZBulkDecision, type TBulkDecision } from "@/lib/schemas/inbox";
import { ZId } from "@/lib/schemas/common";

type List = "enrolments" | "excuses";

/** Approves or refuses the checked enrolment requests of the cohort. */
export async function decideEnrolmentRequests(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  return decide(form, "enrolments", (input) =>
    decideEnrolmentsInBulk(getDb(), admin.id, { cohortId: input.cohortId, ids: input.ids, decision: input.decision }),
  );
}

/** Accepts or refuses the checked excuse requests of the cohort, with an optional message to the participants. */
export async function decideExcuseRequests(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  return decide(form, "excuses", (input) =>
    decideExcusesInBulk(getDb(), admin.id, {
      cohortId: input.cohortId,
      ids: input.ids,
      decision: input.decision,
      note: input.note,
    }),
  );
}

async function decide(form: FormData, list: List, apply: (input: TBulkDecision) => Promise<BulkResult>) {
  const locale = await getLocale();
  const raw = bulkDecisionInput(form);
  const cohortId = ZId.safeParse(raw.cohortId);
  if (!cohortId.success) return redirect({ href: "/admin/cohorts", locale });
  const back = (query: Record<string, string>) =>
    redirect({ href: { pathname: `/admin/cohorts/${cohortId.data}/inbox`, query: { list, ...query } }, locale });
  const parsed = ZBulkDecision.safeParse(raw);
  if (!parsed.success) return back({ error: raw.ids.length === 0 ? "none-selected" : "invalid" });
  if (parsed.data.decision === "reject" && parsed.data.confirm !== "yes") return back({ error: "confirm" });
  const result = await apply(parsed.data);
  if (!result.ok)
    return result.error === "not-found" ? redirect({ href: "/admin/cohorts", locale }) : back({ error: "invalid" });
  const summary = summariseBulk(parsed.data.decision, [...result.outcomes.values()]);
  revalidatePath("/[locale]/(personal)/admin/cohorts", "layout");
  return back({
    done: summary.decision,
    n: String(summary.done),
    full: String(summary.full),
    skipped: String(summary.skipped),
  });
}
