import { getTranslations } from "next-intl/server";
import { CohortDates } from "@/components/cohorts/cohort-dates";
import { CohortFacts } from "@/components/cohorts/cohort-facts";
import type { PublicCohort } from "@/lib/db/cohorts";
import { Link } from "@/lib/i18n/navigation";

/**
 * The landing page's list of cohorts a person can join or ask to join, each with the way
 * in. The page is the same for every visitor (it is cached), so the button is a link to
 * the cohort's own page, where signing in and enrolling happen.
 */
export async function OpenCohorts({ cohorts }: { cohorts: PublicCohort[] | null }) {
  const t = await getTranslations("Home");
  const tc = await getTranslations("Cohort");
  if (cohorts === null)
    return (
      <p role="status" className="text-stone-700">
        {t("cohortsUnavailable")}
      </p>
    );
  return (
    <>
      {cohorts.length === 0 ? (
        <p className="text-stone-700">{t("cohortsEmpty")}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {cohorts.map((c) => (
            <li key={c.slug} className="flex flex-col rounded-xl border border-brand-100 bg-white p-5 shadow-sm">
              <h3 className="text-lg font-semibold text-stone-900">{c.name}</h3>
              <p className="mt-1 text-sm text-stone-600">
                <CohortDates startsOn={c.startsOn} endsOn={c.endsOn} />
              </p>
              {c.description && <p className="mt-3 text-sm text-stone-700">{c.description}</p>}
              <CohortFacts cohort={c} />
              <p className="mt-5 pt-1 sm:mt-auto">
                <Link
                  href={`/cohorts/${c.slug}`}
                  aria-label={tc(c.enrolmentMode === "APPROVAL" ? "requestIn" : "enrolIn", { cohort: c.name })}
                  className="inline-block rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
                >
                  {c.enrolmentMode === "APPROVAL" ? tc("request") : tc("enrol")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-4 text-sm text-stone-700">{t("cohortsByInvitation")}</p>
    </>
  );
}
