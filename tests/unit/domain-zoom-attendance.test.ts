import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type AttendanceStatus,
  attendanceRate,
  attendedMinutes,
  buildMatcher,
  type Candidate,
  DEFAULT_THRESHOLDS,
  type Match,
  matchParticipant,
  mergeParticipants,
  normaliseName,
  proposeChange,
  type Segment,
  statusFromMinutes,
} from "@/lib/domain/attendance";
import { parseZoomReport, parseZoomTime, splitZoomName, ZOOM_LIMITS, type ZoomReport } from "@/lib/domain/zoom-report";

const TZ = "Asia/Shanghai";
const FIXTURES = path.join(import.meta.dirname, "../fixtures/zoom");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const csv = (...lines: string[]) => lines.join("\r\n") + "\r\n";
const TABLE = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest";

/** The ok result, or a failed test. */
function parsed(text: string, timeZone = TZ) {
  const result = parseZoomReport(text, timeZone);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

/** 15 Dec 2021 at hh:mm[:ss] UTC. */
const t = (hms: string) => new Date(`2021-12-15T${hms.length === 5 ? `${hms}:00` : hms}Z`);
const seg = (join: string, leave: string): Segment => ({ join: t(join), leave: t(leave) });
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

// ---------------------------------------------------------------- time attended

describe("attendedMinutes", () => {
  it.each<[string, Segment[], number]>([
    ["no segments", [], 0],
    ["one segment", [seg("09:00", "10:00")], 60],
    ["two apart", [seg("09:00", "09:30"), seg("10:00", "10:15")], 45],
    ["overlapping, counted once", [seg("09:00", "10:00"), seg("09:30", "10:30")], 90],
    ["nested", [seg("09:00", "12:00"), seg("10:00", "11:00")], 180],
    ["nested, the short one first", [seg("10:00", "11:00"), seg("09:00", "12:00")], 180],
    ["touching", [seg("09:00", "10:00"), seg("10:00", "11:00")], 120],
    [
      "out of order, overlapping a merged run",
      [seg("11:00", "11:30"), seg("09:00", "10:00"), seg("09:50", "11:10")],
      150,
    ],
    ["the same segment twice", [seg("09:00", "09:45"), seg("09:00", "09:45")], 45],
    ["zero length", [seg("09:00", "09:00")], 0],
    ["leave before join counts nothing", [seg("10:00", "09:00"), seg("11:00", "11:10")], 10],
    ["an invalid date counts nothing", [{ join: new Date(NaN), leave: t("10:00") }, seg("09:00", "09:05")], 5],
    ["seconds, rounded down to 0.1", [seg("09:00:00", "09:00:20")], 0.3],
    ["seconds, rounded up to 0.1", [seg("09:00:00", "09:00:40")], 0.7],
    ["overlap measured in seconds", [seg("08:58:40", "09:47:30"), seg("09:46:55", "10:30:02")], 91.4],
  ])("%s", (_, segments, minutes) => {
    expect(attendedMinutes(segments)).toBe(minutes);
  });

  const clip = { from: t("09:00"), to: t("12:00") };
  it.each<[string, Segment[], number]>([
    ["inside", [seg("09:30", "10:00")], 30],
    ["joined early", [seg("08:50", "09:10")], 10],
    ["left late", [seg("11:50", "12:30")], 10],
    ["the whole session and more", [seg("08:00", "13:00")], 180],
    ["all before", [seg("08:00", "08:59")], 0],
    ["all after", [seg("12:00", "12:30")], 0],
    ["overlapping across the start", [seg("08:30", "09:20"), seg("08:45", "09:30")], 30],
    ["nested across the end", [seg("11:00", "12:30"), seg("11:50", "12:10")], 60],
  ])("clipped to 09:00-12:00: %s", (_, segments, minutes) => {
    expect(attendedMinutes(segments, clip)).toBe(minutes);
  });

  it("counts nothing in an empty or reversed clip", () => {
    expect(attendedMinutes([seg("09:00", "12:00")], { from: t("10:00"), to: t("10:00") })).toBe(0);
    expect(attendedMinutes([seg("09:00", "12:00")], { from: t("11:00"), to: t("10:00") })).toBe(0);
  });
});

// ---------------------------------------------------------------- names

describe("normaliseName", () => {
  it.each([
    ["José GARCÍA", "garcia jose"],
    ["  Khan,  Imran ", "imran khan"],
    ["Zoë O'Brien-Smith", "brien o smith zoe"],
    ["Çağla Yılmaz", "cagla yilmaz"],
    ["Łukasz Søren Straße", "lukasz soren strasse"],
    ["مريم احمدي", "احمدی مریم"],
    ["كاظم", "کاظم"],
    ["علی\u200cرضا", "رضا علی"],
    ["علیـرضا", "علیرضا"],
    ["آرش", "ارش"],
    ["ИВАН Петров", "иван петров"],
    ["Ёлкин", "елкин"],
    ["王小明", "小 明 王"],
    ["김민준", "김 민 준"],
    ["प्रिया शर्मा", "प्रिया शर्मा"], // vowel signs are letters here, not diacritics
    ["さとう ゆうき", "さとう ゆうき"], // kana keep their voicing marks
    ["\u200fAli\u200e Raza\ufeff", "ali raza"], // invisible direction marks
    ["...", ""],
    ["", ""],
  ])("%s -> %s", (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ["José", "Jose", true],
    ["Khan Imran", "Imran Khan", true],
    ["Ali Raza", "ALI  RAZA", true],
    ["Dženan Ömer", "Dzenan Omer", true],
    ["مريم احمدي", "مریم احمدی", true], // ي / ی
    ["كامران", "کامران", true], // ك / ک
    ["علی‌رضا حسینی", "علی رضا حسینی", true], // ZWNJ
    ["فاطمه", "فَاطِمَه", true], // harakat
    ["Иван Петров", "иван петров", true],
    ["王小明", "王 小明", true],
    ["王小明", "小明 王", true],
    ["Ali Raza", "Ali Rezaei", false],
    ["Иван Петров", "Иван Петрова", false],
    ["王小明", "王小红", false],
    ["مریم احمدی", "مریم محمدی", false],
    ["Ali", "Ali Raza", false],
  ])("%s ~ %s: %s", (a, b, same) => {
    expect(normaliseName(a) === normaliseName(b)).toBe(same);
  });
});

describe("splitZoomName", () => {
  it.each<[string, string, string | null]>([
    ["Ali Raza (Ali R.)", "Ali Raza", "Ali R."],
    ["Ali Raza", "Ali Raza", null],
    ["  Ali   Raza  ", "Ali Raza", null],
    ["Rezaei, Sara (Sara Rezaei)", "Rezaei, Sara", "Sara Rezaei"],
    ["Sara (TA) (Sara Ahmadi)", "Sara (TA)", "Sara Ahmadi"],
    ["Ali (Ali (home))", "Ali", "Ali (home)"],
    ["Айгерим Сапарова (Aigerim Saparova)", "Айгерим Сапарова", "Aigerim Saparova"],
    ["Hosseini, Zeynab (زینب حسینی)", "Hosseini, Zeynab", "زینب حسینی"],
    ["(Ali R.)", "Ali R.", null],
    ["Ali ()", "Ali", null],
    ["( )", "", null],
    ["Ali (unclosed", "Ali (unclosed", null],
    ["Ali) Raza", "Ali) Raza", null],
  ])("%s", (cell, name, originalName) => {
    expect(splitZoomName(cell)).toEqual({ name, originalName });
  });
});

// ---------------------------------------------------------------- matching

describe("matchParticipant", () => {
  const candidates: Candidate[] = [
    { id: "ali", email: "ali.raza@x.org", names: ["Ali Raza"] },
    { id: "imran", email: "imran@x.org", names: ["Imran Khan"] },
    { id: "jose", email: "jose@x.org", names: ["José García"] },
    { id: "maryam", email: "maryam@x.org", names: ["Maryam Ahmadi", "مریم احمدی"] },
    { id: "kamran", email: "kamran@x.org", names: ["کامران یزدی"] },
    { id: "alireza", email: "alireza@x.org", names: ["علی رضا حسینی"] },
    { id: "ivan", email: "ivan@x.org", names: ["Иван Петров"] },
    { id: "wang", email: "wang@x.org", names: ["Wang Xiaoming", "王 小明"] },
    { id: "muhammad1", email: "m.ali@x.org", names: ["Muhammad Ali"] },
    { id: "muhammad2", email: "muhammad.ali@x.org", names: ["Muhammad  Ali"] },
    { id: "dup1", email: "shared@x.org", names: ["Shared One"] },
    { id: "dup2", email: " Shared@X.org ", names: ["Shared Two"] },
  ];
  const zoom = (cell: string, email: string | null = null) => {
    const { name, originalName } = splitZoomName(cell);
    return { email, names: originalName ? [name, originalName] : [name] };
  };

  it.each<[string, { email: string | null; names: string[] }, Match]>([
    ["email", zoom("Someone Else", "ali.raza@x.org"), { kind: "email", id: "ali" }],
    ["email in another case, with spaces", zoom("A R", "  ALI.Raza@X.org "), { kind: "email", id: "ali" }],
    ["email wins over a name of someone else", zoom("Imran Khan", "ivan@x.org"), { kind: "email", id: "ivan" }],
    [
      "an unknown email falls back to the name",
      zoom("Ali Raza", "ali.personal@gmail.example"),
      { kind: "name", id: "ali" },
    ],
    ["no accents", zoom("Jose Garcia"), { kind: "name", id: "jose" }],
    ["word order", zoom("Khan Imran"), { kind: "name", id: "imran" }],
    ["surname first with a comma", zoom("Khan, Imran"), { kind: "name", id: "imran" }],
    ["the original name matches", zoom("Ali's laptop (Ali Raza)"), { kind: "name", id: "ali" }],
    ["renamed to the roster name", zoom("Ali Raza (iPhone)"), { kind: "name", id: "ali" }],
    ["Arabic yeh for Persian yeh", zoom("مريم احمدي"), { kind: "name", id: "maryam" }],
    ["a candidate's second name", zoom("maryam ahmadi"), { kind: "name", id: "maryam" }],
    ["Arabic kaf and yeh", zoom("كامران يزدي"), { kind: "name", id: "kamran" }],
    ["ZWNJ", zoom("علی\u200cرضا حسینی"), { kind: "name", id: "alireza" }],
    ["Cyrillic in capitals", zoom("ИВАН ПЕТРОВ"), { kind: "name", id: "ivan" }],
    ["Chinese without spaces", zoom("王小明"), { kind: "name", id: "wang" }],
    ["two candidates of one name", zoom("Muhammad Ali"), { kind: "ambiguous", ids: ["muhammad1", "muhammad2"] }],
    [
      "names of two candidates",
      { email: null, names: ["Ivan Petrov", "Иван Петров", "Imran Khan"] },
      { kind: "ambiguous", ids: ["imran", "ivan"] },
    ],
    ["an email two candidates share", zoom("X", "shared@x.org"), { kind: "ambiguous", ids: ["dup1", "dup2"] }],
    ["nobody", zoom("Hamid's iPad"), { kind: "none" }],
    ["only part of a name", zoom("Ali"), { kind: "none" }],
    ["no names", { email: null, names: [] }, { kind: "none" }],
    ["a blank email and a blank name", { email: "  ", names: [" "] }, { kind: "none" }],
  ])("%s", (_, person, expected) => {
    expect(matchParticipant(person, candidates)).toEqual(expected);
    expect(buildMatcher(candidates)(person)).toEqual(expected);
  });

  // Its speed is measured elsewhere, not asserted here.
  it("matches 10,000 people against 5,000 candidates", () => {
    const given = [
      "José",
      "Zoë",
      "Ömer",
      "Çağla",
      "Łukasz",
      "Aigerim",
      "Dilnoza",
      "مریم",
      "فاطمه",
      "عائشہ",
      "秀英",
      "Дмитрий",
      "Сабина",
      "Нурлан",
      "Ayşe",
      "Bilal",
      "Negar",
      "Timur",
      "Usman",
      "Sevara",
      "Farrukh",
      "Zarina",
      "Kamila",
      "Rustam",
      "Malika",
    ];
    const middle = ["Anvar", "Begim", "Cemal", "Darya", "Emre", "Feruza", "Gulnora", "Hasan", "Iroda", "Jahon"];
    const family = [
      "García",
      "Yılmaz",
      "Müller",
      "Əliyev",
      "Toshmatov",
      "حسینی",
      "رضایی",
      "خان",
      "چودھری",
      "王",
      "李",
      "张",
      "Иванова",
      "Садыков",
      "Абдуллаев",
      "Karimova",
      "Nazarov",
      "Qodirov",
      "Saidova",
      "Umarov",
    ];
    expect(given.length * middle.length * family.length).toBe(5000);
    const candidates: Candidate[] = Array.from({ length: 5000 }, (_, i) => ({
      id: `c${i}`,
      email: `p${i}@roster.example.org`,
      names: [`${given[i % 25]} ${middle[Math.floor(i / 25) % 10]} ${family[Math.floor(i / 250)]}`],
    }));
    expect(new Set(candidates.map((c) => normaliseName(c.names[0]!))).size).toBe(5000);

    // Written as people write their names in Zoom: other case, order, no accents, Arabic letters.
    const variant = (name: string) =>
      name
        .split(" ")
        .reverse()
        .join("  ")
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/ی/g, "ي")
        .toUpperCase();
    const rows = Array.from({ length: 10_000 }, (_, r) => {
      const c = r % 5000;
      switch (r % 4) {
        case 0:
          return { email: ` P${c}@Roster.Example.org`, names: ["Whatever"], expected: { kind: "email", id: `c${c}` } };
        case 1:
          return { email: null, names: [variant(candidates[c]!.names[0]!)], expected: { kind: "name", id: `c${c}` } };
        case 2:
          return {
            email: "other@mail.example",
            names: ["Phone", candidates[c]!.names[0]!],
            expected: { kind: "name", id: `c${c}` },
          };
        default:
          return { email: null, names: [`Guest ${r}`], expected: { kind: "none" } };
      }
    });
    const match = buildMatcher(candidates);
    const results = rows.map((row) => match(row));
    expect(results).toEqual(rows.map((row) => row.expected));
    expect(results.filter((m) => m.kind === "name")).toHaveLength(5000);
  });
});

// ---------------------------------------------------------------- merging rows

describe("mergeParticipants", () => {
  const row = (
    name: string,
    originalName: string | null,
    email: string | null,
    join: string,
    leave: string,
    guest: boolean | null = true,
  ) => ({
    name,
    originalName,
    email,
    join: t(join),
    leave: t(leave),
    guest,
  });

  it("groups by email in any case, else by the name the person joined with", () => {
    const people = mergeParticipants([
      row("Ali Raza", "Ali R.", "ali@x.org", "10:00", "11:00"),
      row("مريم احمدي", null, null, "09:00", "10:00"),
      row("Ali Raza", null, "ALI@X.ORG ", "09:00", "09:30", false),
      row("Maryam (مریم احمدی)", null, null, "10:05", "11:00"),
      row("Maryam", "مریم  احمدی", null, "11:05", "12:00", null),
      row("Ali Raza", null, null, "09:10", "09:20"),
    ]);
    expect(
      people.map((p) => [p.key, p.name, p.names, p.email, p.guest, p.segments.map((s) => iso(s.join)!.slice(11, 16))]),
    ).toEqual([
      ["email:ali@x.org", "Ali Raza", ["Ali Raza", "Ali R."], "ali@x.org", false, ["09:00", "10:00"]],
      ["name:احمدی مریم", "مريم احمدي", ["مريم احمدي", "Maryam", "مریم  احمدی"], null, true, ["09:00", "11:05"]],
      ["name:maryam احمدی مریم", "Maryam (مریم احمدی)", ["Maryam (مریم احمدی)"], null, true, ["10:05"]],
      ["name:ali raza", "Ali Raza", ["Ali Raza"], null, true, ["09:10"]],
    ]);
  });

  it.each<[string, (boolean | null)[], boolean | null]>([
    ["all unknown", [null, null], null],
    ["all guests", [true, null, true], true],
    ["a member once", [true, false, true], false],
  ])("guest: %s", (_, guests, expected) => {
    const people = mergeParticipants(guests.map((g) => row("Ali", null, "a@x.org", "09:00", "10:00", g)));
    expect(people).toHaveLength(1);
    expect(people[0]!.guest).toBe(expected);
  });
});

// ---------------------------------------------------------------- status and rate

describe("statusFromMinutes", () => {
  it.each<[number, number, AttendanceStatus]>([
    [45, 60, "PRESENT"], // exactly 75 %
    [44.9, 60, "LATE"],
    [24, 60, "LATE"], // exactly 40 %
    [23.9, 60, "ABSENT"],
    [135, 180, "PRESENT"],
    [134.9, 180, "LATE"],
    [72, 180, "LATE"],
    [71.9, 180, "ABSENT"],
    [33.3, 83.25, "LATE"], // 40 % with binary fractions (33.3 * 100 is 3329.9999999999995)
    [200, 180, "PRESENT"],
    [0, 180, "ABSENT"],
    [10, 0, "ABSENT"],
    [10, -5, "ABSENT"],
    [Number.NaN, 60, "ABSENT"],
  ])("%d of %d minutes: %s", (minutes, scheduled, expected) => {
    expect(statusFromMinutes(minutes, scheduled)).toBe(expected);
    expect(statusFromMinutes(minutes, scheduled, DEFAULT_THRESHOLDS)).toBe(expected);
  });

  it("has the defaults 75 and 40", () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ presentPercent: 75, latePercent: 40 });
  });

  it.each<[number, AttendanceStatus]>([
    [54, "PRESENT"],
    [53.9, "LATE"],
    [30, "LATE"],
    [29.9, "ABSENT"],
  ])("other thresholds (90 %% and 50 %% of 60): %d minutes is %s", (minutes, expected) => {
    expect(statusFromMinutes(minutes, 60, { presentPercent: 90, latePercent: 50 })).toBe(expected);
  });
});

describe("attendanceRate", () => {
  const P = "PRESENT";
  const L = "LATE";
  const E = "EXCUSED";
  const A = "ABSENT";
  it.each<[string, (AttendanceStatus | null)[], number | null, number | null]>([
    ["no session", [], null, null],
    ["all present", [P, P, P], 100, 100],
    ["late counts as attended", [P, L, A, A], 50, 50],
    ["unmarked counts as absent", [P, null], 50, 50],
    ["excused", [P, E, A], 50, 66.7],
    ["only excused", [E, E], null, 100],
    ["excused and unmarked", [E, null], 0, 50],
    ["thirds", [P, P, A], 66.7, 66.7],
    ["one in seven", [P, A, A, A, A, A, A], 14.3, 14.3],
    ["nothing attended", [A, null], 0, 0],
  ])("%s", (_, statuses, leftOut, counted) => {
    expect(attendanceRate(statuses, { excusedCounts: false })).toBe(leftOut);
    expect(attendanceRate(statuses, { excusedCounts: true })).toBe(counted);
  });
});

describe("proposeChange", () => {
  type Current = Parameters<typeof proposeChange>[0];
  const none: Current = { status: null, source: null, minutes: null };
  it.each<
    [
      string,
      Current,
      { status: AttendanceStatus; minutes: number },
      "set" | "unchanged" | "protected",
      "set" | "unchanged" | "protected",
    ]
  >([
    ["no mark yet", none, { status: "PRESENT", minutes: 150 }, "set", "set"],
    [
      "the same import again",
      { status: "PRESENT", source: "ZOOM", minutes: 150 },
      { status: "PRESENT", minutes: 150 },
      "unchanged",
      "unchanged",
    ],
    [
      "minutes equal to 0.1",
      { status: "PRESENT", source: "ZOOM", minutes: 150 },
      { status: "PRESENT", minutes: 150.04 },
      "unchanged",
      "unchanged",
    ],
    [
      "other minutes",
      { status: "PRESENT", source: "ZOOM", minutes: 150 },
      { status: "PRESENT", minutes: 150.1 },
      "set",
      "set",
    ],
    [
      "another status from Zoom",
      { status: "PRESENT", source: "ZOOM", minutes: 150 },
      { status: "LATE", minutes: 100 },
      "set",
      "set",
    ],
    [
      "a self check-in",
      { status: "PRESENT", source: "SELF_CHECK_IN", minutes: null },
      { status: "LATE", minutes: 90 },
      "set",
      "set",
    ],
    [
      "a manual mark",
      { status: "ABSENT", source: "MANUAL", minutes: null },
      { status: "PRESENT", minutes: 170 },
      "protected",
      "set",
    ],
    [
      "a manual mark without minutes, same status",
      { status: "PRESENT", source: "MANUAL", minutes: null },
      { status: "PRESENT", minutes: 170 },
      "protected",
      "set",
    ],
    [
      "a manual mark equal to the import",
      { status: "LATE", source: "MANUAL", minutes: 90 },
      { status: "LATE", minutes: 90 },
      "unchanged",
      "unchanged",
    ],
    [
      "excused by hand",
      { status: "EXCUSED", source: "MANUAL", minutes: null },
      { status: "ABSENT", minutes: 0 },
      "protected",
      "set",
    ],
    [
      "excused from elsewhere",
      { status: "EXCUSED", source: "SELF_CHECK_IN", minutes: 0 },
      { status: "PRESENT", minutes: 160 },
      "protected",
      "set",
    ],
  ])("%s", (_, current, proposed, withoutOverride, withOverride) => {
    expect(proposeChange(current, proposed, false)).toBe(withoutOverride);
    expect(proposeChange(current, proposed, true)).toBe(withOverride);
  });
});

// ---------------------------------------------------------------- reading reports

describe("parseZoomTime", () => {
  it.each<[string, string, string]>([
    ["12/15/2021 09:58:12 AM", TZ, "2021-12-15T01:58:12.000Z"],
    ["12/15/2021 09:58 AM", TZ, "2021-12-15T01:58:00.000Z"],
    ["2021-12-15 09:58:12", TZ, "2021-12-15T01:58:12.000Z"],
    ["2021-12-15 09:58", TZ, "2021-12-15T01:58:00.000Z"],
    ["2021-12-15T09:58:12", TZ, "2021-12-15T01:58:12.000Z"],
    ["12/15/2021 12:05:00 AM", TZ, "2021-12-14T16:05:00.000Z"], // just after midnight
    ["12/15/2021 12:05:00 PM", TZ, "2021-12-15T04:05:00.000Z"], // just after noon
    ["12/15/2021 01:30:00 pm", TZ, "2021-12-15T05:30:00.000Z"],
    ["1/5/2022 9:03 PM", TZ, "2022-01-05T13:03:00.000Z"],
    ["12/15/2021 13:58:12", TZ, "2021-12-15T05:58:12.000Z"],
    ["  12/15/2021 09:58:12 AM ", TZ, "2021-12-15T01:58:12.000Z"],
    ["12/15/2021 01:30:00 PM", "Asia/Tehran", "2021-12-15T10:00:00.000Z"],
    ["2021-12-15 23:59:59", "Asia/Tehran", "2021-12-15T20:29:59.000Z"],
    ["2021-12-15 09:00:00", "Asia/Kathmandu", "2021-12-15T03:15:00.000Z"],
    ["2021-12-15 09:00:00", "America/New_York", "2021-12-15T14:00:00.000Z"],
    ["2021-07-15 09:00:00", "America/New_York", "2021-07-15T13:00:00.000Z"], // summer time
    ["2021-12-15 09:00:00", "UTC", "2021-12-15T09:00:00.000Z"],
  ])("%s in %s is %s", (value, timeZone, utc) => {
    expect(iso(parseZoomTime(value, timeZone))).toBe(utc);
  });

  it.each([
    "",
    "12/15/2021",
    "09:58:12 AM",
    "15/12/2021 09:58 AM", // day first: Zoom writes month first
    "12/15/2021 13:58 PM",
    "12/15/2021 00:10 AM",
    "12/15/2021 09:60 AM",
    "12/15/2021 24:00:00",
    "02/29/2021 10:00 AM",
    "2021-02-30 10:00:00",
    "2021-13-01 10:00:00",
    "12/15/21 09:58 AM",
    "yesterday",
  ])("%j is not a time", (value) => {
    expect(parseZoomTime(value, TZ)).toBeNull();
  });
});

describe("parseZoomReport", () => {
  it.each<[string, string, ZoomReport]>([
    ["nothing", "", { ok: false, error: "empty" }],
    ["only a BOM and blank lines", "\uFEFF\r\n  \r\n,,\r\n", { ok: false, error: "empty" }],
    ["a header without rows", csv(TABLE, ""), { ok: false, error: "empty" }],
    [
      "a meeting block and a header without rows",
      csv("Topic,Meeting ID,Start Time", "T,1,12/15/2021 09:00 AM", "", TABLE),
      { ok: false, error: "empty" },
    ],
    ["a roster", csv("Name,Email,Country", "Ali,ali@x.org,PK"), { ok: false, error: "not-a-zoom-report" }],
    [
      "no leave column",
      csv("Name,Email,Join Time", "Ali,ali@x.org,12/15/2021 09:00 AM"),
      { ok: false, error: "not-a-zoom-report" },
    ],
    [
      "a meeting block alone",
      csv("Topic,Meeting ID,Start Time,End Time", "T,1,12/15/2021 09:00 AM,12/15/2021 10:00 AM"),
      { ok: false, error: "not-a-zoom-report" },
    ],
    ["prose", "Dear admin,\nplease find the report attached.\n", { ok: false, error: "not-a-zoom-report" }],
  ])("%s", (_, text, expected) => {
    expect(parseZoomReport(text, TZ)).toEqual(expected);
  });

  it("refuses a file just over 5 MB, counting UTF-8 bytes", () => {
    const head = csv(TABLE);
    expect(parseZoomReport(head + "x".repeat(ZOOM_LIMITS.maxBytes - head.length + 1), TZ)).toEqual({
      ok: false,
      error: "too-large",
      limit: ZOOM_LIMITS.maxBytes,
    });
    // Under the limit in characters, over it in bytes (2 bytes a Persian letter).
    const persian = head + "ع".repeat(ZOOM_LIMITS.maxBytes / 2);
    expect(persian.length).toBeLessThan(ZOOM_LIMITS.maxBytes);
    expect(parseZoomReport(persian, TZ)).toEqual({ ok: false, error: "too-large", limit: ZOOM_LIMITS.maxBytes });
  });

  it("accepts 20,000 rows and refuses 20,001", () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `P ${i},p${i}@x.org,12/15/2021 09:00 AM,12/15/2021 10:00 AM,60,Yes`);
    const ok = parsed(csv(TABLE, ...rows(ZOOM_LIMITS.maxRows), "", ""));
    expect(ok.rows).toHaveLength(20_000);
    expect(ok.rows.at(-1)!.line).toBe(20_001);
    expect(parseZoomReport(csv(TABLE, ...rows(ZOOM_LIMITS.maxRows + 1)), TZ)).toEqual({
      ok: false,
      error: "too-large",
      limit: 20_000,
    });
  });

  it("refuses a name that is not a time zone", () => {
    expect(() => parseZoomReport(csv(TABLE), "Asia/Atlantis")).toThrow(RangeError);
  });

  it("reads a row's cells", () => {
    const r = parsed(
      csv(TABLE, `"Rezaei, Sara (Sara R.)", Sara.Rezaei@X.org ,12/15/2021 09:58:12 AM,12/15/2021 11:02:00 AM,64,No`),
    );
    expect(r).toEqual({
      ok: true,
      meeting: null,
      rows: [
        {
          line: 2,
          name: "Rezaei, Sara",
          originalName: "Sara R.",
          email: "sara.rezaei@x.org",
          join: new Date("2021-12-15T01:58:12Z"),
          leave: new Date("2021-12-15T03:02:00Z"),
          durationMinutes: 64,
          guest: false,
        },
      ],
      errors: [],
      waitingRoom: 0,
    });
  });

  it.each<[string, string, { email: string | null; durationMinutes: number | null; guest: boolean | null }]>([
    [
      "no email, a guest",
      "Ali,,12/15/2021 09:00 AM,12/15/2021 10:00 AM,60,Yes",
      { email: null, durationMinutes: 60, guest: true },
    ],
    [
      "blank duration and guest",
      "Ali,a@x.org,12/15/2021 09:00 AM,12/15/2021 10:00 AM,,",
      { email: "a@x.org", durationMinutes: null, guest: null },
    ],
    [
      "odd duration and guest",
      "Ali,a@x.org,12/15/2021 09:00 AM,12/15/2021 10:00 AM,about 60,maybe",
      { email: "a@x.org", durationMinutes: null, guest: null },
    ],
    [
      "short row",
      "Ali,a@x.org,12/15/2021 09:00 AM,12/15/2021 10:00 AM",
      { email: "a@x.org", durationMinutes: null, guest: null },
    ],
  ])("cells: %s", (_, line, expected) => {
    expect(parsed(csv(TABLE, line)).rows).toEqual([expect.objectContaining(expected)]);
  });

  it("reports rows it cannot read, with the line a spreadsheet shows", () => {
    const r = parsed(
      csv(
        TABLE,
        "Ok,ok@x.org,12/15/2021 09:00 AM,12/15/2021 10:00 AM,60,Yes",
        "Bad join,,15/12/2021 09:00 AM,12/15/2021 10:00 AM,60,Yes",
        "",
        "No leave,,12/15/2021 09:00 AM,,60,Yes",
        "Backwards,,12/15/2021 10:00 AM,12/15/2021 09:59:59 AM,0,Yes",
        ",nameless@x.org,12/15/2021 09:00 AM,12/15/2021 10:00 AM,60,Yes",
        "  (  ) ,,12/15/2021 09:00 AM,12/15/2021 10:00 AM,60,Yes",
        '"Two\nlines",,12/15/2021 09:00 AM,12/15/2021 09:00 AM,0,Yes',
        "Zero,,12/15/2021 09:00 AM,12/15/2021 09:00 AM,0,Yes",
      ),
    );
    expect(r.rows.map((row) => [row.line, row.name])).toEqual([
      [2, "Ok"],
      [9, "Two lines"],
      [10, "Zero"],
    ]);
    expect(r.errors).toEqual([
      { line: 3, problem: "bad-time" },
      { line: 5, problem: "bad-time" },
      { line: 6, problem: "leave-before-join" },
      { line: 7, problem: "no-name" },
      { line: 8, problem: "no-name" },
    ]);
  });

  it.each<[string, string, string]>([
    ["lower case", "name (original name),user email,join time,leave time,duration (minutes),guest", ","],
    ["short names", "Participant,Email,Join,Leave", ","],
    ["plain Name, in another order", "Join Time,Leave Time,Email,Name", ","],
    ["spaces and capitals", " NAME ( ORIGINAL NAME ) , USER EMAIL , JOIN TIME , LEAVE TIME ", ","],
    ["semicolons (a spreadsheet in another locale)", "Name (Original Name);User Email;Join Time;Leave Time", ";"],
    ["tabs", "Name (Original Name)\tUser Email\tJoin Time\tLeave Time", "\t"],
  ])("headers: %s", (_, header, sep) => {
    const cols = header.split(sep).map((h) => h.trim().toLowerCase());
    const value: Record<string, string> = {
      name: "Ali Raza",
      email: "ali@x.org",
      join: "12/15/2021 09:00 AM",
      leave: "12/15/2021 10:00 AM",
    };
    const cell = (h: string) =>
      h.includes("name") || h === "participant"
        ? value.name
        : h.includes("mail")
          ? value.email
          : h.startsWith("join")
            ? value.join
            : h.startsWith("leave")
              ? value.leave
              : "";
    const r = parsed(csv(header, cols.map(cell).join(sep), cols.map(cell).join(sep)));
    expect(r.rows.map((row) => [row.name, row.email, iso(row.join), iso(row.leave)])).toEqual([
      ["Ali Raza", "ali@x.org", "2021-12-15T01:00:00.000Z", "2021-12-15T02:00:00.000Z"],
      ["Ali Raza", "ali@x.org", "2021-12-15T01:00:00.000Z", "2021-12-15T02:00:00.000Z"],
    ]);
  });

  it("reads a meeting block in Zoom's newer form and skips lines above it", () => {
    const r = parsed(
      csv(
        "Meeting report",
        "Topic,ID,Host,Duration (minutes),Start time,End time,Participants",
        "Week 2,812 3456 7890,Host Person,62,12/15/2021 09:00:00 AM,12/15/2021 10:02:00 AM,1",
        "",
        TABLE,
        "Ali,,12/15/2021 09:00 AM,12/15/2021 10:00 AM,60,Yes",
      ),
    );
    expect(r.meeting).toEqual({
      topic: "Week 2",
      meetingId: "812 3456 7890",
      start: new Date("2021-12-15T01:00:00Z"),
      end: new Date("2021-12-15T02:02:00Z"),
      durationMinutes: 62,
      participants: 1,
    });
    expect(r.rows.map((row) => row.line)).toEqual([6]);
  });

  it("leaves a meeting's unreadable values empty", () => {
    const r = parsed(
      csv(
        "Topic,Meeting ID,Start Time,End Time,Duration (Minutes),Participants",
        ",,soon,,?,",
        "",
        TABLE,
        "Ali,,12/15/2021 09:00 AM,12/15/2021 10:00 AM,60,Yes",
      ),
    );
    expect(r.meeting).toEqual({
      topic: null,
      meetingId: null,
      start: null,
      end: null,
      durationMinutes: null,
      participants: null,
    });
  });
});

// ---------------------------------------------------------------- the fixture files

describe("fixture: with-meeting-block.csv", () => {
  const text = fixture("with-meeting-block.csv");
  const report = parsed(text);

  it("starts with a BOM and reads the same without it", () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("\r\n");
    expect(parsed(text.slice(1))).toEqual(report);
  });

  it("reads the meeting block", () => {
    expect(report.meeting).toEqual({
      topic: "Regional Training Programme, Live Session 3",
      meetingId: "812 3456 7890",
      start: new Date("2021-12-15T00:52:10Z"),
      end: new Date("2021-12-15T04:06:45Z"),
      durationMinutes: 195,
      participants: 12,
    });
  });

  it("reads 16 rows from line 5 without errors", () => {
    expect(report.errors).toEqual([]);
    expect(report.waitingRoom).toBe(0);
    expect(report.rows).toHaveLength(16);
    expect(report.rows.map((r) => r.line)).toEqual(Array.from({ length: 16 }, (_, i) => i + 5));
    expect(report.rows.filter((r) => r.guest === false).map((r) => r.name)).toEqual(["Training Host"]);
    // Zoom's durations are the rows' lengths rounded up.
    for (const r of report.rows)
      expect(r.durationMinutes).toBe(Math.ceil((r.leave.getTime() - r.join.getTime()) / 60_000));
  });

  it.each<[number, string, string | null, string | null, string, string]>([
    [
      5,
      "Training Host",
      null,
      "host.trainer@training.example.org",
      "2021-12-15T00:52:10.000Z",
      "2021-12-15T04:06:45.000Z",
    ],
    [6, "Ali Raza", "Ali R.", "ali.raza@student.example.org", "2021-12-15T00:58:40.000Z", "2021-12-15T01:47:30.000Z"],
    [7, "Khan, Bilal", null, "bilal.khan@student.example.org", "2021-12-15T01:01:05.000Z", "2021-12-15T03:59:20.000Z"],
    [8, "مريم احمدي", null, null, "2021-12-15T01:02:00.000Z", "2021-12-15T02:15:00.000Z"],
    [9, "فاطمہ نور", null, "fatima.noor@student.example.org", "2021-12-15T00:59:30.000Z", "2021-12-15T04:00:10.000Z"],
    [10, "王小明", null, null, "2021-12-15T01:03:12.000Z", "2021-12-15T03:58:45.000Z"],
    [
      11,
      "Айгерим Сапарова",
      "Aigerim Saparova",
      "aigerim.saparova@student.example.org",
      "2021-12-15T01:00:02.000Z",
      "2021-12-15T03:10:00.000Z",
    ],
    [12, "Ali Raza", null, "ali.raza@student.example.org", "2021-12-15T01:46:55.000Z", "2021-12-15T02:30:02.000Z"],
    [
      13,
      "Rezaei, Sara",
      "Sara Rezaei",
      "sara.rezaei@student.example.org",
      "2021-12-15T01:05:00.000Z",
      "2021-12-15T03:57:30.000Z",
    ],
    [15, "Hamid's iPad", null, null, "2021-12-15T01:20:00.000Z", "2021-12-15T02:05:00.000Z"],
    [
      18,
      "Dilnoza Toshmatova",
      null,
      "dilnoza.t@student.example.org",
      "2021-12-15T02:40:00.000Z",
      "2021-12-15T04:00:00.000Z",
    ],
  ])("line %d: %s", (line, name, originalName, email, join, leave) => {
    const r = report.rows.find((row) => row.line === line)!;
    expect([r.name, r.originalName, r.email, iso(r.join), iso(r.leave)]).toEqual([
      name,
      originalName,
      email,
      join,
      leave,
    ]);
  });

  // The roster of the cohort: the host and "Hamid's iPad" are not on it.
  const roster: Candidate[] = [
    { id: "ali", email: "ali.raza@student.example.org", names: ["Ali Raza"] },
    { id: "bilal", email: "bilal.khan@student.example.org", names: ["Bilal Khan"] },
    { id: "maryam", email: "maryam.ahmadi@mail.example.ir", names: ["Maryam Ahmadi", "مریم احمدی"] },
    { id: "fatima", email: "fatima.noor@student.example.org", names: ["Fatima Noor", "فاطمہ نور"] },
    { id: "wang", email: "wang.xiaoming@mail.example.cn", names: ["Wang Xiaoming", "王 小明"] },
    { id: "aigerim", email: "aigerim@mail.example.kz", names: ["Aigerim Saparova"] },
    { id: "sara", email: "sara.rezaei@student.example.org", names: ["Sara Rezaei"] },
    { id: "jose", email: "jose.garcia@mail.example.es", names: ["José García"] },
    { id: "dilnoza", email: "dilnoza.t@student.example.org", names: ["Dilnoza Toshmatova"] },
    { id: "nurlan", email: "nurlan.sadykov@student.example.org", names: ["Nurlan Sadykov"] },
    { id: "hamid", email: "hamid.hosseini@student.example.org", names: ["Hamid Hosseini"] },
  ];
  const people = mergeParticipants(report.rows);
  const match = buildMatcher(roster);
  const session = { from: new Date("2021-12-15T01:00:00Z"), to: new Date("2021-12-15T04:00:00Z") }; // 09:00-12:00 in Shanghai

  it("finds 12 people, Ali Raza with 4 segments", () => {
    expect(people).toHaveLength(12);
    expect(people).toHaveLength(report.meeting!.participants!);
    const ali = people.find((p) => p.email === "ali.raza@student.example.org")!;
    expect(ali.segments).toHaveLength(4);
    expect(ali.names).toEqual(["Ali Raza", "Ali R.", "Ali's iPhone"]);
    expect(report.rows.filter((r) => r.email === ali.email).reduce((s, r) => s + r.durationMinutes!, 0)).toBe(185);
    expect(attendedMinutes(ali.segments)).toBe(168.2);
    expect(attendedMinutes(ali.segments, session)).toBe(166.9);
  });

  it.each<[string, Match, number, AttendanceStatus]>([
    ["Training Host", { kind: "none" }, 180, "PRESENT"],
    ["Ali Raza", { kind: "email", id: "ali" }, 166.9, "PRESENT"],
    ["Khan, Bilal", { kind: "email", id: "bilal" }, 178.3, "PRESENT"],
    ["مريم احمدي", { kind: "name", id: "maryam" }, 171.5, "PRESENT"],
    ["فاطمہ نور", { kind: "email", id: "fatima" }, 180, "PRESENT"],
    ["王小明", { kind: "name", id: "wang" }, 175.6, "PRESENT"],
    ["Айгерим Сапарова", { kind: "name", id: "aigerim" }, 130, "LATE"],
    ["Rezaei, Sara", { kind: "email", id: "sara" }, 172.5, "PRESENT"],
    ["Hamid's iPad", { kind: "none" }, 45, "ABSENT"],
    ["Jose Garcia", { kind: "name", id: "jose" }, 155, "PRESENT"],
    ["Dilnoza Toshmatova", { kind: "email", id: "dilnoza" }, 80, "LATE"],
    ["Nurlan Sadykov", { kind: "email", id: "nurlan" }, 50, "ABSENT"],
  ])("%s: %j, %d minutes, %s", (name, expected, minutes, status) => {
    const person = people.find((p) => p.name === name)!;
    expect(match(person)).toEqual(expected);
    const attended = attendedMinutes(person.segments, session);
    expect(attended).toBe(minutes);
    expect(statusFromMinutes(attended, 180)).toBe(status);
  });
});

describe("fixture: table-only.csv", () => {
  const text = fixture("table-only.csv");
  const report = parsed(text);

  it("has no BOM and LF line ends", () => {
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain("\r");
  });

  it("reads 8 rows from line 2 without a meeting block", () => {
    expect(report.meeting).toBeNull();
    expect(report.errors).toEqual([]);
    expect(report.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mergeParticipants(report.rows)).toHaveLength(7);
  });

  it.each<[number, string, string | null, string | null, string, string, number]>([
    [
      2,
      "Training Host",
      null,
      "host.trainer@training.example.org",
      "2021-12-15T00:50:00.000Z",
      "2021-12-15T04:02:30.000Z",
      193,
    ],
    [
      3,
      "Тимур Абдуллаев",
      null,
      "timur.abdullaev@student.example.org",
      "2021-12-15T01:00:00.000Z",
      "2021-12-15T03:30:00.000Z",
      150,
    ],
    [4, "Hosseini, Zeynab", "زینب حسینی", null, "2021-12-15T01:05:30.000Z", "2021-12-15T03:59:59.000Z", 175],
    [5, "李华", null, null, "2021-12-15T01:15:00.000Z", "2021-12-15T04:00:00.000Z", 165],
    [
      8,
      "عائشہ چودھری",
      null,
      "ayesha.chaudhry@student.example.org",
      "2021-12-15T01:30:00.000Z",
      "2021-12-15T03:00:00.000Z",
      90,
    ],
    [9, "Galaxy A52", null, null, "2021-12-15T01:40:00.000Z", "2021-12-15T01:41:30.000Z", 2],
  ])("line %d: %s", (line, name, originalName, email, join, leave, duration) => {
    const r = report.rows.find((row) => row.line === line)!;
    expect([r.name, r.originalName, r.email, iso(r.join), iso(r.leave), r.durationMinutes]).toEqual([
      name,
      originalName,
      email,
      join,
      leave,
      duration,
    ]);
  });

  it("counts touching rows once, without a gap", () => {
    const cagla = mergeParticipants(report.rows).find((p) => p.email === "cagla.yilmaz@student.example.org")!;
    expect(cagla.segments).toHaveLength(2);
    expect(attendedMinutes(cagla.segments)).toBe(176);
    expect(
      attendedMinutes(cagla.segments, { from: new Date("2021-12-15T01:00:00Z"), to: new Date("2021-12-15T04:00:00Z") }),
    ).toBe(175);
  });

  it("matches the Persian original name of a renamed participant", () => {
    const person = mergeParticipants(report.rows).find((p) => p.name === "Hosseini, Zeynab")!;
    expect(person.key).toBe("name:حسینی زینب");
    expect(matchParticipant(person, [{ id: "z", email: "z@mail.example.ir", names: ["Zeynab Hosseini"] }])).toEqual({
      kind: "name",
      id: "z",
    });
    expect(matchParticipant(person, [{ id: "z", email: "z@mail.example.ir", names: ["زينب حسيني"] }])).toEqual({
      kind: "name",
      id: "z",
    });
  });
});

describe("fixture: waiting-room.csv", () => {
  const report = parsed(fixture("waiting-room.csv"));

  it("reads the meeting block with lower-case headers, the id first", () => {
    expect(report.meeting).toEqual({
      topic: "Regional Training Programme Live Session 4",
      meetingId: "81234567890",
      start: new Date("2021-12-15T00:55:00Z"),
      end: new Date("2021-12-15T04:01:00Z"),
      durationMinutes: 186,
      participants: 7,
    });
  });

  it("leaves out the 4 rows of time in the waiting room", () => {
    expect(report.errors).toEqual([]);
    expect(report.waitingRoom).toBe(4);
    expect(report.rows.map((r) => [r.line, r.name])).toEqual([
      [5, "Training Host"],
      [7, "Bilal Khan"],
      [9, "Светлана Иванова"],
      [10, "نگار رضایی"],
      [12, "张伟"],
      [14, "Usman Tariq"],
    ]);
    expect(report.rows.some((r) => r.name === "Reza Ahmadi")).toBe(false);
  });

  it.each<[string, string, string, number]>([
    ["Bilal Khan", "2021-12-15T01:00:00.000Z", "2021-12-15T03:58:00.000Z", 178],
    ["Светлана Иванова", "2021-12-15T01:12:00.000Z", "2021-12-15T04:00:00.000Z", 168],
    ["张伟", "2021-12-15T01:25:00.000Z", "2021-12-15T03:50:00.000Z", 145],
    ["Usman Tariq", "2021-12-15T03:30:00.000Z", "2021-12-15T04:01:00.000Z", 31], // 11:30 AM to 12:01 PM
  ])("%s attended from the time admitted", (name, join, leave, minutes) => {
    const person = mergeParticipants(report.rows).find((p) => p.name === name)!;
    expect(person.segments.map((s) => [iso(s.join), iso(s.leave)])).toEqual([[join, leave]]);
    expect(attendedMinutes(person.segments)).toBe(minutes);
  });
});
