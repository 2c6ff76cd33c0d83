import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { generateIssuerKey } from "@/lib/certificates/keys";
import {
  readGrade,
  readLayout,
  readPrivateJwk,
  readPublicJwk,
  readQuestions,
  readResponses,
  readRosterResult,
} from "@/lib/db/json-columns";
import { ZQuizRulesJson } from "@/lib/db/quiz-rules";
import { correctResponse, DEFAULT_QUIZ_RULES, gradeAttempt, layoutAttempt } from "@/lib/domain/quiz";

const lectures = loadLectures(path.join(process.cwd(), "content"));
/** A value as it comes back from a jsonb column. */
const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("the JSON columns read back what the app writes", () => {
  it.each(lectures.map((l) => [l.slug, l.quiz.questions] as const))(
    "%s: questions, layout, answers and grade",
    (_, questions) => {
      expect(readQuestions(stored(questions))).toEqual(questions);
      const layout = layoutAttempt(questions, "attempt-1", DEFAULT_QUIZ_RULES);
      expect(readLayout(stored(layout))).toEqual(layout);
      const responses = Object.fromEntries(questions.map((q) => [q.id, correctResponse(q)]));
      expect(readResponses(stored(responses))).toEqual(responses);
      const grade = gradeAttempt(questions, responses);
      expect(readGrade(stored(grade))).toEqual(grade);
      expect(readGrade(stored({ ...grade, regraded: true }))).toEqual({ ...grade, regraded: true });
    },
  );

  it("reads SQL NULL as no grade, and no answers as an empty record", () => {
    expect(readGrade(null)).toBeNull();
    expect(readResponses({})).toEqual({});
  });

  it("an import's result, and the issuer's keys as they are made", async () => {
    const result = { created: 3, updated: 1, skipped: 0, errors: 2, invited: 3 };
    expect(readRosterResult(stored(result))).toEqual(result);
    expect(readRosterResult(null)).toBeNull();
    const key = await generateIssuerKey();
    expect(readPrivateJwk(stored(key.privateJwk))).toEqual(key.privateJwk);
    expect(readPublicJwk(stored(key.publicJwk))).toEqual(key.publicJwk);
  });
});

describe("and refuse anything else", () => {
  const grade = { score: 1, maxScore: 2, percent: 50, perQuestion: [{ id: "a", points: 1, correct: true }] };
  it.each<[string, () => unknown]>([
    ["an answer of an unknown type", () => readResponses({ q: { type: "essay", text: "…" } })],
    [
      "an answer with a field its type does not have",
      () => readResponses({ q: { type: "single", optionId: "a", x: 1 } }),
    ],
    ["a numeric answer as text", () => readResponses({ q: { type: "numeric", value: "51" } })],
    ["answers as a list", () => readResponses([{ type: "single", optionId: "a" }])],
    ["a layout without option orders", () => readLayout({ questionIds: ["a"] })],
    ["a grade without its percent", () => readGrade({ ...grade, percent: undefined })],
    ["a grade with a marker other than regraded", () => readGrade({ ...grade, regraded: false })],
    ["a question of an unknown type", () => readQuestions([{ ...lectures[0]!.quiz.questions[0]!, type: "essay" }])],
    [
      "a question without its answer key",
      () => readQuestions([{ ...lectures[0]!.quiz.questions[0]!, answer: undefined }]),
    ],
    ["an import result without its counts", () => readRosterResult({ created: 1 })],
    [
      "a private key without its private part",
      () => readPrivateJwk({ kty: "OKP", crv: "Ed25519", x: "AA", kid: "k", alg: "EdDSA", use: "sig" }),
    ],
    [
      "a key of another kind",
      () => readPublicJwk({ kty: "EC", crv: "P-256", x: "AA", kid: "k", alg: "ES256", use: "sig" }),
    ],
  ])("%s", (_, read) => {
    expect(read).toThrow();
  });
});

describe("ZQuizRulesJson: a quiz_rules row as SQL's json_build_object hands it over", () => {
  const row = {
    passPercent: 80,
    maxAttempts: null,
    timeLimitMinutes: 20,
    opensAt: "2026-12-01T04:00:00+00:00",
    closesAt: "2026-12-05T17:00:00.5+05:00",
    shuffleQuestions: true,
    shuffleOptions: false,
    scorePolicy: "LATEST",
    feedback: "ONCE_PASSED",
  };

  it("reads the times, whatever offset the session writes them with", () => {
    expect(ZQuizRulesJson.parse(row)).toEqual({
      ...row,
      opensAt: new Date("2026-12-01T04:00:00Z"),
      closesAt: new Date("2026-12-05T12:00:00.500Z"),
    });
    expect(ZQuizRulesJson.parse({ ...row, opensAt: null, closesAt: null })).toMatchObject({
      opensAt: null,
      closesAt: null,
    });
  });

  it.each<[string, object]>([
    ["a missing column", { ...row, feedback: undefined }],
    ["a column QuizRules does not have", { ...row, cohortId: "c1" }],
    ["an unknown score policy", { ...row, scorePolicy: "AVERAGE" }],
    ["a time without its offset", { ...row, opensAt: "2026-12-01T04:00:00" }],
  ])("refuses %s", (_, value) => {
    expect(() => ZQuizRulesJson.parse(value)).toThrow();
  });
});
