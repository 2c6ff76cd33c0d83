import { describe, expect, it } from "vitest";
import type { RosterRow, RosterRowError } from "@/lib/domain/roster";
import {
  appliedValues,
  diffRosterRow,
  type EnrolmentStatus,
  type ExistingPerson,
  type FieldChange,
  planRoster,
  rosterCertificateName,
} from "@/lib/domain/roster-plan";

const row = (over: Partial<RosterRow> = {}): RosterRow => ({
  line: 2,
  name: "Ali Rezaei",
  email: "ali@x.ir",
  country: "IR",
  organisation: "University of Tehran",
  position: "Lecturer",
  ...over,
});
/** Someone a first roster added, as that roster had them; nothing entered by the person. */
const person = (over: Partial<ExistingPerson> = {}): ExistingPerson => ({
  userId: "u1",
  name: "Ali Rezaei",
  certificateName: "Ali Rezaei",
  country: "IR",
  organisation: "University of Tehran",
  position: "Lecturer",
  personSet: [],
  enrolment: "ACTIVE",
  ...over,
});
const set = (field: FieldChange["field"], from: string | null, to: string): FieldChange => ({
  field,
  from,
  to,
  applied: true,
});
const kept = (field: FieldChange["field"], from: string, to: string): FieldChange => ({
  field,
  from,
  to,
  applied: false,
  reason: "entered-by-person",
});

describe("diffRosterRow", () => {
  it.each<[string, ExistingPerson | null, Partial<RosterRow>, FieldChange[]]>([
    [
      "new person: every value the file gives",
      null,
      {},
      [
        set("name", null, "Ali Rezaei"),
        set("certificateName", null, "Ali Rezaei"),
        set("country", null, "IR"),
        set("organisation", null, "University of Tehran"),
        set("position", null, "Lecturer"),
      ],
    ],
    [
      "new person with a name in another script, blank cells: no certificate name, nothing blank",
      null,
      { name: "علی رضایی", country: null, organisation: "", position: "" },
      [set("name", null, "علی رضایی")],
    ],
    ["same values: no change", person(), {}, []],
    [
      "blank cells keep the current values, never blank them out",
      person(),
      { country: null, organisation: "", position: "  " },
      [],
    ],
    [
      "corrected organisation and position: updated",
      person(),
      { organisation: "Tehran University of Medical Sciences", position: "Associate Professor" },
      [
        set("organisation", "University of Tehran", "Tehran University of Medical Sciences"),
        set("position", "Lecturer", "Associate Professor"),
      ],
    ],
    [
      "corrected name: the roster's certificate name follows it",
      person(),
      { name: "Ali Rezaee" },
      [set("name", "Ali Rezaei", "Ali Rezaee"), set("certificateName", "Ali Rezaei", "Ali Rezaee")],
    ],
    [
      "certificate name the person changed: kept",
      person({ certificateName: "Dr Ali Rezaei", personSet: ["certificateName"] }),
      { name: "Ali Rezaee" },
      [set("name", "Ali Rezaei", "Ali Rezaee"), kept("certificateName", "Dr Ali Rezaei", "Ali Rezaee")],
    ],
    [
      "name the person changed: kept, and the certificate name follows their name",
      person({ name: "Ali R.", personSet: ["name"] }),
      {},
      [kept("name", "Ali R.", "Ali Rezaei"), set("certificateName", "Ali Rezaei", "Ali R.")],
    ],
    [
      "name and certificate name the person changed: both kept",
      person({ name: "Ali R.", certificateName: "Dr Ali R.", personSet: ["name", "certificateName"] }),
      { organisation: "UT" },
      [
        kept("name", "Ali R.", "Ali Rezaei"),
        kept("certificateName", "Dr Ali R.", "Ali R."),
        set("organisation", "University of Tehran", "UT"),
      ],
    ],
    [
      "certificate name an organiser set (not the person's): the roster's replaces it",
      person({ certificateName: "A. Rezaei" }),
      {},
      [set("certificateName", "A. Rezaei", "Ali Rezaei")],
    ],
    [
      "country the person set: kept; country from a roster: updated",
      person({ country: "TR", personSet: ["country", "timeZone"] }),
      {},
      [kept("country", "TR", "IR")],
    ],
    ["country from a roster: updated", person({ country: "TR" }), {}, [set("country", "TR", "IR")]],
    [
      "organisation and position belong to the roster even after the person edited them",
      person({ organisation: "UT", position: "Teacher", personSet: ["organisation", "position"] }),
      {},
      [set("organisation", "UT", "University of Tehran"), set("position", "Teacher", "Lecturer")],
    ],
    [
      "empty fields are filled, even those the person once cleared",
      person({ certificateName: " ", country: null, organisation: null, personSet: ["certificateName", "country"] }),
      {},
      [
        set("certificateName", null, "Ali Rezaei"),
        set("country", null, "IR"),
        set("organisation", null, "University of Tehran"),
      ],
    ],
    [
      "name now in another script: the certificate name stays",
      person(),
      { name: "علی رضایی" },
      [set("name", "Ali Rezaei", "علی رضایی")],
    ],
  ])("%s", (_, who, over, expected) => {
    expect(diffRosterRow(who, row(over))).toEqual(expected);
  });

  it("appliedValues gives only the values written", () => {
    expect(appliedValues([set("position", "A", "B"), kept("country", "TR", "IR")])).toEqual({ position: "B" });
  });
});

describe("planRoster", () => {
  it.each<[string, Partial<ExistingPerson>, Partial<RosterRow>, object]>([
    ["active, same values: unchanged", {}, {}, { kind: "unchanged" }],
    [
      "active, corrected organisation: updated",
      {},
      { organisation: "UT" },
      { kind: "update", enrolFrom: "unchanged", changes: [set("organisation", "University of Tehran", "UT")] },
    ],
    [
      "active, only a value the person entered differs: kept",
      { country: "TR", personSet: ["country"] },
      {},
      { kind: "kept", changes: [kept("country", "TR", "IR")] },
    ],
    [
      "active, a change and a kept value: updated, the kept value listed",
      { country: "TR", personSet: ["country"] },
      { position: "Dean" },
      {
        kind: "update",
        enrolFrom: "unchanged",
        changes: [kept("country", "TR", "IR"), set("position", "Lecturer", "Dean")],
      },
    ],
    ["no place: enrolled", {}, {}, { kind: "update", enrolFrom: null, changes: [] }],
    ["withdrawn: enrolled again", {}, {}, { kind: "update", enrolFrom: "WITHDRAWN", changes: [] }],
    ["pending", {}, {}, { kind: "update", enrolFrom: "PENDING", changes: [] }],
    ["rejected", {}, {}, { kind: "update", enrolFrom: "REJECTED", changes: [] }],
  ])("existing person: %s", (title, over, rowOver, expected) => {
    const enrolment: EnrolmentStatus | null = title.startsWith("no place")
      ? null
      : title.startsWith("withdrawn")
        ? "WITHDRAWN"
        : title.startsWith("pending")
          ? "PENDING"
          : title.startsWith("rejected")
            ? "REJECTED"
            : "ACTIVE";
    const r = row(rowOver);
    const plan = planRoster({ rows: [r], errors: [] }, new Map([[r.email, person({ enrolment, ...over })]]));
    expect(plan.actions).toEqual([{ row: r, userId: "u1", after: expect.any(Object), ...expected }]);
  });

  it("creates users who are not in the database", () => {
    const plan = planRoster({ rows: [row()], errors: [] }, new Map());
    expect(plan.actions).toEqual([
      {
        kind: "create",
        row: row(),
        changes: diffRosterRow(null, row()),
        after: {
          name: "Ali Rezaei",
          certificateName: "Ali Rezaei",
          country: "IR",
          organisation: "University of Tehran",
          position: "Lecturer",
        },
      },
    ]);
    expect(plan.counts).toEqual({ create: 1, update: 0, kept: 0, unchanged: 0, error: 0 });
  });

  it("shows each person as they will be: the file's values where written, their own where kept, none blanked", () => {
    const r = row({ name: "Ali Rezaee", organisation: "UT", position: "" });
    const plan = planRoster(
      { rows: [r], errors: [] },
      new Map([
        [r.email, person({ certificateName: "Dr Ali", country: "TR", personSet: ["certificateName", "country"] })],
      ]),
    );
    expect(plan.actions[0]!.after).toEqual({
      name: "Ali Rezaee",
      certificateName: "Dr Ali",
      country: "TR",
      organisation: "UT",
      position: "Lecturer",
    });
  });

  it("counts actions, and rows with errors once per line", () => {
    const errors: RosterRowError[] = [
      { line: 6, code: "missing-name", value: "", field: "name" },
      { line: 6, code: "invalid-email", value: "x", field: "email" },
      { line: 7, code: "duplicate-in-file", value: "ali@x.ir", field: "email" },
    ];
    const rows = ["a", "b", "c", "d"].map((who, i) => row({ line: i + 2, email: `${who}@x.org` }));
    const existing = new Map([
      ["b@x.org", person({ userId: "b", enrolment: "WITHDRAWN" })],
      ["c@x.org", person({ userId: "c" })],
      ["d@x.org", person({ userId: "d", country: "TR", personSet: ["country"] })],
    ]);
    const plan = planRoster({ rows, errors }, existing);
    expect(plan.actions.map((a) => a.kind)).toEqual(["create", "update", "unchanged", "kept"]);
    expect(plan.counts).toEqual({ create: 1, update: 1, kept: 1, unchanged: 1, error: 2 });
  });

  it("once its changes are applied, planning the same file again changes nothing", () => {
    const rows = [
      row({ email: "new@x.org" }),
      row({ email: "fix@x.org", organisation: "Corrected Org" }),
      row({ email: "own@x.org", name: "Ali R." }),
    ];
    const db = new Map<string, ExistingPerson>([
      ["fix@x.org", person({ userId: "f", enrolment: "PENDING" })],
      ["own@x.org", person({ userId: "o", certificateName: "Dr Ali", personSet: ["certificateName"] })],
    ]);
    const first = planRoster({ rows, errors: [] }, db);
    expect(first.counts).toMatchObject({ create: 1, update: 2 });
    const after = new Map([...db].map(([email, p]) => [email, { ...p }]));
    for (const a of first.actions) {
      if (a.kind === "create")
        after.set(a.row.email, {
          ...person({ userId: "n", name: null, certificateName: null, country: null }),
          ...appliedValues(a.changes),
        });
      else if (a.kind === "update") {
        const p = after.get(a.row.email)!;
        Object.assign(p, appliedValues(a.changes), { enrolment: "ACTIVE" });
      }
    }
    expect(after.get("own@x.org")).toMatchObject({ name: "Ali R.", certificateName: "Dr Ali" });
    const second = planRoster({ rows, errors: [] }, after);
    expect(second.actions.map((a) => a.kind)).toEqual(["unchanged", "unchanged", "kept"]);
  });
});

describe("rosterCertificateName", () => {
  it.each([
    ["Ali Rezaei", "Ali Rezaei"],
    ["  José   Núñez ", "José Núñez"],
    ["O'Brien-Smith", "O'Brien-Smith"],
    ["علی رضایی", null],
    ["李明", null],
    ["Ali 2", null],
    ["", null],
    ["A".repeat(121), null],
  ])("%j gives %j", (name, expected) => {
    expect(rosterCertificateName(name)).toBe(expected);
  });
});
