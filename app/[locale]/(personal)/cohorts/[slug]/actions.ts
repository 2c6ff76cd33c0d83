"use server";

import { getLocale } from "next-intl/server";
import { forgetEnrolIntent, rememberEnrolIntent } from "@/lib/auth/enrol-intent";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { enrolFromListing } from "@/lib/db/enrolments";
import { redirect } from "@/lib/i18n/navigation";
import { ZCohortSlug } from "@/lib/schemas/cohort";

/** Enrol (or Request a place) on a listed cohort's page: the invite link's flow, by slug. */
export async function enrolInListedCohort(form: FormData) {
  const slug = ZCohortSlug.safeParse(form.get("slug"));
  const locale = await getLocale();
  if (!slug.success) return redirect({ href: "/", locale });
  const path = `/cohorts/${slug.data}`;
  // Should sign-in or the profile come first, the page finishes this on the way back.
  await rememberEnrolIntent({ slug: slug.data });
  const user = await requireCompleteProfile(path);
  const result = await enrolFromListing(getDb(), user.id, slug.data);
  await forgetEnrolIntent();
  const outcome = result.outcome === "invalid-code" ? undefined : result.outcome;
  return redirect({ href: outcome ? { pathname: path, query: { outcome } } : path, locale });
}
