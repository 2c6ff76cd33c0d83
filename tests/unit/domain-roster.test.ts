import { describe, expect, it } from "vitest";
import {
  matchHeader,
  type ParsedRoster,
  parseCountry,
  parseRoster,
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

  it("reads addresses typed in full-width or with ideographic full stops as ASCII, and finds them repeated", () => {
    const r = parsed(
      csv(HEADER, "Li Wei,ｌｉ．ｗｅｉ＠ｂｔｂｕ．ｅｄｕ．ｃｎ,CN,,", "Li Wei again,li.wei@btbu。edu。cn,CN,,"),
    );
    expect(r.rows.map((row) => row.email)).toEqual(["li.wei@btbu.edu.cn"]);
    expect(r.errors).toEqual([{ line: 3, code: "duplicate-in-file", value: "li.wei@btbu。edu。cn", field: "email" }]);
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
