import { getFormatter } from "next-intl/server";

/**
 * A cohort's dates, as Intl writes a range of days in the reader's language: a one-day
 * cohort's day once ("Dec 15, 2021"), a month's days once with their month ("Dec 15 – 20,
 * 2021"), else both ends ("Dec 15, 2021 – Jan 20, 2022"). Calendar days, kept at UTC midnight.
 */
export async function CohortDates({
  startsOn,
  endsOn,
  dateStyle = "long",
}: {
  startsOn: Date;
  endsOn: Date;
  dateStyle?: "long" | "medium";
}) {
  const format = await getFormatter();
  return format.dateTimeRange(startsOn, endsOn, { dateStyle, timeZone: "UTC" });
}
