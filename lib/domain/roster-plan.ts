// What importing a roster would do to the people it names, field by field. Pure.
//
// Who owns which field: the organiser's roster supplies the organisation and position, and the
// name, certificate name and country until the person changes them on their own profile.
// Everything else on the profile (native-script name, time zone...) is the person's and a
// roster never touches it. An organiser's edit on a person's page counts as organiser-supplied.
import type { EnrolmentStatus } from "./enrolment";
import { isLatinName } from "./profile";
import type { RosterRow, RosterRowError } from "./roster";

export type { EnrolmentStatus } from "./enrolment";

/** The profile fields a roster can write, as named on the user. */
export const ROSTER_PROFILE_FIELDS = ["name", "certificateName", "country", "organisation", "position"] as const;
export type RosterProfileField = (typeof ROSTER_PROFILE_FIELDS)[number];

/** Fields the roster writes only while the person has not set them on their own profile. */
const PERSON_MAY_CLAIM: ReadonlySet<RosterProfileField> = new Set(["name", "certificateName", "country"]);

/**
 * What the database holds for a roster's email: the user's profile and enrolment in THIS cohort.
 * personSet: the fields whose current value the person entered or changed themselves.
 */
export type ExistingPerson = { userId: string } & Record<RosterProfileField, string | null> & {
    personSet: readonly string[];
    enrolment: EnrolmentStatus | null;
  };

/**
 * One field whose value in the file differs from the person's. applied: the import writes `to`;
 * otherwise `reason` says why the file's value is not written and `from` stays.
 */
export type FieldChange =
  | { field: RosterProfileField; from: string | null; to: string; applied: true }
  | { field: RosterProfileField; from: string | null; to: string; applied: false; reason: "entered-by-person" };

/** A person's roster fields as they will be after the import. */
export type RosterValues = Record<RosterProfileField, string | null>;

/** after: the person's fields once the import is applied, which the dry run shows. */
export type RosterAction = { after: RosterValues } &
  /** A new user with an ACTIVE enrolment; changes: every field the file gives them. */
  (
    | { kind: "create"; row: RosterRow; changes: FieldChange[] }
    /** Fields to write and/or a place: enrolFrom null adds an ACTIVE enrolment, a status makes it ACTIVE. */
    | {
        kind: "update";
        row: RosterRow;
        userId: string;
        changes: FieldChange[];
        enrolFrom: EnrolmentStatus | null | "unchanged";
      }
    /** Nothing is written: the file differs only in values the person entered themselves. */
    | { kind: "kept"; row: RosterRow; userId: string; changes: FieldChange[] }
    /** Nothing is written: the person already has a place and the file's values. */
    | { kind: "unchanged"; row: RosterRow; userId: string }
  );
export type RosterActionKind = RosterAction["kind"];
export type RosterPlan = {
  actions: RosterAction[];
  counts: Record<RosterActionKind | "error", number>;
};

/**
 * The certificate name a roster's name gives someone who has not chosen one: the name
 * itself when it is in Latin script (as certificate names must be), else none, and an
 * organiser or the participant sets it.
 */
export function rosterCertificateName(name: string): string | null {
  const trimmed = name.trim().replace(/\s+/g, " ");
  return trimmed && trimmed.length <= 120 && isLatinName(trimmed) ? trimmed : null;
}

/** The values a row supplies; a blank cell supplies nothing (it never blanks a field out). */
function rowValues(row: RosterRow): Record<Exclude<RosterProfileField, "certificateName">, string | undefined> {
  const value = (v: string | null) => v?.trim() || undefined;
  return {
    name: value(row.name),
    country: value(row.country),
    organisation: value(row.organisation),
    position: value(row.position),
  };
}

/**
 * Field by field, how the file's row differs from the person (null: no account yet), and
 * whether the import writes the file's value. Same values and blank cells give no entry.
 */
export function diffRosterRow(
  person: (Record<RosterProfileField, string | null> & { personSet: readonly string[] }) | null,
  row: RosterRow,
): FieldChange[] {
  const values = rowValues(row);
  const changes: FieldChange[] = [];
  const current = (field: RosterProfileField) => (person?.[field]?.trim() ? person[field] : null);
  const compare = (field: RosterProfileField, to: string | undefined) => {
    const from = current(field);
    if (to === undefined || from?.trim() === to) return;
    if (from !== null && PERSON_MAY_CLAIM.has(field) && person?.personSet.includes(field))
      changes.push({ field, from, to, applied: false, reason: "entered-by-person" });
    else changes.push({ field, from, to, applied: true });
  };
  for (const field of ROSTER_PROFILE_FIELDS) {
    if (field !== "certificateName") compare(field, values[field]);
    else {
      // The certificate name follows the name the person will have: theirs if they kept it.
      const nameKept = changes.some((c) => c.field === "name" && !c.applied);
      const name = nameKept ? current("name") : (values.name ?? current("name"));
      compare(field, (name && rosterCertificateName(name)) ?? undefined);
    }
  }
  return changes;
}

/** The values an action writes, by field. */
export function appliedValues(changes: readonly FieldChange[]): Partial<Record<RosterProfileField, string>> {
  return Object.fromEntries(changes.filter((c) => c.applied).map((c) => [c.field, c.to]));
}

/** The fields once the changes are applied: the file's value where written, else the current one. */
export function valuesAfter(person: Partial<RosterValues> | null, changes: readonly FieldChange[]): RosterValues {
  const applied = appliedValues(changes);
  const values = {} as RosterValues;
  for (const field of ROSTER_PROFILE_FIELDS) values[field] = applied[field] ?? (person?.[field]?.trim() || null);
  return values;
}

/** What importing the valid rows would do. `existing` is keyed by lower-case email. */
export function planRoster(
  parsed: { rows: RosterRow[]; errors: RosterRowError[] },
  existing: ReadonlyMap<string, ExistingPerson>,
): RosterPlan {
  const actions = parsed.rows.map((row): RosterAction => {
    const person = existing.get(row.email);
    if (!person) {
      const changes = diffRosterRow(null, row);
      return { kind: "create", row, changes, after: valuesAfter(null, changes) };
    }
    const changes = diffRosterRow(person, row);
    const after = valuesAfter(person, changes);
    const enrolFrom = person.enrolment === "ACTIVE" ? "unchanged" : person.enrolment;
    if (enrolFrom !== "unchanged" || changes.some((c) => c.applied))
      return { kind: "update", row, userId: person.userId, changes, enrolFrom, after };
    if (changes.length > 0) return { kind: "kept", row, userId: person.userId, changes, after };
    return { kind: "unchanged", row, userId: person.userId, after };
  });
  const counts: RosterPlan["counts"] = { create: 0, update: 0, kept: 0, unchanged: 0, error: 0 };
  for (const a of actions) counts[a.kind] += 1;
  counts.error = new Set(parsed.errors.map((e) => e.line)).size;
  return { actions, counts };
}
