import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortDates } from "@/components/cohorts/cohort-dates";
import { CohortFacts } from "@/components/cohorts/cohort-facts";
import { EnrolForm } from "@/components/enrol/enrol-form";
import { EnrolOutcome, EnrolPanel, ZEnrolOutcome } from "@/components/enrol/enrol-panel";
import { hasEnrolIntent } from "@/lib/auth/enrol-intent";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getListedCohort } from "@/lib/db/cohorts";
import { previewEnrolment } from "@/lib/db/enrolments";
import { enrolmentState } from "@/lib/domain/cohorts";
import { ZCohortSlug } from "@/lib/schemas/cohort";
import { enrolInListedCohort } from "./actions";
import { PageTitle } from "@/components/layout/page-title";

// The landing page's Enrol / Request a place button leads here. This page is the person's
// own (it reads their session), so it is rendered for each request; the landing page
// stays the same for everyone and cacheable.

export async function generateMetadata(): Promise<Metadata> {
  // The title is the cohort's, or the outcome's: rendered by the page (PageTitle).
  return { title: null, robots: { index: false } };
}

export default async function ListedCohortPage({ params, searchParams }: PageProps<"/[locale]/cohorts/[slug]">) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Enrol");
  const format = await getFormatter();
  const parsed = ZCohortSlug.safeParse(slug);
  const now = new Date();
  const cohort = parsed.success ? await getListedCohort(parsed.data, now) : null;
  if (!cohort) notFound();
  const outcome = ZEnrolOutcome.safeParse((await searchParams).outcome);
  if (outcome.success) return <EnrolOutcome outcome={outcome.data} cohort={cohort} />;

  const state = enrolmentState(cohort, now);
  const user = state === "open" ? await getCurrentUser() : undefined;
  // Full, or already theirs: said now, not after signing in and filling in a profile.
  const preview =
    state === "open" ? await previewEnrolment(getDb(), { slug: cohort.slug }, user?.id ?? null, now) : null;
  if (preview && preview !== "enrolled" && preview !== "requested" && preview !== "invalid-code")
    return <EnrolOutcome outcome={preview} cohort={cohort} signedIn={user !== undefined} />;
  // Back from signing in or from the profile after pressing the button here: carry on.
  const continuing = user !== undefined && (await hasEnrolIntent({ slug: cohort.slug }));
  const firstSteps = !user
    ? t("signInFirst")
    : user.role === "PARTICIPANT" && !user.profileComplete
      ? t("profileFirst")
      : undefined;
  return (
    <EnrolPanel title={cohort.name} eyebrow={t("joinEyebrow", { mode: cohort.enrolmentMode })}>
      <PageTitle text={cohort.name} />
      <p className="mt-2 text-stone-600">
        <CohortDates startsOn={cohort.startsOn} endsOn={cohort.endsOn} />
      </p>
      {cohort.description && <p className="mt-4 text-stone-700">{cohort.description}</p>}
      <CohortFacts cohort={cohort} />
      {state === "open" ? (
        <>
          <p className="mt-6 font-medium text-stone-900">{t(`mode${cohort.enrolmentMode}`)}</p>
          <EnrolForm
            action={enrolInListedCohort}
            fields={{ slug: cohort.slug }}
            label={cohort.enrolmentMode === "APPROVAL" ? t("request") : t("enrol")}
            continuing={continuing ? t("continuing") : undefined}
          />
          {!continuing && firstSteps && <p className="mt-3 text-sm text-stone-600">{firstSteps}</p>}
        </>
      ) : (
        <p className="mt-6 font-medium text-stone-900">
          {t(`outcomes.${state}.body`, {
            cohort: cohort.name,
            opens: cohort.enrolmentOpensAt
              ? format.dateTime(cohort.enrolmentOpensAt, {
                  dateStyle: "long",
                  timeStyle: "short",
                  timeZone: cohort.timeZone,
                })
              : "",
          })}
        </p>
      )}
    </EnrolPanel>
  );
}
