"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { templateDraft, type DraftError } from "@/lib/certificates/template-draft";
import { getDb } from "@/lib/db";
import { currentTemplate, saveTemplate } from "@/lib/db/certificate-templates";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import type { TemplateFieldError } from "@/lib/domain/certificate-template";
import { redirect } from "@/lib/i18n/navigation";
import { parseTemplateForm } from "@/lib/schemas/certificate-template";
import { ZId } from "@/lib/schemas/common";

export type TemplateFormState = {
  error?: TemplateFieldError | DraftError["error"] | "changed";
  slot?: DraftError["slot"];
};

/**
 * Admin: saves the cohort's certificate template as its next version. Certificates already
 * issued keep theirs; the next one issued (a reissue too) is printed with this one.
 */
export async function saveCertificateTemplateAction(
  _previous: TemplateFormState,
  form: FormData,
): Promise<TemplateFormState> {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const db = getDb();
  const cohort = cohortId.success ? await getCohortForAdmin(db, cohortId.data) : null;
  if (!cohort) return redirect({ href: "/admin/cohorts", locale });
  const parsed = parseTemplateForm(form);
  if (!parsed.ok) return { error: parsed.error };
  const draft = await templateDraft(parsed.form, await currentTemplate(db, cohort.id));
  if (!draft.ok) return { error: draft.error, slot: draft.slot };
  const saved = await saveTemplate(db, admin.id, cohort.id, {
    fields: parsed.form.fields,
    logos: draft.draft.logos,
    signatures: draft.draft.signatures,
  });
  // Another admin saved a version without an image this form kept.
  if (!saved) return { error: "changed" };
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohort.id}`, "layout");
  redirect({
    href: { pathname: `/admin/cohorts/${cohort.id}/certificates/template`, query: { saved: String(saved.version) } },
    locale,
  });
  return {};
}
