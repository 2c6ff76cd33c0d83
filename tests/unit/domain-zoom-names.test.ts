import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, type Person } from "@/lib/domain/attendance";
import { planZoomImport } from "@/lib/domain/zoom-import";
import { nameMemoryChanges, participantLabels } from "@/lib/domain/zoom-names";

const at = (hm: string) => new Date(`2021-12-15T${hm}:00Z`);
const session = { startsAt: at("01:00"), endsAt: at("03:00") };
const person = (key: string, name: string, email: string | null = null): Person => ({
  key,
  name,
  names: [name],
  email,
  guest: true,
  segments: [{ join: at("01:00"), leave: at("02:40") }],
});
const candidates = [
  { id: "u-omer", email: "omer@example.org", names: ["Ömer Çelik"] },
  { id: "u-sara", email: "sara@example.org", names: ["Sara Ahmadi"] },
  { id: "u-sara2", email: "sara2@example.org", names: ["Sara Ahmadi"] },
  { id: "u-ali", email: "ali@example.org", names: ["Ali Raza"] },
];
const IPHONE = person("name:de iphone omer", "iPhone de Omer");
const SARA = person("name:ahmadi sara", "Sara Ahmadi");
const ALI_BY_MAIL = person("email:ali@example.org", "Ali's laptop", "ali@example.org");
const ALI_BY_NAME = person("name:ali raza", "Ali Raza");

type Row = {
  what: string;
  who: Person;
  remembered?: string;
  chosen?: string;
  expect: { userId: string | null; how: string | null; asBefore: boolean };
};
const rows: Row[] = [
  {
    what: "a remembered name places someone the matcher cannot",
    who: IPHONE,
    remembered: "u-omer",
    expect: { userId: "u-omer", how: "remembered", asBefore: true },
  },
  {
    what: "without a memory the same name waits for review",
    who: IPHONE,
    expect: { userId: null, how: null, asBefore: false },
  },
  {
    what: "a remembered name settles namesakes",
    who: SARA,
    remembered: "u-sara2",
    expect: { userId: "u-sara2", how: "remembered", asBefore: true },
  },
  {
    what: "a remembered name wins over a match by name",
    who: ALI_BY_NAME,
    remembered: "u-sara",
    expect: { userId: "u-sara", how: "remembered", asBefore: true },
  },
  {
    what: "the report's e-mail of a participant wins over a remembered name",
    who: ALI_BY_MAIL,
    remembered: "u-omer",
    expect: { userId: "u-ali", how: "email", asBefore: false },
  },
  {
    what: "a memory of someone no longer active in the cohort is not applied",
    who: IPHONE,
    remembered: "u-gone",
    expect: { userId: null, how: null, asBefore: false },
  },
  {
    what: "the admin's choice now wins over the memory, and the row stays listed as remembered",
    who: IPHONE,
    remembered: "u-omer",
    chosen: "u-ali",
    expect: { userId: "u-ali", how: "assigned", asBefore: true },
  },
  {
    what: "choosing the remembered participant again keeps it as before",
    who: IPHONE,
    remembered: "u-omer",
    chosen: "u-omer",
    expect: { userId: "u-omer", how: "remembered", asBefore: true },
  },
  {
    what: "ignoring a remembered person this time ignores them",
    who: IPHONE,
    remembered: "u-omer",
    chosen: "ignore",
    expect: { userId: null, how: null, asBefore: true },
  },
];

describe("planZoomImport with remembered names", () => {
  it.each(rows)("$what", (row) => {
    const plan = planZoomImport({
      people: [row.who],
      candidates,
      current: new Map(),
      session,
      thresholds: DEFAULT_THRESHOLDS,
      remembered: new Map(row.remembered ? [[row.who.key, row.remembered]] : []),
      assignments: row.chosen ? { [row.who.key]: row.chosen } : {},
    });
    const found = plan.proposals.find((p) => p.people.some((x) => x.key === row.who.key));
    expect({ userId: found?.userId ?? null, how: found?.how ?? null, asBefore: plan.remembered.length === 1 }).toEqual(
      row.expect,
    );
    // A remembered match needs no review.
    if (row.expect.how === "remembered") expect(plan.counts.review).toBe(0);
    if (row.chosen === "ignore") expect(plan.ignored.map((p) => p.key)).toEqual([row.who.key]);
  });

  it("counts the remembered person's minutes and lists who they go to now", () => {
    const plan = planZoomImport({
      people: [IPHONE],
      candidates,
      current: new Map(),
      session,
      thresholds: DEFAULT_THRESHOLDS,
      remembered: new Map([[IPHONE.key, "u-omer"]]),
      assignments: { [IPHONE.key]: "u-ali" },
    });
    expect(plan.remembered).toEqual([{ person: IPHONE, remembered: "u-omer", userId: "u-ali", minutes: 100 }]);
    expect(plan.assigned).toEqual([{ person: IPHONE, userId: "u-ali" }]);
  });
});

describe("nameMemoryChanges", () => {
  const cases: {
    what: string;
    assigned: { person: Person; userId: string }[];
    remembered: [string, string][];
    expected: { key: string; userId: string; before: string | null }[];
  }[] = [
    { what: "nothing chosen, nothing learnt", assigned: [], remembered: [], expected: [] },
    {
      what: "a new hand match is learnt",
      assigned: [{ person: IPHONE, userId: "u-omer" }],
      remembered: [],
      expected: [{ key: IPHONE.key, userId: "u-omer", before: null }],
    },
    {
      what: "a changed choice replaces the memory",
      assigned: [{ person: IPHONE, userId: "u-ali" }],
      remembered: [[IPHONE.key, "u-omer"]],
      expected: [{ key: IPHONE.key, userId: "u-ali", before: "u-omer" }],
    },
    {
      what: "the same choice again changes nothing",
      assigned: [{ person: IPHONE, userId: "u-omer" }],
      remembered: [[IPHONE.key, "u-omer"]],
      expected: [],
    },
  ];
  it.each(cases)("$what", ({ assigned, remembered, expected }) => {
    expect(
      nameMemoryChanges(assigned, new Map(remembered)).map(({ key, userId, before }) => ({ key, userId, before })),
    ).toEqual(expected);
  });

  it("keeps the Zoom name and e-mail for the organiser's eyes", () => {
    const byMail = person("email:phone@example.org", "Omer phone", "phone@example.org");
    expect(nameMemoryChanges([{ person: byMail, userId: "u-omer" }], new Map())).toEqual([
      { key: byMail.key, name: "Omer phone", email: "phone@example.org", userId: "u-omer", before: null },
    ]);
  });
});

describe("participantLabels", () => {
  const cases = [
    {
      what: "a unique name is the name alone",
      people: [{ id: "a", name: "Ali Raza", email: "ali@example.org", country: "PK" }],
      expected: [["a", "Ali Raza"]],
    },
    {
      what: "namesakes carry their e-mail and country",
      people: [
        { id: "s1", name: "Sara Ahmadi", email: "sara@example.org", country: "IR" },
        { id: "s2", name: "sara  AHMADI", email: "sara2@example.org", country: null },
        { id: "a", name: "Ali Raza", email: "ali@example.org", country: "PK" },
      ],
      expected: [
        ["s1", "Sara Ahmadi (sara@example.org, country IR)"],
        ["s2", "sara  AHMADI (sara2@example.org)"],
        ["a", "Ali Raza"],
      ],
    },
  ];
  it.each(cases)("$what", ({ people, expected }) => {
    expect([...participantLabels(people, (code) => `country ${code}`)]).toEqual(expected);
  });
});
