"use server";

import { getLocale } from "next-intl/server";
import { requireCompleteProfile } from "@/lib/auth/session";
import { issueContext } from "@/lib/certificates/context";
import { getDb } from "@/lib/db";
import { issueCertificate } from "@/lib/db/certificate-issue";
import { cohortAutoIssues } from "@/lib/db/certificates";
import { redirect } from "@/lib/i18n/navigation";
import { ZId } from "@/lib/schemas/common";

/**
 * A participant who meets the rule asks for their certificate now (automatic issuing
 * normally got there first). Only ever for themselves, and only when eligible.
 */
export async function claimCertificate(form: FormData) {
  const user = await requireCompleteProfile("/dashboard");
  const locale = await getLocale();
  const cohortId = ZId.safeParse(form.get("cohortId"));
  if (!cohortId.success) return redirect({ href: "/dashboard", locale });
  const db = getDb();
  const result = !(await cohortAutoIssues(db, cohortId.data))
    ? { ok: false as const, error: "not-eligible" as const }
    : await issueCertificate(db, {
        userId: user.id,
        cohortId: cohortId.data,
        actorId: null,
        context: await issueContext(),
      });
  redirect({
    href: { pathname: "/dashboard", query: result.ok ? { certificate: "issued" } : { certificate: result.error } },
    locale,
  });
}
