// The admin's view of a quiz in a cohort: each participant's counted score,
// the pass rate, and how hard each question was. Pure.
import type { TQuestion } from "@/lib/schemas/content";
import { countedPercent, gradeQuestion, hasPassed, type QuizResponse, type QuizRules } from "./quiz";

export type ReportAttempt = {
  userId: string;
  submitted: boolean;
  percent: number | null;
  responses: Record<string, QuizResponse>;
  questions: readonly TQuestion[];
};

export type ParticipantResult = { userId: string; attempts: number; percent: number | null; passed: boolean | null };

/** One row per participant (those without attempts too), in the order given. */
export function participantResults(
  rules: QuizRules,
  userIds: readonly string[],
  attempts: readonly ReportAttempt[],
): ParticipantResult[] {
  const byUser = new Map<string, ReportAttempt[]>();
  for (const a of attempts) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
  return userIds.map((userId) => {
    const own = (byUser.get(userId) ?? []).filter((a) => a.submitted && a.percent !== null);
    const percent = countedPercent(
      own.map((a) => ({ percent: a.percent! })),
      rules.scorePolicy,
    );
    return {
      userId,
      attempts: (byUser.get(userId) ?? []).length,
      percent,
      passed: percent === null ? null : hasPassed(percent, rules),
    };
  });
}

export type Summary = {
  participants: number;
  attempted: number;
  passed: number;
  passRate: number | null;
  averagePercent: number | null;
};

/** passRate: passed among those who submitted at least one attempt (null when nobody has). */
export function summarise(results: readonly ParticipantResult[]): Summary {
  const attempted = results.filter((r) => r.percent !== null);
  const passed = attempted.filter((r) => r.passed).length;
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    participants: results.length,
    attempted: attempted.length,
    passed,
    passRate: attempted.length ? round1((passed / attempted.length) * 100) : null,
    averagePercent: attempted.length ? round1(attempted.reduce((s, r) => s + r.percent!, 0) / attempted.length) : null,
  };
}

export type QuestionStat = {
  id: string;
  prompt: string;
  answered: number;
  /** Share of submitted attempts (answered or not) that got it fully right, in %. */
  correctShare: number | null;
  /** The wrong option chosen most often (single and multiple choice), with how many attempts chose it. */
  commonWrong: { optionId: string; text: string; count: number } | null;
};

/**
 * Per question of the current content, over every submitted attempt whose
 * version has a question with that id (graded with that version's key).
 */
export function questionStats(current: readonly TQuestion[], attempts: readonly ReportAttempt[]): QuestionStat[] {
  const submitted = attempts.filter((a) => a.submitted);
  return current.map((q) => {
    let seen = 0;
    let answered = 0;
    let correct = 0;
    const wrong = new Map<string, number>();
    for (const a of submitted) {
      const asked = a.questions.find((x) => x.id === q.id);
      if (!asked) continue;
      seen += 1;
      const r = a.responses[q.id];
      if (r) answered += 1;
      if (gradeQuestion(asked, r).correct) correct += 1;
      if (r && (asked.type === "single" || asked.type === "multiple")) {
        const chosen = r.type === "single" ? [r.optionId] : r.type === "multiple" ? r.optionIds : [];
        for (const id of chosen)
          if (!asked.options.find((o) => o.id === id)?.correct) wrong.set(id, (wrong.get(id) ?? 0) + 1);
      }
    }
    let commonWrong: QuestionStat["commonWrong"] = null;
    for (const [optionId, count] of wrong) {
      if (
        !commonWrong ||
        count > commonWrong.count ||
        (count === commonWrong.count && optionId < commonWrong.optionId)
      ) {
        const text =
          q.type === "single" || q.type === "multiple"
            ? (q.options.find((o) => o.id === optionId)?.text ?? optionId)
            : optionId;
        commonWrong = { optionId, text, count };
      }
    }
    return {
      id: q.id,
      prompt: q.prompt,
      answered,
      correctShare: seen ? Math.round((correct / seen) * 1000) / 10 : null,
      commonWrong,
    };
  });
}

/** Which participants the report's list shows: by result, then by a search of their names and e-mail. */
export const REPORT_RESULTS = ["all", "passed", "not-passed", "not-taken"] as const;
export type ReportResultFilter = (typeof REPORT_RESULTS)[number];

/** Lower case without accents, so "celik" finds "Çelik" and "ÖMER" finds "Ömer". */
export const searchFold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");

type Listed = { passed: boolean | null; email: string; name?: string | null; certificateName?: string | null };

/** The report's people kept by a result filter and a search (every word must appear in a name or the e-mail), in their order. */
export function filterReportPeople<T extends Listed>(
  people: readonly T[],
  view: { q: string; result: ReportResultFilter },
): T[] {
  const words = searchFold(view.q).split(" ").filter(Boolean);
  return people.filter((p) => {
    if (view.result === "passed" && p.passed !== true) return false;
    if (view.result === "not-passed" && p.passed !== false) return false;
    if (view.result === "not-taken" && p.passed !== null) return false;
    if (words.length === 0) return true;
    const text = searchFold([p.certificateName, p.name, p.email].filter(Boolean).join(" "));
    return words.every((w) => text.includes(w));
  });
}
