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
  /** How they were found: by e-mail, by name, chosen by the admin, or not in the report at all. */
  how: "email" | "name" | "assigned" | "not-in-report";
  people: Person[];
  minutes: number;
  status: AttendanceStatus;
  change: "set" | "unchanged" | "protected";
};
export type Review = { person: Person; candidates: string[]; minutes: number };
export type ZoomPlan = {
  proposals: Proposal[];
  review: Review[];
  ignored: Person[];
  counts: { set: number; unchanged: number; protected: number; review: number; ignored: number };
};

/**
 * `assignments`: the admin's choices for people the matcher could not place
 * (person key -> participant id, or "ignore"). `overrides`: participants whose
 * excused or manual mark may be replaced. Minutes count only within the
 * session's scheduled time; participants missing from the report are proposed
 * absent.
 */
export function planZoomImport(input: {
  people: readonly Person[];
  candidates: readonly Candidate[];
  current: ReadonlyMap<string, Current>;
  session: { startsAt: Date; endsAt: Date };
  thresholds: Thresholds;
  assignments?: Readonly<Record<string, string>>;
  overrides?: ReadonlySet<string>;
}): ZoomPlan {
  const match = buildMatcher(input.candidates);
  const known = new Set(input.candidates.map((c) => c.id));
  const byUser = new Map<string, { how: Proposal["how"]; people: Person[] }>();
  const review: Review[] = [];
  const ignored: Person[] = [];
  const scheduled = (input.session.endsAt.getTime() - input.session.startsAt.getTime()) / 60_000;
  const clip = { from: input.session.startsAt, to: input.session.endsAt };
  for (const person of input.people) {
    const chosen = input.assignments?.[person.key];
    const m = match({ email: person.email, names: person.names });
    let userId: string | null = null;
    let how: Proposal["how"] = "assigned";
    if (chosen === "ignore") {
      ignored.push(person);
      continue;
    } else if (chosen && known.has(chosen)) {
      userId = chosen;
    } else if (m.kind === "email" || m.kind === "name") {
      userId = m.id;
      how = m.kind;
    }
    if (!userId) {
      review.push({
        person,
        candidates: m.kind === "ambiguous" ? m.ids : [],
        minutes: attendedMinutes(person.segments, clip),
      });
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
    counts: {
      set: count("set"),
      unchanged: count("unchanged"),
      protected: count("protected"),
      review: review.length,
      ignored: ignored.length,
    },
  };
}
