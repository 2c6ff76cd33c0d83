import "server-only";
import { selectOpenCohorts } from "@/lib/domain/cohorts";
import { getDb } from "./index";

export type PublicCohort = {
  slug: string;
  name: string;
  description: string;
  timeZone: string;
  startsOn: Date;
  endsOn: Date;
  enrolmentClosesAt: Date | null;
  enrolmentMode: "OPEN" | "APPROVAL" | "INVITE_ONLY";
  capacity: number | null;
};

/** Cohorts anyone may see on the landing page: only public fields. */
export async function listOpenCohorts(now = new Date(), db = getDb()): Promise<PublicCohort[]> {
  const rows = await db.cohort.findMany({
    where: { archivedAt: null, OR: [{ enrolmentClosesAt: null }, { enrolmentClosesAt: { gt: now } }] },
    select: {
      slug: true,
      name: true,
      description: true,
      timeZone: true,
      startsOn: true,
      endsOn: true,
      enrolmentOpensAt: true,
      enrolmentClosesAt: true,
      enrolmentMode: true,
      capacity: true,
      archivedAt: true,
    },
  });
  return selectOpenCohorts(rows, now).map(({ enrolmentOpensAt: _o, archivedAt: _a, ...c }) => c);
}
