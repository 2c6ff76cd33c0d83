import { describe, expect, it } from "vitest";
import { DEFAULT_QUIZ_RULES } from "@/lib/domain/quiz";
import { parseQuizRulesForm, quizRulesFormValues } from "@/lib/schemas/quiz-rules";

const form = (o: Record<string, string | undefined> = {}) => ({
  ...quizRulesFormValues(DEFAULT_QUIZ_RULES, "Asia/Karachi"),
  shuffleQuestions: "on",
  shuffleOptions: "on",
  ...o,
});

describe("parseQuizRulesForm", () => {
  it("reads the defaults back as they were", () => {
    expect(parseQuizRulesForm(form(), "Asia/Karachi")).toEqual({ ok: true, rules: DEFAULT_QUIZ_RULES });
  });

  it("reads empty limits as none, unticked boxes as off, and times on the cohort's clocks", () => {
    expect(
      parseQuizRulesForm(
        form({
          maxAttempts: "",
          timeLimitMinutes: "20",
          shuffleOptions: undefined,
          opensAt: "2026-12-01T09:00",
          closesAt: "2026-12-05T17:00",
        }),
        "Asia/Karachi",
      ),
    ).toEqual({
      ok: true,
      rules: {
        ...DEFAULT_QUIZ_RULES,
        maxAttempts: null,
        timeLimitMinutes: 20,
        shuffleOptions: false,
        opensAt: new Date("2026-12-01T04:00:00Z"),
        closesAt: new Date("2026-12-05T12:00:00Z"),
      },
    });
  });

  it.each([
    [{ passPercent: "101" }, "passPercent", "between-0-100"],
    [{ passPercent: "" }, "passPercent", "whole-number"],
    [{ maxAttempts: "0" }, "maxAttempts", "between-1-100"],
    [{ maxAttempts: "2.5" }, "maxAttempts", "whole-number"],
    [{ timeLimitMinutes: "601" }, "timeLimitMinutes", "between-1-600"],
    // A negative number is a whole number out of range: the message gives the range.
    [{ timeLimitMinutes: "-5" }, "timeLimitMinutes", "between-1-600"],
    [{ passPercent: "-1" }, "passPercent", "between-0-100"],
    [{ timeLimitMinutes: "ten" }, "timeLimitMinutes", "whole-number"],
    [{ opensAt: "tomorrow" }, "opensAt", "invalid-date"],
    [{ opensAt: "2026-12-05T10:00", closesAt: "2026-12-05T09:00" }, "closesAt", "closes-before-opens"],
    [{ scorePolicy: "WORST" }, "scorePolicy", "required"],
    [{ feedback: "" }, "feedback", "required"],
  ])("%j: %s is %s", (change, field, code) => {
    const result = parseQuizRulesForm(form(change), "UTC");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toBe(code);
  });
});
