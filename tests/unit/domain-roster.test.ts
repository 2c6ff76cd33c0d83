import { describe, expect, it } from "vitest";
import {
  type EnrolmentStatus,
  type ExistingPerson,
  matchHeader,
  type ParsedRoster,
  parseCountry,
  parseRoster,
  planRoster,
  rosterCertificateName,
  ROSTER_LIMITS,
  type RosterRow,
  type RosterRowError,
} from "@/lib/domain/roster";
import { generateRoster } from "@/tests/support/roster-fixture";

const HEADER = "Name,Email,Country,Organisation,Position";
const csv = (...lines: string[]) => lines.join("\r\n") + "\r\n";

/** The ok result, or a failed test. */
function parsed(text: string) {
  const result = parseRoster(text);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

describe("matchHeader", () => {
  it.each<[string, ReturnType<typeof matchHeader>]>([
    ["Name", "name"],
    ["FULL NAME", "name"],
    ["full_name", "name"],
    ["Participant Name", "name"],
    ["participant", "name"],
    ["Nom", "name"],
    ["  name  ", "name"],
    ["Email", "email"],
    ["E-mail", "email"],
    ["e_mail", "email"],
    ["Email Address", "email"],
    ["email-address:", "email"],
    ["Mail", "email"],
    ["User Email", "email"],
    ["Country", "country"],
    ["Nationality", "country"],
    ["Country of residence", "country"],
    ["Country/Region", "country"],
    ["country_region", "country"],
    ["Organisation", "organisation"],
    ["Organization", "organisation"],
    ["Institution", "organisation"],
    ["Affiliation", "organisation"],
    ["Company", "organisation"],
    ["Employer", "organisation"],
    ["University", "organisation"],
    ["Position", "position"],
    ["Job Title", "position"],
    ["job-title", "position"],
    ["Title", "position"],
    ["Designation", "position"],
    ["Role", "position"],
    ["Job", "position"],
    ["First Name", "givenName"],
    ["first_name", "givenName"],
    ["Given name", "givenName"],
    ["Last Name", "familyName"],
    ["Surname", "familyName"],
    ["Family Name", "familyName"],
    ["Phone", null],
    ["Notes", null],
    ["", null],
    ["Name of supervisor", null],
  ])("%j -> %s", (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });
});

describe("parseCountry", () => {
  it.each<[string, string | null]>([
    ["PK", "PK"],
    ["pk", "PK"],
    [" ir ", "IR"],
    ["PAK", "PK"],
    ["irn", "IR"],
    ["Tur", "TR"],
    ["Pakistan", "PK"],
    ["pakistan", "PK"],
    ["IRAN", "IR"],
    ["Iran", "IR"],
    ["Iran, Islamic Republic of", "IR"],
    ["Russia", "RU"],
    ["Russian Federation", "RU"],
    ["Turkey", "TR"],
    ["Türkiye", "TR"],
    ["Turkiye", "TR"],
    ["UK", "GB"],
    ["United Kingdom", "GB"],
    ["USA", "US"],
    ["U.S.A.", "US"],
    ["United States of America", "US"],
    ["South Korea", "KR"],
    ["Kyrgyzstan", "KG"],
    ["Kyrgyz Republic", "KG"],
    ["Kazakhstan", "KZ"],
    ["Uzbekistan", "UZ"],
    ["Tajikistan", "TJ"],
    ["Turkmenistan", "TM"],
    ["Afghanistan", "AF"],
    ["Azerbaijan", "AZ"],
    ["China", "CN"],
    ["Syria", "SY"],
    ["Côte d'Ivoire", "CI"],
    ["Bosnia and Herzegovina", "BA"],
    ["Bosnia & Herzegovina", "BA"],
    ["Congo", "CG"],
    ["XX", null],
    ["ZZZ", null],
    ["Atlantis", null],
    ["", null],
    ["P", null],
  ])("%j -> %s", (value, code) => {
    expect(parseCountry(value)).toBe(code);
  });
});

describe("parseRoster: reading the file", () => {
  it("reads a well-formed file", () => {
    const r = parsed(
      csv(
        HEADER,
        "Ali Rezaei,ali@ut.ac.ir,Iran,University of Tehran,Lecturer",
        "Sara Khan,SARA@Example.PK,PK,NUST,Engineer",
      ),
    );
    expect(r.rows).toEqual<RosterRow[]>([
      {
        line: 2,
        name: "Ali Rezaei",
        email: "ali@ut.ac.ir",
        country: "IR",
        organisation: "University of Tehran",
        position: "Lecturer",
      },
      {
        line: 3,
        name: "Sara Khan",
        email: "sara@example.pk",
        country: "PK",
        organisation: "NUST",
        position: "Engineer",
      },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.columns).toEqual({
      name: "Name",
      email: "Email",
      country: "Country",
      organisation: "Organisation",
      position: "Position",
    });
    expect(r.ignoredColumns).toEqual([]);
  });

  it("strips a UTF-8 byte order mark before the header", () => {
    const r = parsed(`\uFEFF${csv("Email,Name", "a@x.org,A")}`);
    expect(r.columns).toEqual({ email: "Email", name: "Name" });
    expect(r.rows.map((row) => row.email)).toEqual(["a@x.org"]);
  });

  it.each([
    ["semicolon", ";"],
    ["tab", "\t"],
    ["comma", ","],
  ])("detects the %s delimiter", (_, d) => {
    // Unquoted commas are part of the value in ; and tab files.
    const organisation = d === "," ? '"Sharif, Tehran"' : "Sharif, Tehran";
    const r = parsed(
      csv(
        ["Name", "Email", "Country", "Organisation"].join(d),
        ["Ali Rezaei", "ali@x.ir", "IR", organisation].join(d),
        ["Sara", "s@x.pk", "PK", "NUST"].join(d),
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, name: "Ali Rezaei", email: "ali@x.ir", country: "IR", organisation: "Sharif, Tehran", position: "" },
      { line: 3, name: "Sara", email: "s@x.pk", country: "PK", organisation: "NUST", position: "" },
    ]);
  });

  it("reads quoted commas, quotes and newlines, and counts lines as a spreadsheet does", () => {
    const r = parsed(
      csv(
        HEADER,
        `"Rezaei, Ali",ali@x.ir,IR,"University of Tehran,\r\nFaculty of ""Engineering""",Lecturer`,
        "Sara Khan,sara@x.pk,PK,NUST,Engineer",
        "Bad,not-an-email,PK,,",
      ),
    );
    expect(r.rows[0]).toMatchObject({
      line: 2,
      name: "Rezaei, Ali",
      organisation: 'University of Tehran,\r\nFaculty of "Engineering"',
    });
    // Line 3 of the text file is inside the quoted cell; the next record is row 3 in a spreadsheet.
    expect(r.rows[1]).toMatchObject({ line: 3, email: "sara@x.pk" });
    expect(r.errors).toEqual([{ line: 4, code: "invalid-email", value: "not-an-email", field: "email" }]);
  });

  it("skips blank lines but keeps counting them", () => {
    const r = parsed(csv(HEADER, "", "A,a@x.org,,,", "  ", ",,,,", "B,b@x.org,,,"));
    expect(r.rows.map((row) => [row.line, row.name])).toEqual([
      [3, "A"],
      [6, "B"],
    ]);
    expect(r.errors).toEqual([]);
    // Blank lines above the header count too.
    expect(parsed(csv("", ",", "Name,Email", "A,a@x.org")).rows[0]!.line).toBe(4);
  });

  it("keeps names in Persian, Urdu, Chinese and Cyrillic exactly, joiners included", () => {
    const names = ["علی‌رضا حسینی", "عائشہ چودھری", "王秀英", "Дмитрий Иванов", "Zoë Nuñez-Çelik"];
    const r = parsed(csv("Name,Email", ...names.map((n, i) => `${n},p${i}@x.org`)));
    expect(r.rows.map((row) => row.name)).toEqual(names);
    expect(r.rows[0]!.name).toContain("\u200C"); // the zero-width non-joiner of Persian is not whitespace
  });

  it("trims cells and collapses runs of whitespace inside names only", () => {
    const r = parsed(
      csv(HEADER, "  Ali \t  Reza\u00A0 Rezaei , ALI@X.IR ,  ir , Univ.  of  Tehran ,  Senior   Lecturer "),
    );
    expect(r.rows[0]).toMatchObject({
      name: "Ali Reza Rezaei",
      email: "ali@x.ir",
      country: "IR",
      organisation: "Univ.  of  Tehran",
      position: "Senior   Lecturer",
    });
  });

  it.each(['=HYPERLINK("http://evil.example","click")', "+123", "-5", "@SUM(A1)", "=1+1", "'quoted"])(
    "keeps the formula-like value %j as text",
    (value) => {
      const quoted = `"${value.replaceAll('"', '""')}"`;
      const r = parsed(csv(HEADER, `${quoted},a@x.org,,${quoted},${quoted}`));
      expect(r.rows[0]).toMatchObject({ name: value, organisation: value, position: value });
    },
  );

  it("leaves optional columns empty when absent", () => {
    const r = parsed(csv("Email,Full Name", "a@x.org,Ali"));
    expect(r.rows).toEqual([{ line: 2, name: "Ali", email: "a@x.org", country: null, organisation: "", position: "" }]);
    expect(r.columns).toEqual({ email: "Email", name: "Full Name" });
  });

  it("accepts a row that is shorter than the header", () => {
    const r = parsed(csv(HEADER, "Ali,a@x.org"));
    expect(r.rows[0]).toMatchObject({ name: "Ali", country: null, organisation: "", position: "" });
  });

  it("reports unknown columns and reads the first of two columns for a field", () => {
    const r = parsed(csv("Name,Phone,Email,Notes,E-mail address,", "Ali,123,a@x.org,hi,b@x.org,"));
    expect(r.columns).toEqual({ name: "Name", email: "Email" });
    expect(r.ignoredColumns).toEqual(["Phone", "Notes", "E-mail address"]);
    expect(r.rows[0]!.email).toBe("a@x.org");
  });

  it("builds the name from first and last name columns when there is no name column", () => {
    const r = parsed(csv("First Name,Surname,Email", "  Ali ,Rezaei,a@x.org", "Sara,,s@x.org", ",,n@x.org"));
    expect(r.columns).toEqual({ name: "First Name + Surname", email: "Email" });
    expect(r.rows.map((row) => row.name)).toEqual(["Ali Rezaei", "Sara"]);
    expect(r.errors).toEqual([{ line: 4, code: "missing-name", value: "", field: "name" }]);
  });

  it("prefers a name column to first and last name columns", () => {
    const r = parsed(csv("Given name,Family name,Full name,Email", "Ali,Rezaei,Dr Ali Rezaei,a@x.org"));
    expect(r.rows[0]!.name).toBe("Dr Ali Rezaei");
    expect(r.ignoredColumns).toEqual(["Given name", "Family name"]);
  });
});

describe("parseRoster: whole-file failures", () => {
  it.each<[string, string, ParsedRoster]>([
    ["no text", "", { ok: false, error: "empty" }],
    ["only a BOM and blank lines", "\uFEFF\r\n  \r\n,,\r\n", { ok: false, error: "empty" }],
    ["a header without data", csv(HEADER), { ok: false, error: "empty" }],
    ["a header and blank lines", csv(HEADER, "", ",,,,"), { ok: false, error: "empty" }],
    ["no email column", csv("Name,Country", "Ali,IR"), { ok: false, error: "missing-columns", missing: ["email"] }],
    ["no name column", csv("Email,Country", "a@x.org,IR"), { ok: false, error: "missing-columns", missing: ["name"] }],
    [
      "a first name only",
      csv("First name,Email", "Ali,a@x.org"),
      { ok: false, error: "missing-columns", missing: ["name"] },
    ],
    ["neither", csv("Phone,Notes", "1,2"), { ok: false, error: "missing-columns", missing: ["email", "name"] }],
  ])("%s", (_, text, expected) => {
    expect(parseRoster(text)).toEqual(expected);
  });

  it("refuses a file just over 2 MB, counting UTF-8 bytes", () => {
    const head = csv("Name,Email");
    const ascii = head + "x".repeat(ROSTER_LIMITS.maxBytes - head.length + 1);
    expect(parseRoster(ascii)).toEqual({
      ok: false,
      error: "too-large",
      limit: ROSTER_LIMITS.maxBytes,
      actual: ROSTER_LIMITS.maxBytes + 1,
    });
    // One million Persian letters are 2,000,000 bytes (under the limit in characters, over it in bytes: 2 bytes each).
    const persian = head + "ع".repeat(ROSTER_LIMITS.maxBytes / 2);
    expect(persian.length).toBeLessThan(ROSTER_LIMITS.maxBytes);
    expect(parseRoster(persian)).toMatchObject({
      ok: false,
      error: "too-large",
      actual: head.length + ROSTER_LIMITS.maxBytes,
    });
  });

  it("accepts exactly 10,000 data rows and refuses 10,001", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `P ${i},p${i}@x.org`);
    const ok = parsed(csv("Name,Email", ...rows(ROSTER_LIMITS.maxRows), "", ""));
    expect(ok.rows).toHaveLength(10_000);
    expect(ok.rows.at(-1)!.line).toBe(10_001);
    expect(parseRoster(csv("Name,Email", ...rows(ROSTER_LIMITS.maxRows + 1)))).toEqual({
      ok: false,
      error: "too-many-rows",
      limit: 10_000,
      actual: 10_001,
    });
  });

  // Its speed is measured by bench/roster.ts, not asserted here.
  it("reads a generated roster of 10,000 rows in several scripts without errors", () => {
    const r = parsed(generateRoster(10_000));
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(10_000);
    expect(new Set(r.rows.map((row) => row.email)).size).toBe(10_000);
    expect(r.rows[0]!.email).toBe("p00001@roster.example.org");
    expect(r.columns).toEqual({
      name: "Full Name",
      email: "E-mail",
      country: "Country",
      organisation: "Organization",
      position: "Job Title",
    });
  });

  it("generates the same roster for the same seed and a different one for another seed", () => {
    expect(generateRoster(50, { seed: 7 })).toBe(generateRoster(50, { seed: 7 }));
    expect(generateRoster(50, { seed: 7 })).not.toBe(generateRoster(50, { seed: 8 }));
    const r = parsed(
      generateRoster(3, {
        emailDomain: "eco.example",
        header: "Participant,Email Address,Nationality,Affiliation,Role",
      }),
    );
    expect(r.columns).toEqual({
      name: "Participant",
      email: "Email Address",
      country: "Nationality",
      organisation: "Affiliation",
      position: "Role",
    });
    expect(r.rows.map((row) => row.email)).toEqual(["p00001@eco.example", "p00002@eco.example", "p00003@eco.example"]);
  });
});

describe("parseRoster: row errors", () => {
  const long = (n: number) => "a".repeat(n);
  it.each<[string, string, Omit<RosterRowError, "line">[]]>([
    ["invalid email", "Ali,ali-at-x.org,IR,,", [{ code: "invalid-email", value: "ali-at-x.org", field: "email" }]],
    ["email with a space", "Ali,ali @x.org,IR,,", [{ code: "invalid-email", value: "ali @x.org", field: "email" }]],
    ["empty email", "Ali,,IR,,", [{ code: "invalid-email", value: "", field: "email" }]],
    [
      "unknown country",
      "Ali,a@x.org,Persia Major,,",
      [{ code: "unknown-country", value: "Persia Major", field: "country" }],
    ],
    ["missing name", " ,a@x.org,IR,,", [{ code: "missing-name", value: "", field: "name" }]],
    ["name of 201 characters", `${long(201)},a@x.org,,,`, [{ code: "too-long", value: long(201), field: "name" }]],
    [
      "organisation of 201 characters",
      `Ali,a@x.org,,${long(201)},`,
      [{ code: "too-long", value: long(201), field: "organisation" }],
    ],
    [
      "position of 201 characters",
      `Ali,a@x.org,,,${long(201)}`,
      [{ code: "too-long", value: long(201), field: "position" }],
    ],
    [
      "email of 255 characters",
      `Ali,${long(245)}@x.example,,,`,
      [{ code: "too-long", value: `${long(245)}@x.example`, field: "email" }],
    ],
    [
      "several problems",
      ",nope,Narnia,,",
      [
        { code: "missing-name", value: "", field: "name" },
        { code: "invalid-email", value: "nope", field: "email" },
        { code: "unknown-country", value: "Narnia", field: "country" },
      ],
    ],
  ])("%s", (_, line, expected) => {
    const r = parsed(csv(HEADER, "Ok,ok@x.org,,,", line));
    expect(r.rows.map((row) => row.email)).toEqual(["ok@x.org"]);
    expect(r.errors).toEqual(expected.map((e) => ({ line: 3, ...e })));
  });

  it.each([
    ["name", `${"a".repeat(200)},a@x.org,,,`],
    ["organisation", `Ali,a@x.org,,${"a".repeat(200)},`],
    ["position", `Ali,a@x.org,,,${"a".repeat(200)}`],
    ["email", `Ali,${"a".repeat(244)}@x.example,,,`],
  ])("accepts a %s at the length limit", (_, line) => {
    const r = parsed(csv(HEADER, line));
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(1);
  });

  it("keeps the first of several rows with one email and reports the later ones", () => {
    const r = parsed(
      csv(HEADER, "Ali,ali@x.ir,IR,,", "Sara,sara@x.pk,PK,,", "Ali again,ALI@X.IR,IR,,", "Ali thrice, ali@x.ir ,,,"),
    );
    expect(r.rows.map((row) => [row.line, row.name])).toEqual([
      [2, "Ali"],
      [3, "Sara"],
    ]);
    expect(r.errors).toEqual([
      { line: 4, code: "duplicate-in-file", value: "ALI@X.IR", field: "email" },
      { line: 5, code: "duplicate-in-file", value: "ali@x.ir", field: "email" },
    ]);
  });

  it("counts a duplicate against the first occurrence even when that row has another error", () => {
    const r = parsed(csv(HEADER, ",ali@x.ir,,,", "Ali,ali@x.ir,,,"));
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [2, "missing-name"],
      [3, "duplicate-in-file"],
    ]);
  });

  it("does not call rows with invalid emails duplicates", () => {
    const r = parsed(csv(HEADER, "A,,,,", "B,,,,"));
    expect(r.errors.map((e) => e.code)).toEqual(["invalid-email", "invalid-email"]);
  });
});

describe("planRoster", () => {
  const row = (over: Partial<RosterRow> = {}): RosterRow => ({
    line: 2,
    name: "Ali Rezaei",
    email: "ali@x.ir",
    country: "IR",
    organisation: "University of Tehran",
    position: "Lecturer",
    ...over,
  });
  const person = (over: Partial<ExistingPerson> = {}): ExistingPerson => ({
    userId: "u1",
    name: null,
    country: null,
    organisation: null,
    position: null,
    certificateName: "Existing Name",
    profileCompleted: false,
    enrolment: null,
    ...over,
  });
  const full = { name: "Ali R.", country: "PK", organisation: "NUST", position: "Dean" };

  it("creates users who are not in the database", () => {
    const plan = planRoster({ rows: [row()], errors: [] }, new Map());
    expect(plan.actions).toEqual([{ kind: "create", row: row() }]);
    expect(plan.counts).toEqual({ create: 1, update: 0, skip: 0, error: 0 });
  });

  it.each<
    [
      string,
      Partial<ExistingPerson>,
      Partial<RosterRow>,
      ReturnType<typeof planRoster>["actions"][number]["kind"],
      object,
    ]
  >([
    [
      "no enrolment, empty profile",
      {},
      {},
      "update",
      {
        enrolFrom: null,
        fill: { name: "Ali Rezaei", country: "IR", organisation: "University of Tehran", position: "Lecturer" },
      },
    ],
    ["no enrolment, full profile", full, {}, "update", { enrolFrom: null, fill: {} }],
    [
      "no certificate name, profile never saved: their own name",
      { ...full, certificateName: null, enrolment: "ACTIVE" },
      {},
      "update",
      { enrolFrom: "unchanged", fill: { certificateName: "Ali R." } },
    ],
    [
      "no name nor certificate name: the roster's name for both",
      { certificateName: null, enrolment: "ACTIVE" },
      {},
      "update",
      {
        enrolFrom: "unchanged",
        fill: {
          name: "Ali Rezaei",
          certificateName: "Ali Rezaei",
          country: "IR",
          organisation: "University of Tehran",
          position: "Lecturer",
        },
      },
    ],
    [
      "blank certificate name, profile never saved",
      { ...full, certificateName: " ", enrolment: "ACTIVE" },
      {},
      "update",
      { enrolFrom: "unchanged", fill: { certificateName: "Ali R." } },
    ],
    [
      "no certificate name but the profile was saved: left to the participant",
      { ...full, certificateName: null, profileCompleted: true, enrolment: "ACTIVE" },
      {},
      "skip",
      { reason: "already-enrolled" },
    ],
    [
      "no certificate name, name not in Latin script",
      { ...full, name: "علی رضایی", certificateName: null, enrolment: "ACTIVE" },
      {},
      "skip",
      { reason: "already-enrolled" },
    ],
    ["pending", { ...full, enrolment: "PENDING" }, {}, "update", { enrolFrom: "PENDING", fill: {} }],
    ["withdrawn", { ...full, enrolment: "WITHDRAWN" }, {}, "update", { enrolFrom: "WITHDRAWN", fill: {} }],
    ["rejected", { ...full, enrolment: "REJECTED" }, {}, "update", { enrolFrom: "REJECTED", fill: {} }],
    ["active, full profile", { ...full, enrolment: "ACTIVE" }, {}, "skip", { reason: "already-enrolled" }],
    [
      "active, empty profile",
      { enrolment: "ACTIVE" },
      {},
      "update",
      {
        enrolFrom: "unchanged",
        fill: { name: "Ali Rezaei", country: "IR", organisation: "University of Tehran", position: "Lecturer" },
      },
    ],
    [
      "active, blank organisation only",
      { ...full, organisation: "  ", enrolment: "ACTIVE" },
      {},
      "update",
      { enrolFrom: "unchanged", fill: { organisation: "University of Tehran" } },
    ],
    [
      "active, empty profile, empty row",
      { enrolment: "ACTIVE", name: "Ali" },
      { country: null, organisation: "", position: "" },
      "skip",
      { reason: "already-enrolled" },
    ],
    [
      "never overwrites the participant's entries",
      { ...full, country: null, enrolment: "PENDING" },
      {},
      "update",
      { enrolFrom: "PENDING", fill: { country: "IR" } },
    ],
  ])("existing user: %s", (_, existing, rowOver, kind, rest) => {
    const r = row(rowOver);
    const plan = planRoster({ rows: [r], errors: [] }, new Map([[r.email, person(existing)]]));
    expect(plan.actions).toEqual([{ kind, row: r, userId: "u1", ...rest }]);
  });

  it("counts actions, and rows with errors once per line", () => {
    const errors: RosterRowError[] = [
      { line: 5, code: "missing-name", value: "", field: "name" },
      { line: 5, code: "invalid-email", value: "x", field: "email" },
      { line: 7, code: "duplicate-in-file", value: "ali@x.ir", field: "email" },
    ];
    const rows = [
      row({ line: 2, email: "a@x.org" }),
      row({ line: 3, email: "b@x.org" }),
      row({ line: 4, email: "c@x.org" }),
    ];
    const existing = new Map([
      ["b@x.org", person({ userId: "b", enrolment: "WITHDRAWN" })],
      ["c@x.org", person({ userId: "c", ...full, enrolment: "ACTIVE" })],
    ]);
    const plan = planRoster({ rows, errors }, existing);
    expect(plan.actions.map((a) => a.kind)).toEqual(["create", "update", "skip"]);
    expect(plan.counts).toEqual({ create: 1, update: 1, skip: 1, error: 2 });
  });

  it("plans only skips once its plan has been applied", () => {
    const text = csv(
      HEADER,
      "New Person,new@x.org,KZ,KazNU,Lecturer",
      "No Country,nocountry@x.org,,,",
      "Pending Person,pending@x.org,UZ,NUUz,Analyst",
      "Withdrawn Person,withdrawn@x.org,TJ,,",
      "Rejected Person,rejected@x.org,,TNU,",
      "Half Profile,half@x.org,AZ,ADA University,Dean",
      "Active Full,active@x.org,CN,Tsinghua,Professor",
      "Not enrolled,notenrolled@x.org,PK,,",
      "Bad row,not-an-email,,,",
    );
    const roster = parsed(text);
    const db = new Map<string, ExistingPerson>([
      ["pending@x.org", person({ userId: "p", enrolment: "PENDING" })],
      ["withdrawn@x.org", person({ userId: "w", name: "W", country: "TR", enrolment: "WITHDRAWN" })],
      ["rejected@x.org", person({ userId: "r", enrolment: "REJECTED", organisation: "" })],
      ["half@x.org", person({ userId: "h", name: "Half", organisation: "Own org", enrolment: "ACTIVE" })],
      ["active@x.org", person({ userId: "a", ...full, enrolment: "ACTIVE" })],
      ["notenrolled@x.org", person({ userId: "n", ...full })],
    ]);

    const first = planRoster(roster, db);
    expect(first.counts).toEqual({ create: 2, update: 5, skip: 1, error: 1 });

    // Apply the plan as the import would.
    let next = 0;
    const after = new Map([...db].map(([email, p]) => [email, { ...p }]));
    for (const action of first.actions) {
      const { row: r } = action;
      if (action.kind === "create") {
        after.set(r.email, {
          userId: `new-${++next}`,
          name: r.name,
          country: r.country,
          organisation: r.organisation || null,
          position: r.position || null,
          certificateName: rosterCertificateName(r.name),
          profileCompleted: false,
          enrolment: "ACTIVE",
        });
      } else if (action.kind === "update") {
        const p = after.get(r.email)!;
        Object.assign(p, action.fill);
        if (action.enrolFrom !== "unchanged") p.enrolment = "ACTIVE" satisfies EnrolmentStatus;
      }
    }
    // Filled fields only where the database was empty.
    expect(after.get("half@x.org")).toMatchObject({
      name: "Half",
      organisation: "Own org",
      country: "AZ",
      position: "Dean",
    });
    expect(after.get("withdrawn@x.org")).toMatchObject({ name: "W", country: "TR", enrolment: "ACTIVE" });

    const second = planRoster(roster, after);
    expect(second.actions.every((a) => a.kind === "skip")).toBe(true);
    expect(second.counts).toEqual({ create: 0, update: 0, skip: 8, error: 1 });
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
