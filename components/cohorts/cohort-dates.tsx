import { getFormatter, getTranslations } from "next-intl/server";

/** A cohort's dates as its public pages give them: a one-day cohort's day once, else "start to end". */
export async function CohortDates({ startsOn, endsOn }: { startsOn: Date; endsOn: Date }) {
  const t = await getTranslations("Cohort");
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  return startsOn.getTime() === endsOn.getTime()
    ? day(startsOn)
    : t("dates", { start: day(startsOn), end: day(endsOn) });
}
