// What importing a Zoom report into one session would do: who matched whom,
// who needs the admin's review, and each participant's proposed status. Pure.
import {
  attendedMinutes,
  buildMatcher,
  proposeChange,
  statusFromMinutes,
  type AttendanceStatus,
  type Candidate,
  type Person,
  type Thresholds,
} from "./attendance";

export type Current = {
  status: AttendanceStatus | null;
  source: "MANUAL" | "SELF_CHECK_IN" | "ZOOM" | null;
  minutes: number | null;
};
export type Proposal = {
  userId: string;
  /** How they were found: by e-mail, by name, as the cohort's organisers matched them before, chosen by the admin now, or not in the report at all. */
  how: "email" | "name" | "remembered" | "assigned" | "not-in-report";
  people: Person[];
  minutes: number;
  status: AttendanceStatus;
  change: "set" | "unchanged" | "protected";
};
export type Review = { person: Person; candidates: string[]; minutes: number };
/** A person the cohort's memory placed; userId is who they go to now (the admin may have changed it, or ignore them). */
export type RememberedRow = { person: Person; remembered: string; userId: string; minutes: number };
export type ZoomPlan = {
  proposals: Proposal[];
  review: Review[];
  ignored: Person[];
  remembered: RememberedRow[];
  /** People the admin placed by hand in this review, with whom: what a confirmation remembers. */
  assigned: { person: Person; userId: string }[];
  counts: { set: number; unchanged: number; protected: number; review: number; ignored: number };
};

/**
 * `assignments`: the admin's choices for people the matcher could not place
 * (person key -> participant id, or "ignore"). `remembered`: the cohort's
 * earlier hand matches (person key -> participant id). `overrides`:
 * participants whose excused or manual mark may be replaced. Minutes count
 * only within the session's scheduled time; participants missing from the
 * report are proposed absent.
 *
 * Who a person is, strongest first: the admin's choice in this review; the
 * report's e-mail equal to a participant's (an address is an identity, a name
 * is not, so it beats a remembered name); a remembered match, when that
 * participant is still active in the cohort (it beats a match by name or a
 * list of namesakes: an organiser already decided); a single participant
 * with that name; else review.
 */
export function planZoomImport(input: {
  people: readonly Person[];
  candidates: readonly Candidate[];
  current: ReadonlyMap<string, Current>;
  session: { startsAt: Date; endsAt: Date };
  thresholds: Thresholds;
  assignments?: Readonly<Record<string, string>>;
  overrides?: ReadonlySet<string>;
  remembered?: ReadonlyMap<string, string>;
}): ZoomPlan {
  const match = buildMatcher(input.candidates);
  const known = new Set(input.candidates.map((c) => c.id));
  const byUser = new Map<string, { how: Proposal["how"]; people: Person[] }>();
  const review: Review[] = [];
  const ignored: Person[] = [];
  const rememberedRows: RememberedRow[] = [];
  const assigned: ZoomPlan["assigned"] = [];
  const scheduled = (input.session.endsAt.getTime() - input.session.startsAt.getTime()) / 60_000;
  const clip = { from: input.session.startsAt, to: input.session.endsAt };
  for (const person of input.people) {
    const m = match({ email: person.email, names: person.names });
    const before = input.remembered?.get(person.key);
    const remembered = m.kind !== "email" && before && known.has(before) ? before : null;
    // Choosing the remembered participant again is no new choice: it stays "as before".
    const raw = input.assignments?.[person.key];
    const chosen = raw === remembered || (raw !== "ignore" && !known.has(raw ?? "")) ? undefined : raw;
    const minutes = attendedMinutes(person.segments, clip);
    if (remembered) rememberedRows.push({ person, remembered, userId: chosen ?? remembered, minutes });
    if (chosen === "ignore") {
      ignored.push(person);
      continue;
    }
    if (chosen) assigned.push({ person, userId: chosen });
    const [userId, how]: [string | null, Proposal["how"]] = chosen
      ? [chosen, "assigned"]
      : m.kind === "email"
        ? [m.id, "email"]
        : remembered
          ? [remembered, "remembered"]
          : m.kind === "name"
            ? [m.id, "name"]
            : [null, "assigned"];
    if (!userId) {
      review.push({ person, candidates: m.kind === "ambiguous" ? m.ids : [], minutes });
      continue;
    }
    const entry = byUser.get(userId) ?? { how, people: [] };
    entry.people.push(person);
    byUser.set(userId, entry);
  }
  const proposals: Proposal[] = input.candidates.map((c) => {
    const entry = byUser.get(c.id);
    const minutes = entry
      ? attendedMinutes(
          entry.people.flatMap((p) => p.segments),
          clip,
        )
      : 0;
    const status = statusFromMinutes(minutes, scheduled, input.thresholds);
    const current = input.current.get(c.id) ?? { status: null, source: null, minutes: null };
    return {
      userId: c.id,
      how: entry?.how ?? "not-in-report",
      people: entry?.people ?? [],
      minutes,
      status,
      change: proposeChange(current, { status, minutes }, input.overrides?.has(c.id) ?? false),
    };
  });
  const count = (c: Proposal["change"]) => proposals.filter((p) => p.change === c).length;
  return {
    proposals,
    review,
    ignored,
    remembered: rememberedRows,
    assigned,
    counts: {
      set: count("set"),
      unchanged: count("unchanged"),
      protected: count("protected"),
      review: review.length,
      ignored: ignored.length,
    },
  };
}
