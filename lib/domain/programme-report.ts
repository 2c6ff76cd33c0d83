// The figures of a cohort's programme report, the ones a funder asks for, from plain rows
// (lib/db/programme-report.ts reads them). Pure.
//
// Small numbers: every figure is a count; a share is given beside its count, and only when
// the whole it is a share of is at least SMALL_WHOLE people (a third of 3 people says less
// than "1 of 3").

/** One kind of value a bar chart stacks: its name and its fill (at least 3:1 contrast on white). */
export type BarSeries = { key: string; label: string; color: string };

/** Below this many people a share is not given as a percentage, only as "n of m". */
export const SMALL_WHOLE = 10;

export type Share = { count: number; of: number; percent: number | null };

export function share(count: number, of: number): Share {
  return { count, of, percent: of >= SMALL_WHOLE ? Math.round((count / of) * 1000) / 10 : null };
}

export type Place = { userId: string; status: "PENDING" | "ACTIVE" | "WITHDRAWN" | "REJECTED" };

export type Funnel = {
  /** Every place the cohort ever had: invited by roster, or asked for by invite link. */
  invited: number;
  /** Places that are active now. */
  enrolled: number;
  /** Enrolled people who did something: studied a lecture, took a quiz or attended a session. */
  active: Share;
  /** Enrolled people who met the certificate rule. */
  completed: Share;
  /** People holding a valid certificate of the cohort. */
  certified: Share;
};

/** From invited to certified, each step a share of the enrolled. */
export function funnel(
  places: readonly Place[],
  activeIds: ReadonlySet<string>,
  completedIds: ReadonlySet<string>,
  certifiedIds: ReadonlySet<string>,
): Funnel {
  const enrolled = places.filter((p) => p.status === "ACTIVE").map((p) => p.userId);
  const among = (ids: ReadonlySet<string>) => share(enrolled.filter((id) => ids.has(id)).length, enrolled.length);
  return {
    invited: places.length,
    enrolled: enrolled.length,
    active: among(activeIds),
    completed: among(completedIds),
    certified: share(certifiedIds.size, enrolled.length),
  };
}

export type Tally = { key: string | null; count: number; share: Share };

/**
 * How many of `values` there are of each value, most first (ties by value), the unknown
 * (null or blank) last; at most `top` rows, the rest summed under the key "other".
 */
export function tally(values: readonly (string | null | undefined)[], top = Infinity): Tally[] {
  const counts = new Map<string | null, number>();
  for (const v of values) {
    const key = v?.trim() ? v.trim() : null;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const known = [...counts].filter(([k]) => k !== null).sort(([a, x], [b, y]) => y - x || (a! < b! ? -1 : 1)) as [
    string,
    number,
  ][];
  const shown: [string | null, number][] = known.slice(0, top);
  const rest = known.slice(top).reduce((sum, [, n]) => sum + n, 0);
  if (rest > 0) shown.push(["other", rest]);
  if (counts.has(null)) shown.push([null, counts.get(null)!]);
  return shown.map(([key, count]) => ({ key, count, share: share(count, values.length) }));
}

export type AttendanceStatus = "PRESENT" | "LATE" | "EXCUSED" | "ABSENT";
export type SessionCounts = Record<AttendanceStatus, number> & { unmarked: number };

/** Per held session, how many of the enrolled were present, late, excused, absent or not marked. */
export function sessionCounts(statuses: readonly (AttendanceStatus | null)[]): SessionCounts {
  const counts: SessionCounts = { PRESENT: 0, LATE: 0, EXCUSED: 0, ABSENT: 0, unmarked: 0 };
  for (const s of statuses) counts[s ?? "unmarked"] += 1;
  return counts;
}

export type CertificateRow = { revokedAt: Date | null; replacedById: string | null };

/** Issued (every certificate ever made), valid now, revoked, and replaced by a corrected one. */
export function certificateCounts(rows: readonly CertificateRow[]) {
  return {
    issued: rows.length,
    valid: rows.filter((r) => r.revokedAt === null).length,
    revoked: rows.filter((r) => r.revokedAt !== null && r.replacedById === null).length,
    reissued: rows.filter((r) => r.replacedById !== null).length,
  };
}

/** The questions fewest got right (those nobody has answered yet left out), hardest first, at most `n`. */
export function hardest<Q extends { id: string; correctShare: number | null }>(questions: readonly Q[], n = 3): Q[] {
  return questions
    .filter((q) => q.correctShare !== null)
    .sort((a, b) => a.correctShare! - b.correctShare! || (a.id < b.id ? -1 : 1))
    .slice(0, n);
}

export type Bucket = { from: number; to: number };

/**
 * Up to `n` ranges of whole numbers that split 1..max into steps as even as they can be, for
 * a map's shades: 1..3 gives [1-1], [2-2], [3-3]; 1..100 gives [1-25], [26-50], [51-75], [76-100].
 */
export function buckets(max: number, n = 4): Bucket[] {
  if (max < 1) return [];
  const steps = Math.min(n, max);
  return Array.from({ length: steps }, (_, i) => ({
    from: Math.floor((i * max) / steps) + 1,
    to: Math.floor(((i + 1) * max) / steps),
  }));
}

/** The index of the bucket a count falls in, or -1 for none (0, or beyond the last). */
export function bucketOf(count: number, ranges: readonly Bucket[]): number {
  return ranges.findIndex((b) => count >= b.from && count <= b.to);
}

/** Several cohorts' funnels as one: counts summed, shares of the summed enrolled. */
export function sumFunnels(funnels: readonly Funnel[]): Funnel {
  const sum = (pick: (f: Funnel) => number) => funnels.reduce((n, f) => n + pick(f), 0);
  const enrolled = sum((f) => f.enrolled);
  return {
    invited: sum((f) => f.invited),
    enrolled,
    active: share(
      sum((f) => f.active.count),
      enrolled,
    ),
    completed: share(
      sum((f) => f.completed.count),
      enrolled,
    ),
    certified: share(
      sum((f) => f.certified.count),
      enrolled,
    ),
  };
}

/** Of the attendance marked at the sessions held, how many were present or late. */
export function attended(sessions: readonly { counts: SessionCounts }[]): Share {
  let present = 0;
  let marked = 0;
  for (const { counts } of sessions) {
    present += counts.PRESENT + counts.LATE;
    marked += counts.PRESENT + counts.LATE + counts.EXCUSED + counts.ABSENT;
  }
  return share(present, marked);
}
