// A cohort's live sessions over time: what is next, what is on now, and where
// each lecture stands. Pure.

export type SessionTimes = { startsAt: Date; endsAt: Date };
export type SessionPhase = "upcoming" | "live" | "ended";

export function sessionPhase(session: SessionTimes, now: Date): SessionPhase {
  if (now < session.startsAt) return "upcoming";
  if (now < session.endsAt) return "live";
  return "ended";
}

/** Sessions not yet over (live ones first, then by start), at most `limit`. */
export function nextSessions<T extends SessionTimes>(sessions: readonly T[], now: Date, limit = 5): T[] {
  return sessions
    .filter((s) => s.endsAt > now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, limit);
}

export type LectureScheduleStatus<T extends SessionTimes = SessionTimes> =
  { status: "not-scheduled" } | { status: "upcoming" | "live" | "held"; session: T };

/**
 * Where a lecture stands in the cohort's schedule: on now, next session to
 * come, or held (its last session is over). A lecture taught in several
 * sessions counts as upcoming until its last one has ended.
 */
export function lectureScheduleStatus<T extends SessionTimes & { lectureSlug: string }>(
  slug: string,
  sessions: readonly T[],
  now: Date,
): LectureScheduleStatus<T> {
  const own = sessions
    .filter((s) => s.lectureSlug === slug)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (own.length === 0) return { status: "not-scheduled" };
  const live = own.find((s) => sessionPhase(s, now) === "live");
  if (live) return { status: "live", session: live };
  const upcoming = own.find((s) => sessionPhase(s, now) === "upcoming");
  if (upcoming) return { status: "upcoming", session: upcoming };
  return { status: "held", session: own[own.length - 1]! };
}

/** Minutes between start and end. */
export function durationMinutes(session: SessionTimes): number {
  return Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
}

/**
 * A join link as a table shows it: its host and path ("us02web.zoom.us/j/81234567890"),
 * without the scheme or the query (a Zoom link's `?pwd=…` runs to 40 characters more, and is
 * no help in telling meetings apart). The whole link stays the anchor's address.
 */
export function joinLinkLabel(url: string): string {
  try {
    const { host, pathname } = new URL(url);
    return `${host}${pathname === "/" ? "" : pathname}`;
  } catch {
    return url;
  }
}

/**
 * The cohort's session of the same lecture starting at the same moment, other than `exceptId`
 * (the session being edited): saving the candidate would list that session twice.
 */
export function sameSession<T extends { id: string; lectureSlug: string; startsAt: Date }>(
  candidate: { lectureSlug: string; startsAt: Date },
  sessions: readonly T[],
  exceptId?: string,
): T | undefined {
  return sessions.find(
    (s) =>
      s.id !== exceptId &&
      s.lectureSlug === candidate.lectureSlug &&
      s.startsAt.getTime() === candidate.startsAt.getTime(),
  );
}
