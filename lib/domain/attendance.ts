// Attendance of live sessions from Zoom reports: time attended, who is who, status and rates. Pure.

export type Segment = { join: Date; leave: Date };

const round1 = (n: number) => Math.round(n * 10) / 10;
const MINUTE = 60_000;

/**
 * Total minutes covered by the segments, overlapping time counted once, optionally clipped to
 * [from, to]. Rounded to 0.1 min. Segments that end before they start (or hold invalid dates) count nothing.
 */
export function attendedMinutes(segments: readonly Segment[], clip?: { from: Date; to: Date }): number {
  const lo = clip ? clip.from.getTime() : -Infinity;
  const hi = clip ? clip.to.getTime() : Infinity;
  const spans = segments
    .map((s) => [Math.max(s.join.getTime(), lo), Math.min(s.leave.getTime(), hi)] as const)
    .filter(([a, b]) => b > a) // NaN compares false: invalid dates drop out
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let current: [number, number] | null = null; // the union of the spans so far that reach furthest
  for (const [a, b] of spans) {
    if (current && a <= current[1]) current[1] = Math.max(current[1], b);
    else {
      if (current) total += current[1] - current[0];
      current = [a, b];
    }
  }
  if (current) total += current[1] - current[0];
  return round1(total / MINUTE);
}

// ---------------------------------------------------------------- names

/** Letters of Persian and Arabic spelling that stand for one another, and marks of no meaning for a name. */
const ARABIC_VARIANTS: Record<string, string> = {
  "\u064A": "\u06CC", // ي Arabic yeh -> ی Persian yeh
  "\u0649": "\u06CC", // ى alef maksura -> ی
  "\u0643": "\u06A9", // ك Arabic kaf -> ک keheh
  "\u0640": "", // ـ tatweel
  "\u200C": " ", // zero-width non-joiner
};

/** Latin letters that carry their mark inside (no decomposition), written without it on other keyboards. */
const LATIN_FOLD: Record<string, string> = {
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ð: "d",
  ħ: "h",
  ß: "ss",
  æ: "ae",
  œ: "oe",
};

/** Scripts whose combining marks are diacritics (accents, harakat, niqqud); in others (Devanagari, Thai, kana voicing) marks are letters. */
const DIACRITIC =
  /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Hebrew}\p{Script=Arabic}])\p{M}+/gu;
/** Scripts written without spaces between a name's parts, where each character is taken as one token. */
const SYLLABIC = /([\p{Script=Han}\p{Script=Hangul}])/gu;

/**
 * Name normalisation for matching: NFKD, diacritics stripped, lower case, Persian/Arabic letter variants
 * unified (ي/ى→ی, ك→ک, tatweel removed, ZWNJ → space), other invisible format characters removed,
 * Latin letters without a decomposition folded (ı→i, ł→l, ø→o, ß→ss...),
 * punctuation → space; tokens sorted so that word order does not matter, joined by single spaces.
 * Chinese and Korean characters are tokens each, so "王小明", "王 小明" and "小明 王" meet.
 */
export function normaliseName(name: string): string {
  const text = name
    .normalize("NFKD")
    .replace(DIACRITIC, "$1")
    .replace(/[\u064A\u0649\u0643\u0640\u200C]/g, (c) => ARABIC_VARIANTS[c]!)
    .replace(/\p{Cf}/gu, "")
    .toLowerCase()
    .replace(/[ıłøđðħßæœ]/g, (c) => LATIN_FOLD[c]!)
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .normalize("NFC")
    .replace(SYLLABIC, " $1 ");
  return text.split(" ").filter(Boolean).sort().join(" ");
}

const emailKey = (email: string | null | undefined) => email?.trim().toLowerCase() || null;

// ---------------------------------------------------------------- merging rows

type ParticipantRow = {
  name: string;
  originalName: string | null;
  email: string | null;
  join: Date;
  leave: Date;
  guest: boolean | null;
};
export type Person = {
  key: string;
  name: string;
  names: string[];
  email: string | null;
  segments: Segment[];
  guest: boolean | null;
};

/**
 * Groups Zoom rows by person: by email (case-insensitive) when present, else by the normalised name the
 * person joined with (originalName when renamed during the meeting, else name). One entry per person, in the
 * order of their first row; name is the first row's, names every distinct name and original name, segments by
 * join time. guest: false when any row says "No", true when rows say only "Yes", null when none says.
 */
export function mergeParticipants(rows: readonly ParticipantRow[]): Person[] {
  const people = new Map<string, Person>();
  for (const row of rows) {
    const email = emailKey(row.email);
    const joinedAs = row.originalName ?? row.name;
    const key = email ? `email:${email}` : `name:${normaliseName(joinedAs) || joinedAs.trim().toLowerCase()}`;
    let person = people.get(key);
    if (!person) people.set(key, (person = { key, name: row.name, names: [], email, segments: [], guest: null }));
    for (const n of [row.name, row.originalName]) if (n && !person.names.includes(n)) person.names.push(n);
    person.segments.push({ join: row.join, leave: row.leave });
    if (row.guest !== null) person.guest = person.guest === false ? false : row.guest;
  }
  for (const p of people.values()) p.segments.sort((a, b) => a.join.getTime() - b.join.getTime());
  return [...people.values()];
}

// ---------------------------------------------------------------- matching

export type Candidate = { id: string; email: string; names: string[] /* name, certificate name, native name... */ };
export type Match =
  | { kind: "email"; id: string }
  | { kind: "name"; id: string }
  | { kind: "ambiguous"; ids: string[] }
  | { kind: "none" };
type Matchable = { email: string | null; names: readonly string[] };

/**
 * An index of the candidates built once, for matching thousands of people. By email (case-insensitive,
 * trimmed) first; else by a normalised name equal to a normalised name of a candidate; several candidates
 * (by either) → ambiguous, with ids in the candidates' order; none → none.
 */
export function buildMatcher(candidates: readonly Candidate[]): (person: Matchable) => Match {
  const byEmail = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [index]);
    else if (list.at(-1) !== index) list.push(index);
  };
  candidates.forEach((c, i) => {
    const email = emailKey(c.email);
    if (email) add(byEmail, email, i);
    for (const n of c.names) {
      const key = normaliseName(n);
      if (key) add(byName, key, i);
    }
  });
  const result = (kind: "email" | "name", indexes: readonly number[]): Match => {
    if (indexes.length === 0) return { kind: "none" };
    if (indexes.length === 1) return { kind, id: candidates[indexes[0]!]!.id };
    return { kind: "ambiguous", ids: indexes.map((i) => candidates[i]!.id) };
  };

  return (person) => {
    const email = emailKey(person.email);
    const byMail = email ? byEmail.get(email) : undefined;
    if (byMail) return result("email", byMail);
    const found = new Set<number>();
    for (const n of person.names) for (const i of byName.get(normaliseName(n)) ?? []) found.add(i);
    return result(
      "name",
      [...found].sort((a, b) => a - b),
    );
  };
}

/** Match by email (case-insensitive, trimmed) first; else by normalised name (see buildMatcher). */
export function matchParticipant(person: Matchable, candidates: readonly Candidate[]): Match {
  return buildMatcher(candidates)(person);
}

// ---------------------------------------------------------------- status

export type Thresholds = { presentPercent: number; latePercent: number };
export const DEFAULT_THRESHOLDS: Thresholds = { presentPercent: 75, latePercent: 40 };
export type AttendanceStatus = "PRESENT" | "LATE" | "EXCUSED" | "ABSENT";

/** minutes / scheduledMinutes * 100 >= presentPercent → PRESENT; >= latePercent → LATE; else ABSENT. scheduledMinutes <= 0 → ABSENT. */
export function statusFromMinutes(
  minutes: number,
  scheduledMinutes: number,
  t: Thresholds = DEFAULT_THRESHOLDS,
): AttendanceStatus {
  if (!(scheduledMinutes > 0)) return "ABSENT";
  // Compared without dividing, and with room for binary fractions: 45 of 60 is exactly 75 %.
  const reaches = (percent: number) => minutes * 100 >= percent * scheduledMinutes - 1e-9;
  if (reaches(t.presentPercent)) return "PRESENT";
  if (reaches(t.latePercent)) return "LATE";
  return "ABSENT";
}

/**
 * Attendance rate in % (1 decimal) over sessions already held: present and late count as attended;
 * excused count as attended when excusedCounts, otherwise excused sessions are left out of the
 * denominator; unmarked sessions (null) count as absent. null when there is no session to count.
 */
export function attendanceRate(
  statuses: readonly (AttendanceStatus | null)[],
  opts: { excusedCounts: boolean },
): number | null {
  let attended = 0;
  let counted = 0;
  for (const s of statuses) {
    if (s === "EXCUSED" && !opts.excusedCounts) continue;
    counted++;
    if (s === "PRESENT" || s === "LATE" || s === "EXCUSED") attended++;
  }
  return counted ? round1((attended / counted) * 100) : null;
}

export type AttendanceSource = "MANUAL" | "SELF_CHECK_IN" | "ZOOM";

/**
 * What an import may change: an identical value (status, and minutes to 0.1) is "unchanged"; an EXCUSED
 * or a manual mark is "protected" unless `override`; anything else is "set".
 */
export function proposeChange(
  current: { status: AttendanceStatus | null; source: AttendanceSource | null; minutes: number | null },
  proposed: { status: AttendanceStatus; minutes: number },
  override: boolean,
): "set" | "unchanged" | "protected" {
  const sameMinutes =
    current.minutes !== null && Math.round(current.minutes * 10) === Math.round(proposed.minutes * 10);
  if (current.status === proposed.status && sameMinutes) return "unchanged";
  if (!override && (current.status === "EXCUSED" || current.source === "MANUAL")) return "protected";
  return "set";
}
