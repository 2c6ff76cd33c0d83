import { describe, expect, it } from "vitest";
import { attemptDeadline, canStartAttempt, DEFAULT_QUIZ_RULES, type QuizRules } from "@/lib/domain/quiz";
import {
  checkOverride,
  effectiveQuizRules,
  type OverrideError,
  type QuizOverrideTerms,
} from "@/lib/domain/quiz-override";

const close = new Date("2030-03-01T12:00:00Z");
const later = new Date("2030-03-08T12:00:00Z");
const earlier = new Date("2030-02-20T12:00:00Z");

const rules = (r: Partial<QuizRules> = {}): QuizRules => ({ ...DEFAULT_QUIZ_RULES, ...r });
const terms = (t: Partial<QuizOverrideTerms> = {}): QuizOverrideTerms => ({
  extraAttempts: null,
  extraMinutes: null,
  closesAt: null,
  ...t,
});
type Effective = Pick<QuizRules, "maxAttempts" | "timeLimitMinutes" | "closesAt">;

describe("effectiveQuizRules", () => {
  it.each<[string, QuizRules, QuizOverrideTerms | null, Effective]>([
    [
      "no override: the cohort's rules",
      rules({ maxAttempts: 3, timeLimitMinutes: 20, closesAt: close }),
      null,
      { maxAttempts: 3, timeLimitMinutes: 20, closesAt: close },
    ],
    [
      "one extra attempt on a limit of 3",
      rules({ maxAttempts: 3 }),
      terms({ extraAttempts: 1 }),
      { maxAttempts: 4, timeLimitMinutes: null, closesAt: null },
    ],
    [
      "extra attempt on an unlimited quiz: still unlimited",
      rules({ maxAttempts: null }),
      terms({ extraAttempts: 2 }),
      { maxAttempts: null, timeLimitMinutes: null, closesAt: null },
    ],
    [
      "extra time on a timed quiz",
      rules({ timeLimitMinutes: 20 }),
      terms({ extraMinutes: 10 }),
      { maxAttempts: 3, timeLimitMinutes: 30, closesAt: null },
    ],
    [
      "extra time on an untimed quiz: no effect",
      rules({ timeLimitMinutes: null }),
      terms({ extraMinutes: 10 }),
      { maxAttempts: 3, timeLimitMinutes: null, closesAt: null },
    ],
    [
      "later closing date",
      rules({ closesAt: close }),
      terms({ closesAt: later }),
      { maxAttempts: 3, timeLimitMinutes: null, closesAt: later },
    ],
    [
      "an earlier closing date never shortens the cohort's",
      rules({ closesAt: close }),
      terms({ closesAt: earlier }),
      { maxAttempts: 3, timeLimitMinutes: null, closesAt: close },
    ],
    [
      "closing date on a quiz that never closes: it stays open",
      rules({ closesAt: null }),
      terms({ closesAt: later }),
      { maxAttempts: 3, timeLimitMinutes: null, closesAt: null },
    ],
    [
      "all three at once",
      rules({ maxAttempts: 1, timeLimitMinutes: 15, closesAt: close }),
      terms({ extraAttempts: 2, extraMinutes: 15, closesAt: later }),
      { maxAttempts: 3, timeLimitMinutes: 30, closesAt: later },
    ],
  ])("%s", (_name, cohort, override, expected) => {
    const effective = effectiveQuizRules(cohort, override);
    expect({
      maxAttempts: effective.maxAttempts,
      timeLimitMinutes: effective.timeLimitMinutes,
      closesAt: effective.closesAt,
    }).toEqual(expected);
    // Everything else is the cohort's.
    expect({ ...effective, maxAttempts: 0, timeLimitMinutes: 0, closesAt: null }).toEqual({
      ...cohort,
      maxAttempts: 0,
      timeLimitMinutes: 0,
      closesAt: null,
    });
  });

  it("lets the person start after the cohort's close and an attempt beyond the limit", () => {
    const cohort = rules({ maxAttempts: 2, closesAt: close });
    const after = new Date(close.getTime() + 60_000);
    expect(canStartAttempt(cohort, 2, after)).toEqual({ ok: false, reason: "closed" });
    expect(canStartAttempt(effectiveQuizRules(cohort, terms({ closesAt: later })), 1, after)).toEqual({ ok: true });
    expect(canStartAttempt(effectiveQuizRules(cohort, terms({ extraAttempts: 1 })), 2, earlier)).toEqual({ ok: true });
    expect(canStartAttempt(effectiveQuizRules(cohort, terms({ extraAttempts: 1 })), 3, earlier)).toEqual({
      ok: false,
      reason: "no-attempts-left",
    });
  });

  it("gives a new attempt the longer deadline", () => {
    const started = new Date("2030-02-01T10:00:00Z");
    const effective = effectiveQuizRules(rules({ timeLimitMinutes: 20 }), terms({ extraMinutes: 25 }));
    expect(attemptDeadline(started, effective)).toEqual(new Date("2030-02-01T10:45:00Z"));
  });
});

describe("checkOverride", () => {
  it.each<[string, Pick<QuizRules, "closesAt">, QuizOverrideTerms, OverrideError[]]>([
    ["one extra attempt", { closesAt: close }, terms({ extraAttempts: 1 }), []],
    ["extra minutes", { closesAt: null }, terms({ extraMinutes: 30 }), []],
    ["a later closing date", { closesAt: close }, terms({ closesAt: later }), []],
    ["a closing date on a quiz that never closes", { closesAt: null }, terms({ closesAt: later }), []],
    ["nothing extended", { closesAt: close }, terms(), [{ field: "form", code: "nothing-extended" }]],
    [
      "an earlier closing date: refused, an override only extends",
      { closesAt: close },
      terms({ closesAt: earlier }),
      [{ field: "closesAt", code: "not-later" }],
    ],
    [
      "the cohort's own closing date: refused",
      { closesAt: close },
      terms({ closesAt: new Date(close) }),
      [{ field: "closesAt", code: "not-later" }],
    ],
    [
      "zero and too many",
      { closesAt: null },
      terms({ extraAttempts: 0, extraMinutes: 100_000 }),
      [
        { field: "extraAttempts", code: "out-of-range" },
        { field: "extraMinutes", code: "out-of-range" },
      ],
    ],
    [
      "a fraction of an attempt",
      { closesAt: null },
      terms({ extraAttempts: 1.5 }),
      [{ field: "extraAttempts", code: "out-of-range" }],
    ],
  ])("%s", (_name, cohort, override, expected) => {
    expect(checkOverride(cohort, override)).toEqual(expected);
  });
});
