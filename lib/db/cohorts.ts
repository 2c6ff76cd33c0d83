import "server-only";
import { isSelfService, selectJoinableCohorts } from "@/lib/domain/cohorts";
import { getDb } from "./index";

export type PublicCohort = {
  slug: string;
  name: string;
  description: string;
  timeZone: string;
  startsOn: Date;
  endsOn: Date;
  enrolmentClosesAt: Date | null;
  /** Only the modes a person can join or ask to join on their own are listed. */
  enrolmentMode: "OPEN" | "APPROVAL";
  capacity: number | null;
  /** Whether the cohort has live sessions at all: one without any is self-paced. */
  hasLiveSessions: boolean;
  /** The live session on now or coming next; null when none is left. */
  nextSession: { lectureSlug: string; startsAt: Date } | null;
};

const PUBLIC_FIELDS = {
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
} as const;

function sessionsFrom(now: Date) {
  return {
    sessions: {
      where: { endsAt: { gt: now } },
      orderBy: { startsAt: "asc" as const },
      take: 1,
      select: { lectureSlug: true, startsAt: true },
    },
    _count: { select: { sessions: true } },
  };
}

/**
 * Cohorts anyone may see on the landing page: those a person can join or ask to join now
 * (never the invitation-only ones), with public fields only: never the invite code.
 */
export async function listOpenCohorts(now = new Date(), db = getDb()): Promise<PublicCohort[]> {
  const rows = await db.cohort.findMany({
    where: {
      archivedAt: null,
      enrolmentMode: { in: ["OPEN", "APPROVAL"] },
      OR: [{ enrolmentClosesAt: null }, { enrolmentClosesAt: { gt: now } }],
    },
    select: { ...PUBLIC_FIELDS, ...sessionsFrom(now) },
  });
  return selectJoinableCohorts(rows, now).map(toPublic);
}

/**
 * One cohort's public page, by slug, for the Enrol / Request a place button of the
 * landing page. Null for an invitation-only cohort: its places are given by the organisers,
 * and it has no public page. A cohort whose enrolment has closed is still returned, so
 * that an old link says so rather than "not found".
 */
export async function getListedCohort(slug: string, now = new Date(), db = getDb()) {
  const row = await db.cohort.findUnique({
    where: { slug },
    select: { ...PUBLIC_FIELDS, ...sessionsFrom(now) },
  });
  if (!row || !isSelfService(row.enrolmentMode)) return null;
  return { ...toPublic(row), enrolmentOpensAt: row.enrolmentOpensAt, archivedAt: row.archivedAt };
}

type Row = Omit<PublicCohort, "hasLiveSessions" | "nextSession" | "enrolmentMode"> & {
  enrolmentMode: string;
  enrolmentOpensAt: Date | null;
  archivedAt: Date | null;
  sessions: { lectureSlug: string; startsAt: Date }[];
  _count: { sessions: number };
};

function toPublic(row: Row): PublicCohort {
  const { enrolmentOpensAt: _o, archivedAt: _a, sessions, _count, enrolmentMode, ...c } = row;
  return {
    ...c,
    // Both callers have left invitation-only cohorts out already.
    enrolmentMode: enrolmentMode === "APPROVAL" ? "APPROVAL" : "OPEN",
    hasLiveSessions: _count.sessions > 0,
    nextSession: sessions[0] ?? null,
  };
}
