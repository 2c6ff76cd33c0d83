// When a live session's reminders go out: 24 hours and 1 hour before it starts. Pure.
export const REMINDER_KINDS = ["24h", "1h"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

const HOUR = 60 * 60 * 1000;
const BEFORE: Record<ReminderKind, number> = { "24h": 24 * HOUR, "1h": HOUR };

/**
 * Each reminder's time for a session starting at `startsAt`, or null when that time has
 * passed at `now` (a session scheduled 3 hours ahead gets only the 1-hour reminder).
 */
export function reminderTimes(startsAt: Date, now: Date): Record<ReminderKind, Date | null> {
  const at = (kind: ReminderKind) => {
    const time = new Date(startsAt.getTime() - BEFORE[kind]);
    return time > now ? time : null;
  };
  return { "24h": at("24h"), "1h": at("1h") };
}

/**
 * Whether a reminder due for a session starting at `startsAt` is still worth sending at
 * `now`: not once the session has started, and the 24-hour one not within the last hour
 * (the 1-hour one says it then). A worker that was down catches up only on what still helps.
 */
export function reminderStillUseful(kind: ReminderKind, startsAt: Date, now: Date): boolean {
  if (now >= startsAt) return false;
  return kind === "1h" || startsAt.getTime() - now.getTime() > HOUR;
}

/** When a cohort's "quizzes close in 24 hours" notice goes out, or null when that time has passed. */
export function quizClosingNoticeAt(closesAt: Date, now: Date): Date | null {
  const at = new Date(closesAt.getTime() - 24 * HOUR);
  return at > now ? at : null;
}

/**
 * Who is told that the quizzes close soon, and of which quizzes: each participant's quizzes
 * the certificate still needs and that they can still take (attempts left), less those an
 * organiser gave them a closing time of their own for (their own time applies, not the
 * cohort's).
 */
export function quizClosingTargets(
  eligibility: ReadonlyMap<
    string,
    { missing: readonly ({ kind: "quiz"; slug: string; state: string } | { kind: "attendance" })[] }
  >,
  ownClosing: ReadonlySet<string>,
): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const [userId, { missing }] of eligibility) {
    const slugs = missing.flatMap((m) =>
      m.kind === "quiz" && m.state !== "no-attempts-left" && !ownClosing.has(`${userId}:${m.slug}`) ? [m.slug] : [],
    );
    if (slugs.length > 0) targets.set(userId, slugs);
  }
  return targets;
}
