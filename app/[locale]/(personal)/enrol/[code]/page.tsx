import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { CohortDates } from "@/components/cohorts/cohort-dates";
import { EnrolForm } from "@/components/enrol/enrol-form";
import { EnrolOutcome, EnrolPanel, ZEnrolOutcome } from "@/components/enrol/enrol-panel";
import { hasEnrolIntent } from "@/lib/auth/enrol-intent";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getInvitation, previewEnrolment } from "@/lib/db/enrolments";
import { enrol } from "./actions";
import { PageTitle } from "@/components/layout/page-title";

export async function generateMetadata(): Promise<Metadata> {
  // The title is the cohort's, or the outcome's: rendered by the page (PageTitle).
  return { title: null, robots: { index: false } };
}

export default async function EnrolPage({ params, searchParams }: PageProps<"/[locale]/enrol/[code]">) {
  const { locale, code } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Enrol");
  const query = await searchParams;
  const invitation = /^[0-9a-f]{32}$/.test(code) ? await getInvitation(getDb(), code) : null;
  const outcome = ZEnrolOutcome.safeParse(query.outcome);

  if (!invitation || query.outcome === "invalid-code") notFound();
  if (outcome.success) return <EnrolOutcome outcome={outcome.data} cohort={invitation} />;
  const user = await getCurrentUser();
  // Full, closed, by invitation only, or already theirs: said now, not after signing in.
  const preview = await previewEnrolment(getDb(), { inviteCode: code }, user?.id ?? null);
  if (preview !== "enrolled" && preview !== "requested") {
    if (preview === "invalid-code") notFound();
    return <EnrolOutcome outcome={preview} cohort={invitation} signedIn={user !== undefined} />;
  }
  // Back from signing in or from the profile after pressing Enrol here: carry on.
  const continuing = user !== undefined && (await hasEnrolIntent({ inviteCode: code }));
  const firstSteps = !user
    ? t("signInFirst")
    : user.role === "PARTICIPANT" && !user.profileComplete
      ? t("profileFirst")
      : undefined;
  return (
    <EnrolPanel title={invitation.name} eyebrow={t("invitedTo")}>
      <PageTitle text={invitation.name} />
      <p className="mt-2 text-stone-600">
        <CohortDates startsOn={invitation.startsOn} endsOn={invitation.endsOn} />
      </p>
      {invitation.description && <p className="mt-4 text-stone-700">{invitation.description}</p>}
      <p className="mt-6 font-medium text-stone-900">{t(`mode${invitation.enrolmentMode}`)}</p>
      <EnrolForm
        action={enrol}
        fields={{ code }}
        label={invitation.enrolmentMode === "APPROVAL" ? t("request") : t("enrol")}
        continuing={continuing ? t("continuing") : undefined}
      />
      {!continuing && firstSteps && <p className="mt-3 text-sm text-stone-600">{firstSteps}</p>}
    </EnrolPanel>
  );
}
