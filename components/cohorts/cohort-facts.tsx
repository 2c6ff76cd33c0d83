import { getFormatter, getTranslations } from "next-intl/server";
import { getLecture } from "@/lib/content";
import type { PublicCohort } from "@/lib/db/cohorts";

/**
 * What a person needs to decide on a cohort: how to join, until when, how it runs (live
 * sessions, the next one, or self-paced) and its places. Times are on the cohort's own
 * clock, with the zone named: the page is the same for every visitor.
 */
export async function CohortFacts({ cohort: c }: { cohort: PublicCohort }) {
  const t = await getTranslations("Cohort");
  const format = await getFormatter();
  const zoned = (d: Date) =>
    format.dateTime(d, {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone: c.timeZone,
      timeZoneName: "short",
    });
  const lecture = c.nextSession ? getLecture(c.nextSession.lectureSlug)?.lecture : undefined;
  const facts: [string, string][] = [
    [t("enrolment"), t("mode", { mode: c.enrolmentMode })],
    [t("deadline"), c.enrolmentClosesAt ? zoned(c.enrolmentClosesAt) : t("noDeadline")],
    [
      t("format"),
      !c.hasLiveSessions
        ? t("selfPaced")
        : c.nextSession
          ? t("nextSession", {
              when: zoned(c.nextSession.startsAt),
              lecture: lecture ? lecture.meta.title : c.nextSession.lectureSlug,
            })
          : t("sessionsHeld"),
    ],
  ];
  if (c.capacity !== null) facts.push([t("places"), t("seats", { capacity: c.capacity })]);
  return (
    <dl className="mt-4 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-stone-700">{label}</dt>
          <dd className="text-stone-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
