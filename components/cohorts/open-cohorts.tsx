import { getFormatter, getTranslations } from "next-intl/server";
import type { PublicCohort } from "@/lib/db/cohorts";

export async function OpenCohorts({ cohorts }: { cohorts: PublicCohort[] | null }) {
  const t = await getTranslations("Home");
  const tc = await getTranslations("Cohort");
  const format = await getFormatter();
  if (cohorts === null)
    return (
      <p role="status" className="text-stone-700">
        {t("cohortsUnavailable")}
      </p>
    );
  if (cohorts.length === 0) return <p className="text-stone-700">{t("cohortsEmpty")}</p>;
  const day = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {cohorts.map((c) => (
        <li key={c.slug} className="rounded-xl border border-brand-100 bg-white p-5 shadow-sm">
          <h3 className="text-lg font-semibold text-stone-900">{c.name}</h3>
          <p className="mt-1 text-sm text-stone-600">
            {c.startsOn.getTime() === c.endsOn.getTime()
              ? day(c.startsOn)
              : tc("dates", { start: day(c.startsOn), end: day(c.endsOn) })}
          </p>
          {c.description && <p className="mt-3 text-sm text-stone-700">{c.description}</p>}
          <dl className="mt-4 flex flex-wrap gap-2 text-xs">
            <dt className="sr-only">{tc("enrolment")}</dt>
            <dd className="rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-800">
              {tc("mode", { mode: c.enrolmentMode })}
            </dd>
            <dd className="rounded-full bg-stone-100 px-3 py-1 text-stone-700">
              {c.enrolmentClosesAt
                ? tc("closes", {
                    date: format.dateTime(c.enrolmentClosesAt, { dateStyle: "medium", timeZone: c.timeZone }),
                  })
                : tc("noClosing")}
            </dd>
            {c.capacity !== null && (
              <dd className="rounded-full bg-stone-100 px-3 py-1 text-stone-700">
                {tc("seats", { capacity: c.capacity })}
              </dd>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
