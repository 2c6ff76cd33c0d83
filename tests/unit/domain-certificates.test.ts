import { describe, expect, it } from "vitest";
import type { AttendanceStatus } from "@/lib/domain/attendance";
import {
  CODE_PATTERN,
  certificateCode,
  certificateDue,
  certificateRuleOf,
  checkEligibility,
  defaultCertificateRule,
  type EligibilityAttempt,
  type EligibilitySession,
  linkedInAddUrl,
  nameChangedSinceIssue,
  normaliseCode,
  participantEligibility,
} from "@/lib/domain/certificates";
import { DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";

const SLUGS = ["a", "b", "c", "d", "e"];
const rule = defaultCertificateRule(SLUGS);
const passedAll = SLUGS.map((slug, i) => ({
  slug,
  number: i + 1,
  passed: true,
  inProgress: false,
  attemptsLeft: 2 as number | null,
  attempted: true,
}));

/** Sessions from a compact string: P present, L late, E excused, A absent, - held but unmarked, u upcoming. */
function sessions(spec: string, excuses: Record<number, EligibilitySession["excuse"]> = {}): EligibilitySession[] {
  const status: Record<string, AttendanceStatus | null> = {
    P: "PRESENT",
    L: "LATE",
    E: "EXCUSED",
    A: "ABSENT",
    "-": null,
    u: null,
  };
  return [...spec].map((c, i) => ({
    id: `s${i}`,
    lectureSlug: SLUGS[i % 5]!,
    held: c !== "u",
    status: status[c]!,
    excuse: excuses[i] ?? null,
  }));
}

describe("checkEligibility: attendance over all the cohort's sessions", () => {
  it.each([
    // spec, excusedCounts, eligible, attended, needed, attendMore
    ["PPPPP", true, true, 5, 4, null],
    ["PPPPA", true, true, 4, 4, null],
    ["PPPLA", true, true, 4, 4, null],
    ["PPPAA", true, false, 3, 4, null],
    ["PPPEA", true, true, 4, 4, null],
    // Excused not counted: 3 of the 4 counted sessions is 75%, short of 80%.
    ["PPPEA", false, false, 3, 4, null],
    ["PPPPE", false, true, 4, 4, null],
    // Early: one session attended, four to come, is not enough yet.
    ["Puuuu", true, false, 1, 4, 3],
    ["PPPPu", true, true, 4, 4, null],
    ["AAuuu", true, false, 0, 4, null],
    ["A-uuu", true, false, 0, 4, null],
    ["PAuuu", true, false, 1, 4, 3],
    // No sessions at all: nothing to attend.
    ["", true, true, 0, 0, null],
  ] as const)(
    "%s (excused counts: %s) → eligible %s",
    (spec, excusedCounts, eligible, attended, needed, attendMore) => {
      const result = checkEligibility({ rule, sessions: sessions(spec), excusedCounts, quizzes: passedAll });
      expect(result.eligible).toBe(eligible);
      const gap = result.missing.find((m) => m.kind === "attendance");
      if (eligible) expect(gap).toBeUndefined();
      else expect(gap).toMatchObject({ attended, needed, attendMore });
    },
  );

  it("names the missed sessions one could ask to be excused for, and counts pending requests", () => {
    const result = checkEligibility({
      rule,
      sessions: sessions("PA-AP", { 1: "PENDING", 3: "REJECTED" }),
      excusedCounts: true,
      quizzes: passedAll,
    });
    expect(result.missing).toEqual([
      { kind: "attendance", attended: 2, needed: 4, attendMore: null, excusable: ["s2"], pendingExcuses: 1 },
    ]);
  });

  it.each([
    [0, "AAAAA", true],
    [100, "PPPPA", false],
    [100, "PPPPP", true],
    // Five sessions: 40% needs 2, 50% needs 3 (rounded up), held or not.
    [40, "PPAAu", true],
    [50, "PPAAu", false],
  ] as const)("minimum %s%% with %s → eligible %s", (minAttendancePercent, spec, eligible) => {
    const result = checkEligibility({
      rule: { ...rule, minAttendancePercent },
      sessions: sessions(spec),
      excusedCounts: true,
      quizzes: passedAll,
    });
    expect(result.eligible).toBe(eligible);
  });
});

describe("checkEligibility: quizzes", () => {
  const quiz = (slug: string, number: number, over: Partial<(typeof passedAll)[number]>) => ({
    ...passedAll[number - 1]!,
    slug,
    number,
    ...over,
  });

  it.each([
    [{ passed: false, attempted: false, inProgress: false }, "not-started"],
    [{ passed: false, attempted: true, inProgress: true }, "in-progress"],
    [{ passed: false, attempted: false, inProgress: true }, "in-progress"],
    [{ passed: false, attempted: true, attemptsLeft: 1 }, "retry"],
    [{ passed: false, attempted: true, attemptsLeft: null }, "retry"],
    [{ passed: false, attempted: true, attemptsLeft: 0 }, "no-attempts-left"],
  ] as const)("%o → %s", (over, state) => {
    const quizzes = passedAll.map((q) => (q.slug === "c" ? quiz("c", 3, over) : q));
    const result = checkEligibility({ rule, sessions: sessions("PPPPP"), excusedCounts: true, quizzes });
    expect(result).toEqual({ eligible: false, missing: [{ kind: "quiz", slug: "c", number: 3, state }] });
  });

  it("asks only for the required quizzes, in lecture order, before attendance", () => {
    const failed = passedAll.map((q) => ({ ...q, passed: false, attempted: false }));
    const shuffled = [failed[4]!, failed[0]!, failed[2]!, failed[1]!, failed[3]!];
    const result = checkEligibility({
      rule: { ...rule, requiredQuizzes: ["e", "b"] },
      sessions: sessions("AAAAA"),
      excusedCounts: true,
      quizzes: shuffled,
    });
    expect(result.missing.map((m) => (m.kind === "quiz" ? m.slug : m.kind))).toEqual(["b", "e", "attendance"]);
  });

  it("requires no quiz when the rule lists none", () => {
    const failed = passedAll.map((q) => ({ ...q, passed: false }));
    expect(
      checkEligibility({
        rule: { ...rule, requiredQuizzes: [] },
        sessions: sessions("PPPPP"),
        excusedCounts: true,
        quizzes: failed,
      }).eligible,
    ).toBe(true);
  });
});

describe("certificateRuleOf", () => {
  const lectures = SLUGS.map((slug) => ({ slug }));
  it.each([
    ["no stored rule: the default, every lecture's quiz", null, defaultCertificateRule(SLUGS)],
    [
      "a stored rule as stored",
      { minAttendancePercent: 60, requiredQuizzes: ["b", "a"], autoIssue: false },
      { minAttendancePercent: 60, requiredQuizzes: ["b", "a"], autoIssue: false },
    ],
    [
      "a quiz of a lecture that no longer exists is not required",
      { minAttendancePercent: 80, requiredQuizzes: ["a", "gone", "e"], autoIssue: true },
      { minAttendancePercent: 80, requiredQuizzes: ["a", "e"], autoIssue: true },
    ],
  ] as const)("%s", (_, row, expected) => {
    expect(certificateRuleOf(row && { ...row, requiredQuizzes: [...row.requiredQuizzes] }, lectures)).toEqual(expected);
  });
});

describe("participantEligibility: the quizzes from the participant's attempts", () => {
  const lectures = SLUGS.map((slug, i) => ({ slug, number: i + 1 }));
  const submitted = (lectureSlug: string, percent: number | null): EligibilityAttempt => ({
    lectureSlug,
    status: "SUBMITTED",
    percent,
  });
  const passedEvery = SLUGS.map((slug) => submitted(slug, 100));
  const missingOf = (attempts: EligibilityAttempt[], quizRules = { ...DEFAULT_QUIZ_RULES }) =>
    participantEligibility({
      rule: { ...rule, requiredQuizzes: ["c"] },
      excusedCounts: true,
      quizRules,
      lectures,
      sessions: sessions("PPPPP"),
      attempts,
    }).missing;

  it.each([
    ["no attempt", [], "not-started"],
    ["one in progress", [{ lectureSlug: "c", status: "IN_PROGRESS", percent: null }], "in-progress"],
    ["failed once (3 allowed)", [submitted("c", 40)], "retry"],
    ["failed three times", [submitted("c", 40), submitted("c", 50), submitted("c", 60)], "no-attempts-left"],
    ["submitted without a grade", [submitted("c", null)], "retry"],
  ] as const)("%s → %s", (_, attempts, state) => {
    const others = passedEvery.filter((a) => a.lectureSlug !== "c");
    expect(missingOf([...others, ...attempts])).toEqual([{ kind: "quiz", slug: "c", number: 3, state }]);
  });

  it("counts the score the cohort's policy says: the best, or the latest, against the pass mark", () => {
    const attempts = [submitted("c", 90), submitted("c", 50)];
    expect(missingOf(attempts)).toEqual([]);
    expect(missingOf(attempts, { ...DEFAULT_QUIZ_RULES, scorePolicy: "LATEST" })).toEqual([
      { kind: "quiz", slug: "c", number: 3, state: "retry" },
    ]);
    expect(missingOf([submitted("c", 75)], { ...DEFAULT_QUIZ_RULES, passPercent: 80 })).toEqual([
      { kind: "quiz", slug: "c", number: 3, state: "retry" },
    ]);
  });

  it("reads only the quizzes of the lectures given, and the attendance from the sessions", () => {
    const result = participantEligibility({
      rule: { ...rule, requiredQuizzes: ["a"] },
      excusedCounts: true,
      quizRules: { ...DEFAULT_QUIZ_RULES },
      lectures: lectures.slice(1),
      sessions: sessions("AAAPP"),
      attempts: [],
    });
    expect(result.missing.map((m) => m.kind)).toEqual(["attendance"]);
  });
});

describe("certificate codes", () => {
  it.each([
    [2021, [0, 0, 0, 0, 0], "ECOSF-21-0000-0000"],
    [2026, [255, 255, 255, 255, 255], "ECOSF-26-ZZZZ-ZZZZ"],
    [2026, [0x08, 0x42, 0x10, 0x84, 0x21], "ECOSF-26-1111-1111"],
    [2030, [0x39, 0x8a, 0x41, 0x31, 0xca], "ECOSF-30-7654-2CEA"],
  ])("year %s, bytes %o → %s", (year, bytes, code) => {
    expect(certificateCode(year, Uint8Array.from(bytes))).toBe(code);
    expect(code).toMatch(CODE_PATTERN);
  });

  it("uses 40 random bits: different bytes give different codes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const bytes = new Uint8Array(5);
      bytes[Math.floor(i / 8)] = 1 << (i % 8);
      seen.add(certificateCode(2026, bytes));
    }
    expect(seen.size).toBe(40);
  });

  it("refuses fewer than 5 random bytes", () => {
    expect(() => certificateCode(2026, new Uint8Array(4))).toThrow(/5 random bytes/);
  });

  it.each([
    ["ECOSF-21-7K4M-Q9XT", "ECOSF-21-7K4M-Q9XT"],
    ["  ecosf-21-7k4m-q9xt ", "ECOSF-21-7K4M-Q9XT"],
    ["ECOSF 21 7K4M Q9XT", "ECOSF-21-7K4M-Q9XT"],
    ["ecosf217k4mq9xt", "ECOSF-21-7K4M-Q9XT"],
    ["EC0SF-21-7K4M-Q9XT", "ECOSF-21-7K4M-Q9XT"],
    ["ECOSF-۲۱-۷K۴M-Q۹XT", "ECOSF-21-7K4M-Q9XT"],
    ["ECOSF-21-OOIL-Q9XT", "ECOSF-21-0011-Q9XT"],
    ["ECOSF-21-7K4M-Q9XU", null],
    ["ECOSF-21-7K4M-Q9X", null],
    ["ECOSF-2021-7K4M-Q9XT", null],
    ["", null],
    ["<script>", null],
  ])("normaliseCode(%j) → %j", (typed, code) => {
    expect(normaliseCode(typed)).toBe(code);
  });
});

describe("linkedInAddUrl", () => {
  it("fills in the certification's name, organisation, issue date, id and URL", () => {
    const url = new URL(
      linkedInAddUrl({
        name: "STI Policy & Tools",
        organisation: "BTBU-ECOSF Joint Training Center",
        issuedAt: new Date("2026-12-06T23:30:00Z"),
        code: "ECOSF-26-7K4M-Q9XT",
        url: "https://lms.example/verify/ECOSF-26-7K4M-Q9XT",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "STI Policy & Tools",
      organizationName: "BTBU-ECOSF Joint Training Center",
      issueYear: "2026",
      issueMonth: "12",
      certUrl: "https://lms.example/verify/ECOSF-26-7K4M-Q9XT",
      certId: "ECOSF-26-7K4M-Q9XT",
    });
  });
});

describe("certificateDue", () => {
  const valid = { revoked: false, replaced: false };
  const revoked = { revoked: true, replaced: false };
  const replaced = { revoked: true, replaced: true };
  const cases: [string, Parameters<typeof certificateDue>[0], ReturnType<typeof certificateDue>][] = [
    ["eligible, named, none yet", { eligible: true, certificateName: "Ana Li", certificates: [] }, { due: true }],
    [
      "already holds a valid one",
      { eligible: true, certificateName: "Ana Li", certificates: [valid] },
      { due: false, reason: "held" },
    ],
    [
      "valid one after a reissue",
      { eligible: true, certificateName: "Ana Li", certificates: [replaced, valid] },
      { due: false, reason: "held" },
    ],
    [
      "revoked by an organiser",
      { eligible: true, certificateName: "Ana Li", certificates: [revoked] },
      { due: false, reason: "revoked" },
    ],
    [
      "replacement later revoked",
      { eligible: true, certificateName: "Ana Li", certificates: [replaced, revoked] },
      { due: false, reason: "revoked" },
    ],
    [
      "revoked, organiser issues again on purpose",
      { eligible: true, certificateName: "Ana Li", certificates: [revoked], afterRevocation: true },
      { due: true },
    ],
    [
      "revoked and issued again: holds one",
      { eligible: true, certificateName: "Ana Li", certificates: [revoked, valid], afterRevocation: true },
      { due: false, reason: "held" },
    ],
    [
      "revoked and no longer eligible",
      { eligible: false, certificateName: "Ana Li", certificates: [revoked] },
      { due: false, reason: "revoked" },
    ],
    [
      "not eligible",
      { eligible: false, certificateName: "Ana Li", certificates: [] },
      { due: false, reason: "not-eligible" },
    ],
    [
      "no certificate name",
      { eligible: true, certificateName: null, certificates: [] },
      { due: false, reason: "no-name" },
    ],
    [
      "blank certificate name",
      { eligible: true, certificateName: "  ", certificates: [] },
      { due: false, reason: "no-name" },
    ],
  ];
  it.each(cases)("%s", (_, input, expected) => {
    expect(certificateDue(input)).toEqual(expected);
  });
});

describe("nameChangedSinceIssue", () => {
  const cert = (name: string, nativeName: string | null = null) => ({ name, nativeName });
  const person = (certificateName: string | null, nativeName: string | null = null) => ({
    certificateName,
    nativeName,
  });
  it.each([
    ["the same name", cert("Li Ming"), person("Li Ming"), false],
    ["the same name, spaces around it", cert("Li Ming"), person("  Li Ming "), false],
    ["the same name in the other Unicode form", cert("Zo\u00eb"), person("Zoe\u0308"), false],
    ["a corrected name", cert("Li Ming"), person("Li Ming (corrected)"), true],
    ["a change of case only", cert("li ming"), person("Li Ming"), true],
    ["no certificate name now: nothing to print", cert("Li Ming"), person(null), false],
    ["a blank certificate name now", cert("Li Ming"), person("   "), false],
    ["the same names, native included", cert("Mozhgan", "مژگان"), person("Mozhgan", "مژگان"), false],
    ["a changed native name", cert("Mozhgan", "مژگان"), person("Mozhgan", "مژگان رضایی"), true],
    ["a native name removed", cert("Mozhgan", "مژگان"), person("Mozhgan", null), true],
    ["a native name added to a certificate without one", cert("Mozhgan"), person("Mozhgan", "مژگان"), false],
    ["a native name added, and the Latin one changed", cert("Mozhgan"), person("Mozhgan R.", "مژگان"), true],
  ])("%s: %s", (_case, certificate, current, changed) => {
    expect(nameChangedSinceIssue(certificate, current)).toBe(changed);
  });
});
