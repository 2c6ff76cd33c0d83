"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { namedCohort, requireCohortManager } from "@/lib/auth/session";
import { issueContext } from "@/lib/certificates/context";
import { getDb } from "@/lib/db";
import { issueAfterRevocation, reissueCertificate, revokeCertificate } from "@/lib/db/certificate-issue";
import { startCertificateRun } from "@/lib/db/certificate-runs";
import { getCertificate, saveCertificateRule } from "@/lib/db/certificates";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { redirect } from "@/lib/i18n/navigation";
import { parseCertificateRuleForm } from "@/lib/schemas/certificate-rule";
import { ZId } from "@/lib/schemas/common";

const page = (cohortId: string) => `/admin/cohorts/${cohortId}/certificates`;
// The list's filter and page, carried through a row's action so the admin comes back to the same view.
const ZListView = z.object({
  show: z.enum(["due", "missing", "issued", "revoked"]).optional().catch(undefined),
  page: z.coerce.number().int().min(2).max(10_000).optional().catch(undefined),
});
const listView = (form: FormData) => {
  const view = ZListView.parse({ show: form.get("show") ?? undefined, page: form.get("page") ?? undefined });
  return {
    ...(view.show && { show: view.show }),
    ...(view.page && { page: String(view.page) }),
  };
};

export async function saveCertificateRuleAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const cohortId = ZId.safeParse(form.get("cohortId"));
  if (!cohortId.success) return redirect({ href: "/admin/cohorts", locale });
  const context = await issueContext();
  const parsed = parseCertificateRuleForm(
    form,
    context.lectures.map((l) => l.slug),
  );
  if (!parsed.ok) return redirect({ href: { pathname: page(cohortId.data), query: { error: parsed.error } }, locale });
  const saved = await saveCertificateRule(getDb(), admin.id, cohortId.data, parsed.rule, context.lectures);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId.data}`, "layout");
  // With automatic issuing on, saving queued issuing to whoever now meets the rule (lib/db/certificates.ts).
  const notice = parsed.rule.autoIssue ? "rule-auto" : "rule";
  redirect({ href: saved ? { pathname: page(cohortId.data), query: { saved: notice } } : "/admin/cohorts", locale });
}

/**
 * Admin: starts issuing the certificates due, as the page's Issue button does through the API
 * when the page runs its scripts: a job of the queue (lib/db/certificate-runs.ts), or the run
 * already under way. Without JavaScript the page then shows the run's progress when reloaded.
 */
export async function issueDueCertificatesAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const cohortId = ZId.safeParse(form.get("cohortId"));
  if (!cohortId.success || !(await getCohortForAdmin(getDb(), cohortId.data)))
    return redirect({ href: "/admin/cohorts", locale });
  await startCertificateRun(getDb(), admin.id, cohortId.data);
  redirect({ href: { pathname: page(cohortId.data), query: { saved: "issuing" } }, locale });
}

/** The certificate named in the form, if it belongs to the cohort named in the form. */
async function certificateOfCohort(form: FormData) {
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const certificateId = ZId.safeParse(form.get("certificateId"));
  if (!cohortId.success || !certificateId.success) return null;
  const certificate = await getCertificate(getDb(), certificateId.data);
  return certificate?.cohortId === cohortId.data ? certificate : null;
}

export async function revokeCertificateAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const certificate = await certificateOfCohort(form);
  if (!certificate) return redirect({ href: "/admin/cohorts", locale });
  const reason = z.string().trim().min(3).max(500).safeParse(form.get("reason"));
  if (!reason.success)
    return redirect({
      // Back to the row's form, which says what is missing.
      href: `${page(certificate.cohortId)}?${new URLSearchParams({ ...listView(form), error: "reason", confirm: `revoke:${certificate.id}` })}#confirm`,
      locale,
    });
  const done = await revokeCertificate(getDb(), admin.id, certificate.id, reason.data);
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${certificate.cohortId}`, "layout");
  revalidatePath("/[locale]/(public)/verify/[code]", "page");
  redirect({
    href: {
      pathname: page(certificate.cohortId),
      query: { ...listView(form), ...(done ? { saved: "revoked" } : { error: "already-revoked" }) },
    },
    locale,
  });
}

export async function reissueCertificateAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const certificate = await certificateOfCohort(form);
  if (!certificate) return redirect({ href: "/admin/cohorts", locale });
  // Only the confirmation step's button sends `confirm`: a reissue revokes the certificate it replaces.
  if (form.get("confirm") !== "yes")
    return redirect({
      href: { pathname: page(certificate.cohortId), query: { ...listView(form), error: "confirm" } },
      locale,
    });
  const result = await reissueCertificate(getDb(), admin.id, certificate.id, await issueContext());
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${certificate.cohortId}`, "layout");
  revalidatePath("/[locale]/(public)/verify/[code]", "page");
  redirect({
    href: {
      pathname: page(certificate.cohortId),
      query: { ...listView(form), ...(result.ok ? { saved: "reissued" } : { error: result.error }) },
    },
    locale,
  });
}

/**
 * Issues a new certificate to one participant whose certificate an organiser revoked: the
 * deliberate step that ends a revocation (automatic and bulk issuing never do).
 */
export async function issueAfterRevocationAction(form: FormData) {
  const admin = await requireCohortManager(namedCohort(form), "/admin/cohorts");
  const locale = await getLocale();
  const input = z.object({ cohortId: ZId, userId: ZId }).safeParse({
    cohortId: form.get("cohortId"),
    userId: form.get("userId"),
  });
  if (!input.success) return redirect({ href: "/admin/cohorts", locale });
  const { cohortId, userId } = input.data;
  const result = await issueAfterRevocation(getDb(), {
    actorId: admin.id,
    userId,
    cohortId,
    context: await issueContext(),
  });
  revalidatePath(`/[locale]/(personal)/admin/cohorts/${cohortId}`, "layout");
  revalidatePath("/[locale]/(public)/verify/[code]", "page");
  redirect({
    href: {
      pathname: page(cohortId),
      query: {
        ...listView(form),
        ...(!result.ok
          ? { error: result.error }
          : result.created
            ? { saved: "issued-again" }
            : { error: "already-held" }),
      },
    },
    locale,
  });
}
