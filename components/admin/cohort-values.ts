import { toDateInput, utcToZonedInput } from "@/lib/domain/time";

type CohortRow = {
  name: string;
  slug: string;
  description: string;
  timeZone: string;
  startsOn: Date;
  endsOn: Date;
  enrolmentOpensAt: Date | null;
  enrolmentClosesAt: Date | null;
  capacity: number | null;
  enrolmentMode: string;
};

/** A stored cohort as the strings its form shows (times on the cohort's own clocks). */
export function cohortFormValues(c: CohortRow): Record<string, string> {
  return {
    name: c.name,
    slug: c.slug,
    description: c.description,
    timeZone: c.timeZone,
    startsOn: toDateInput(c.startsOn),
    endsOn: toDateInput(c.endsOn),
    enrolmentOpensAt: c.enrolmentOpensAt ? utcToZonedInput(c.enrolmentOpensAt, c.timeZone) : "",
    enrolmentClosesAt: c.enrolmentClosesAt ? utcToZonedInput(c.enrolmentClosesAt, c.timeZone) : "",
    capacity: c.capacity === null ? "" : String(c.capacity),
    enrolmentMode: c.enrolmentMode,
  };
}
