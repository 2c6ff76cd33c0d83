import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { contactTag } from "@/components/layout/contact-link";
import { Link } from "@/lib/i18n/navigation";
import { PageTitle } from "@/components/layout/page-title";

export const ENROL_OUTCOMES = [
  "enrolled",
  "requested",
  "already-enrolled",
  "already-requested",
  "rejected",
  "invite-only",
  "full",
  "closed",
  "not-yet-open",
  "archived",
] as const;
export const ZEnrolOutcome = z.enum(ENROL_OUTCOMES);
export type TEnrolOutcome = z.infer<typeof ZEnrolOutcome>;

/** The page around an invitation or a cohort's public page. */
export function EnrolPanel({
  title,
  eyebrow,
  children,
}: {
  title: string;
  eyebrow?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="mx-auto max-w-2xl px-4 py-14 sm:px-6">
      {eyebrow && <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{eyebrow}</p>}
      <h1 className="mt-2 text-3xl font-bold text-stone-900">{title}</h1>
      {children}
    </div>
  );
}

/**
 * What pressing Enrol (or Request a place) came to, or would come to, with the way on: to
 * the person's course, or, for someone not signed in, to the programme's open cohorts.
 */
export async function EnrolOutcome({
  outcome,
  cohort,
  signedIn = true,
}: {
  outcome: TEnrolOutcome;
  cohort: { name: string; timeZone: string; enrolmentOpensAt: Date | null };
  signedIn?: boolean;
}) {
  const t = await getTranslations("Enrol");
  const format = await getFormatter();
  const opens = cohort.enrolmentOpensAt
    ? format.dateTime(cohort.enrolmentOpensAt, { dateStyle: "long", timeStyle: "short", timeZone: cohort.timeZone })
    : "";
  return (
    <EnrolPanel title={t(`outcomes.${outcome}.title`)}>
      <PageTitle text={t(`outcomes.${outcome}.title`)} />
      <p className="mt-4 text-stone-700">
        {t.rich(`outcomes.${outcome}.body`, { cohort: cohort.name, opens, ...contactTag })}
      </p>
      <p className="mt-8">
        <Link
          href={signedIn ? "/dashboard" : "/#open-cohorts"}
          className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
        >
          {signedIn ? t("toAccount") : t("toProgramme")}
        </Link>
      </p>
    </EnrolPanel>
  );
}
