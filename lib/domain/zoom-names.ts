// The Zoom names a cohort's organisers matched by hand, and how participants are named in the review. Pure.
import { normaliseName, type Person } from "./attendance";

export type NameMemoryChange = {
  key: string;
  name: string;
  email: string | null;
  userId: string;
  /** Who the memory held before: null when the name was new to it. */
  before: string | null;
};

/**
 * What a confirmed import teaches the cohort's memory: every person the admin placed by hand, unless the memory
 * already says the same. An ignored person leaves the memory as it was: ignoring someone for one session (a
 * host, a shared screen) says nothing about who they are.
 */
export function nameMemoryChanges(
  assigned: readonly { person: Person; userId: string }[],
  remembered: ReadonlyMap<string, string>,
): NameMemoryChange[] {
  return assigned
    .filter(({ person, userId }) => remembered.get(person.key) !== userId)
    .map(({ person, userId }) => ({
      key: person.key,
      name: person.names.join(" / ").slice(0, 300),
      email: person.email,
      userId,
      before: remembered.get(person.key) ?? null,
    }));
}

export type Nameable = { id: string; name: string; email: string; country: string | null };

/**
 * A label per participant for the organiser's lists: the name alone, or, when another participant has the same
 * name (as matching compares names), the name with the e-mail and country, so that namesakes can be told apart.
 */
export function participantLabels(
  people: readonly Nameable[],
  countryName: (code: string) => string = (code) => code,
): Map<string, string> {
  const count = new Map<string, number>();
  const keyOf = (p: Nameable) => normaliseName(p.name) || p.name.toLowerCase();
  for (const p of people) count.set(keyOf(p), (count.get(keyOf(p)) ?? 0) + 1);
  return new Map(
    people.map((p) => {
      if ((count.get(keyOf(p)) ?? 0) < 2) return [p.id, p.name];
      const details = [p.email, p.country ? countryName(p.country) : null].filter(Boolean).join(", ");
      return [p.id, `${p.name} (${details})`];
    }),
  );
}
