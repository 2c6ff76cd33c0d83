// Quiz rules: validating and grading answers, the order of an attempt, what the
// browser may see, time limits, attempts and which score counts. Pure: no I/O,
// no clock and no Math.random (time and seeds are passed in), safe in a browser bundle.
import type { TQuestion } from "@/lib/schemas/content";
import type { TAttemptGrade, TAttemptLayout, TQuizResponse } from "@/lib/schemas/quiz-attempt";

export type QuizRules = {
  /** 0..100 */
  passPercent: number;
  /** null = unlimited */
  maxAttempts: number | null;
  /** null = no time limit */
  timeLimitMinutes: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  scorePolicy: "BEST" | "LATEST" | "FIRST";
  feedback: "SCORE_ONLY" | "AFTER_EACH_ATTEMPT" | "ONCE_PASSED" | "AFTER_CLOSE";
};

export const DEFAULT_QUIZ_RULES: QuizRules = Object.freeze({
  passPercent: 70,
  maxAttempts: 3,
  timeLimitMinutes: null,
  opensAt: null,
  closesAt: null,
  shuffleQuestions: true,
  shuffleOptions: true,
  scorePolicy: "BEST",
  feedback: "AFTER_EACH_ATTEMPT",
});

/** Slack after the deadline for answers still in flight. */
export const GRACE_SECONDS = 30;

/** Float noise allowed when comparing numbers: absolute, plus a relative part for very large answers. */
const EPSILON = 1e-9;
const RELATIVE_EPSILON = 1e-12;

// ---------------------------------------------------------------------------
// Answers

/** A participant's answer to one question, as stored (the schema is ZQuizResponse). */
export type QuizResponse = TQuizResponse;

export type ParseResponseResult =
  { ok: true; response: QuizResponse } | { ok: false; error: "wrong-type" | "unknown-option" | "invalid" };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates an answer coming from the browser against the question: unknown
 * options, wrong shape, non-finite numbers are errors. An empty multiple-choice
 * selection (optionIds: []) is allowed and means "no answer". Duplicated option
 * ids are de-duplicated (first occurrence kept). Extra fields are dropped.
 *
 * "wrong-type": `type` names another question type. "invalid": not an object,
 * no `type`, or the value has the wrong shape (a string for a number, an array
 * for a single choice, NaN, Infinity...). "unknown-option": an option id the
 * question does not have.
 */
export function parseResponse(question: TQuestion, raw: unknown): ParseResponseResult {
  if (!isRecord(raw) || typeof raw.type !== "string") return { ok: false, error: "invalid" };
  if (raw.type !== question.type) return { ok: false, error: "wrong-type" };
  switch (question.type) {
    case "single": {
      const optionId = raw.optionId;
      if (typeof optionId !== "string") return { ok: false, error: "invalid" };
      if (!question.options.some((o) => o.id === optionId)) return { ok: false, error: "unknown-option" };
      return { ok: true, response: { type: "single", optionId } };
    }
    case "multiple": {
      const ids: unknown = raw.optionIds;
      if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === "string"))
        return { ok: false, error: "invalid" };
      const known = new Set(question.options.map((o) => o.id));
      const optionIds = [...new Set(ids)];
      if (!optionIds.every((id) => known.has(id))) return { ok: false, error: "unknown-option" };
      return { ok: true, response: { type: "multiple", optionIds } };
    }
    case "true-false": {
      if (typeof raw.value !== "boolean") return { ok: false, error: "invalid" };
      return { ok: true, response: { type: "true-false", value: raw.value } };
    }
    case "numeric": {
      if (typeof raw.value !== "number" || !Number.isFinite(raw.value)) return { ok: false, error: "invalid" };
      return { ok: true, response: { type: "numeric", value: raw.value } };
    }
  }
}

// ---------------------------------------------------------------------------
// Grading

/**
 * Points in [0, 1] for one question.
 * - single: 1 if the correct option.
 * - true-false: 1 if equal.
 * - numeric: 1 if |value - answer| <= tolerance (+ a tiny epsilon for float noise).
 * - multiple: partial credit = max(0, (correctly selected - wrongly selected) / number of correct options);
 *   correct only when the selected set equals the correct set. Ids the question no longer has
 *   (content changed since) are ignored.
 * No response, or a response of another type: 0.
 */
export function gradeQuestion(
  question: TQuestion,
  response: QuizResponse | undefined,
): { points: number; correct: boolean } {
  const none = { points: 0, correct: false };
  if (!response || response.type !== question.type) return none;
  switch (question.type) {
    case "single": {
      if (response.type !== "single") return none;
      const ok = question.options.some((o) => o.correct === true && o.id === response.optionId);
      return ok ? { points: 1, correct: true } : none;
    }
    case "true-false": {
      if (response.type !== "true-false") return none;
      return response.value === question.answer ? { points: 1, correct: true } : none;
    }
    case "numeric": {
      if (response.type !== "numeric" || !Number.isFinite(response.value)) return none;
      const tolerance = question.tolerance ?? 0;
      const slack = Math.max(EPSILON, RELATIVE_EPSILON * Math.abs(question.answer));
      return Math.abs(response.value - question.answer) <= tolerance + slack ? { points: 1, correct: true } : none;
    }
    case "multiple": {
      if (response.type !== "multiple") return none;
      const correctIds = new Set(question.options.filter((o) => o.correct === true).map((o) => o.id));
      const known = new Set(question.options.map((o) => o.id));
      const selected = [...new Set(response.optionIds)].filter((id) => known.has(id));
      const right = selected.filter((id) => correctIds.has(id)).length;
      const wrong = selected.length - right;
      if (correctIds.size === 0) return none;
      const points = Math.max(0, (right - wrong) / correctIds.size);
      return { points, correct: right === correctIds.size && wrong === 0 };
    }
  }
}

/** The full-marks answer to a question, in the shape a participant's answer takes (for showing the right answer). */
export function correctResponse(question: TQuestion): QuizResponse {
  switch (question.type) {
    case "single":
      return { type: "single", optionId: question.options.find((o) => o.correct)!.id };
    case "multiple":
      return { type: "multiple", optionIds: question.options.filter((o) => o.correct).map((o) => o.id) };
    case "true-false":
      return { type: "true-false", value: question.answer };
    case "numeric":
      return { type: "numeric", value: question.answer };
  }
}

/** The schema is ZAttemptGrade. */
export type AttemptGrade = TAttemptGrade;

/** Rounds half away from zero to `digits` decimals, without 1.005 -> 1.00 surprises. */
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round((x + Math.sign(x) * Number.EPSILON) * f) / f;
}

/**
 * score = sum of points rounded to 2 decimals; maxScore = number of questions;
 * percent = score / maxScore * 100 rounded to 1 decimal (0 for an empty quiz).
 * Responses are keyed by question id; missing ones score 0.
 */
export function gradeAttempt(
  questions: readonly TQuestion[],
  responses: Readonly<Record<string, QuizResponse>>,
): AttemptGrade {
  const perQuestion = questions.map((q) => {
    const response = Object.prototype.hasOwnProperty.call(responses, q.id) ? responses[q.id] : undefined;
    return { id: q.id, ...gradeQuestion(q, response) };
  });
  const score = round(
    perQuestion.reduce((sum, q) => sum + q.points, 0),
    2,
  );
  const maxScore = questions.length;
  const percent = maxScore === 0 ? 0 : round((score / maxScore) * 100, 1);
  return { score, maxScore, percent, perQuestion };
}

/** percent >= passPercent */
export function hasPassed(percent: number, rules: Pick<QuizRules, "passPercent">): boolean {
  return percent >= rules.passPercent;
}

// ---------------------------------------------------------------------------
// Layout: each attempt's own order, reproducible from its seed

/** cyrb128: a 128-bit hash of a string, as four 32-bit seeds. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: a small, fast PRNG; returns floats in [0, 1). */
function sfc32(seed: [number, number, number, number]): () => number {
  let [a, b, c, d] = seed;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // warm up: the first outputs correlate with the seed
  return next;
}

/** A Fisher–Yates shuffle of a copy, driven by the string seed. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
  const rand = sfc32(cyrb128(seed));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The attempt's own order. optionOrder only for single/multiple questions (the schema is ZAttemptLayout). */
export type AttemptLayout = TAttemptLayout;

/**
 * The attempt's own order, deterministic from the seed (e.g. the attempt id);
 * content order when shuffling is off. Each question's options get their own
 * stream (seed + question id), so adding or reordering questions in the content
 * leaves the option order of the others unchanged.
 */
export function layoutAttempt(
  questions: readonly TQuestion[],
  seed: string,
  rules: Pick<QuizRules, "shuffleQuestions" | "shuffleOptions">,
): AttemptLayout {
  const ids = questions.map((q) => q.id);
  const questionIds = rules.shuffleQuestions ? shuffled(ids, `${seed}\u0000questions`) : ids;
  const optionOrder: Record<string, string[]> = {};
  for (const q of questions) {
    if (q.type !== "single" && q.type !== "multiple") continue;
    const optionIds = q.options.map((o) => o.id);
    optionOrder[q.id] = rules.shuffleOptions ? shuffled(optionIds, `${seed}\u0000options\u0000${q.id}`) : optionIds;
  }
  return { questionIds, optionOrder };
}

// ---------------------------------------------------------------------------
// What the browser may see

/** What the browser may see of a question before the attempt is submitted. */
export type PublicQuestion = {
  id: string;
  type: TQuestion["type"];
  prompt: string;
  options?: { id: string; text: string }[];
  unit?: string;
};

/** Items in `order` first (ignoring ids that no longer exist), then any not in `order`, in their own order. */
function inOrder<T>(items: readonly T[], idOf: (item: T) => string, order: readonly string[]): T[] {
  const byId = new Map(items.map((item) => [idOf(item), item] as const));
  const seen = new Set<string>();
  const out: T[] = [];
  for (const id of order) {
    const item = byId.get(id);
    if (item !== undefined && !seen.has(id)) {
      out.push(item);
      seen.add(id);
    }
  }
  for (const item of items) if (!seen.has(idOf(item))) out.push(item);
  return out;
}

/**
 * The questions as the browser may see them before submission: no correct
 * flags, answer, tolerance, explanation, evidence or section. Questions and
 * options in the layout's order; should the content have changed since the
 * layout was made, vanished ids are skipped and new ones follow in content order.
 */
export function publicQuestions(questions: readonly TQuestion[], layout: AttemptLayout): PublicQuestion[] {
  return inOrder(questions, (q) => q.id, layout.questionIds).map((q): PublicQuestion => {
    const base = { id: q.id, type: q.type, prompt: q.prompt };
    switch (q.type) {
      case "single":
      case "multiple": {
        const options = inOrder(q.options, (o) => o.id, layout.optionOrder[q.id] ?? []).map((o) => ({
          id: o.id,
          text: o.text,
        }));
        return { ...base, options };
      }
      case "numeric":
        return q.unit === undefined ? base : { ...base, unit: q.unit };
      case "true-false":
        return base;
    }
  });
}

// ---------------------------------------------------------------------------
// Time

/** Deadline = startedAt + timeLimit, capped at rules.closesAt when that comes first; null when neither applies. */
export function attemptDeadline(startedAt: Date, rules: Pick<QuizRules, "timeLimitMinutes" | "closesAt">): Date | null {
  const limits: number[] = [];
  if (rules.timeLimitMinutes !== null) limits.push(startedAt.getTime() + rules.timeLimitMinutes * 60_000);
  if (rules.closesAt !== null) limits.push(rules.closesAt.getTime());
  return limits.length === 0 ? null : new Date(Math.min(...limits));
}

/** True once now is past deadline + GRACE_SECONDS: answers are refused and the attempt is submitted as it stands. */
export function isOverdue(deadline: Date | null, now: Date): boolean {
  return deadline !== null && now.getTime() > deadline.getTime() + GRACE_SECONDS * 1000;
}

/** Deadlines before this are overdue at `now` (isOverdue): for a query's where. */
export function overdueCutoff(now: Date): Date {
  return new Date(now.getTime() - GRACE_SECONDS * 1000);
}

/** What deciding an attempt's state reads of it, as stored. */
export type AttemptState = {
  status: "IN_PROGRESS" | "SUBMITTED";
  deadlineAt: Date | null;
  submittedAt: Date | null;
  submittedBy: string | null;
  percent: number | null;
  passed: boolean | null;
};

/** An attempt still in progress in the database whose time is up (isOverdue): it counts as submitted at its deadline. */
export function isPastDeadline(attempt: Pick<AttemptState, "status" | "deadlineAt">, now: Date): boolean {
  return attempt.status === "IN_PROGRESS" && isOverdue(attempt.deadlineAt, now);
}

/** The questions an attempt was taken with and the answers it saved. */
export type TakenAttempt = {
  questions: readonly TQuestion[];
  responses: Readonly<Record<string, QuizResponse>>;
};

export type ClosedAtDeadline = {
  status: "SUBMITTED";
  submittedAt: Date;
  submittedBy: "deadline";
  grade: AttemptGrade;
  percent: number;
  passed: boolean;
};

/**
 * What an attempt whose time is up counts as, and what closing it writes: submitted at
 * its deadline, by the deadline, graded from its saved answers with the questions it
 * was taken with, passed or not by the pass mark.
 */
export function closedAtDeadline(
  deadline: Date,
  taken: TakenAttempt,
  rules: Pick<QuizRules, "passPercent">,
): ClosedAtDeadline {
  const grade = gradeAttempt(taken.questions, taken.responses);
  return {
    status: "SUBMITTED",
    submittedAt: deadline,
    submittedBy: "deadline",
    grade,
    percent: grade.percent,
    passed: hasPassed(grade.percent, rules),
  };
}

/**
 * The attempt as it stands at `now`: one in progress whose time is up (isPastDeadline)
 * is closedAtDeadline, whether or not the database has been told yet; any other is
 * returned as stored. Reading an attempt never has to write it.
 */
export function effectiveAttempt<A extends AttemptState>(
  attempt: A,
  taken: TakenAttempt,
  rules: Pick<QuizRules, "passPercent">,
  now: Date,
): A | (A & ClosedAtDeadline) {
  if (attempt.status !== "IN_PROGRESS" || attempt.deadlineAt === null || !isOverdue(attempt.deadlineAt, now))
    return attempt;
  return { ...attempt, ...closedAtDeadline(attempt.deadlineAt, taken, rules) };
}

/**
 * Whether a device's answers are stale: it last saw the attempt at `seen` revision (each save
 * counts one), and the attempt now stands at `stored`. A caller that names no revision (an
 * API client that does not track them) is never stale.
 */
export function isStaleRevision(seen: number | undefined, stored: number): boolean {
  return seen !== undefined && seen !== stored;
}

// ---------------------------------------------------------------------------
// Attempts and scores

export type StartDecision = { ok: true } | { ok: false; reason: "not-open" | "closed" | "no-attempts-left" };

const attemptsExhausted = (rules: Pick<QuizRules, "maxAttempts">, attemptsUsed: number) =>
  rules.maxAttempts !== null && attemptsUsed >= rules.maxAttempts;

/**
 * Whether a NEW attempt may start (the caller resumes an in-progress one
 * instead of calling this). attemptsUsed counts submitted attempts.
 * Open from opensAt (inclusive) until closesAt (exclusive).
 */
export function canStartAttempt(rules: QuizRules, attemptsUsed: number, now: Date): StartDecision {
  if (rules.opensAt !== null && now < rules.opensAt) return { ok: false, reason: "not-open" };
  if (rules.closesAt !== null && now >= rules.closesAt) return { ok: false, reason: "closed" };
  if (attemptsExhausted(rules, attemptsUsed)) return { ok: false, reason: "no-attempts-left" };
  return { ok: true };
}

/**
 * The score that counts among submitted attempts (ordered by submission time
 * ascending as given): BEST = max percent, LATEST = last, FIRST = first; null when none.
 */
export function countedPercent(
  attempts: readonly { percent: number }[],
  policy: QuizRules["scorePolicy"],
): number | null {
  if (attempts.length === 0) return null;
  switch (policy) {
    case "BEST":
      return Math.max(...attempts.map((a) => a.percent));
    case "LATEST":
      return attempts[attempts.length - 1]!.percent;
    case "FIRST":
      return attempts[0]!.percent;
  }
}

/**
 * Whether another attempt could still change the score that counts for the better: the
 * quiz is not closed (closesAt unset or still ahead), attempts are left, the policy lets a
 * later attempt count (BEST or LATEST, not FIRST), and the counted score is below 100%.
 * While it could, the answer key would hand the participant full marks on the next attempt.
 */
export function canStillImprove(
  rules: QuizRules,
  state: { attemptsUsed: number; countedPercent: number | null; now: Date },
): boolean {
  if (rules.closesAt !== null && state.now >= rules.closesAt) return false;
  if (attemptsExhausted(rules, state.attemptsUsed)) return false;
  if (rules.scorePolicy === "FIRST" && state.attemptsUsed > 0) return false;
  return state.countedPercent === null || state.countedPercent < 100;
}

/**
 * Whether correct answers and explanations may be shown for a submitted attempt.
 * SCORE_ONLY: never. AFTER_EACH_ATTEMPT: once no further attempt can improve the counted
 * score (canStillImprove: attempts used up, the quiz closed, full marks, or FIRST
 * counting). ONCE_PASSED: once the participant has passed (any attempt). AFTER_CLOSE:
 * once now >= closesAt (never if closesAt is null) or no attempts are left.
 */
export function mayShowAnswers(
  rules: QuizRules,
  state: { passedEver: boolean; attemptsUsed: number; countedPercent: number | null; now: Date },
): boolean {
  switch (rules.feedback) {
    case "SCORE_ONLY":
      return false;
    case "AFTER_EACH_ATTEMPT":
      return !canStillImprove(rules, state);
    case "ONCE_PASSED":
      return state.passedEver;
    case "AFTER_CLOSE":
      return (rules.closesAt !== null && state.now >= rules.closesAt) || attemptsExhausted(rules, state.attemptsUsed);
  }
}

export type QuizStatus =
  | { status: "not-started"; attemptsLeft: number | null }
  | { status: "in-progress"; attemptsLeft: number | null }
  | { status: "passed" | "failed"; percent: number; attemptsLeft: number | null };

/**
 * For the dashboard. An attempt in progress wins; else passed/failed from the
 * counted percent (rules.scorePolicy over submitted attempts with a percent, in
 * the order given) vs passPercent; else not-started. attemptsLeft counts
 * submitted attempts only (as canStartAttempt does): null when unlimited, never negative.
 */
export function quizStatus(
  rules: QuizRules,
  attempts: readonly { submitted: boolean; percent: number | null }[],
): QuizStatus {
  const submitted = attempts.filter((a) => a.submitted);
  const attemptsLeft = rules.maxAttempts === null ? null : Math.max(0, rules.maxAttempts - submitted.length);
  if (attempts.some((a) => !a.submitted)) return { status: "in-progress", attemptsLeft };
  const graded = submitted.flatMap((a) => (a.percent === null ? [] : [{ percent: a.percent }]));
  const percent = countedPercent(graded, rules.scorePolicy);
  if (percent === null) return { status: "not-started", attemptsLeft };
  return { status: hasPassed(percent, rules) ? "passed" : "failed", percent, attemptsLeft };
}

/**
 * For regrading after the content changed: the questions whose points changed
 * between two grades, in the order of `after`, then questions only in `before`.
 * A question missing from one side counts 0 there.
 */
export function regradeChanges(
  before: AttemptGrade,
  after: AttemptGrade,
): { id: string; before: number; after: number }[] {
  const old = new Map(before.perQuestion.map((q) => [q.id, q.points] as const));
  const now = new Map(after.perQuestion.map((q) => [q.id, q.points] as const));
  const ids = [...now.keys(), ...[...old.keys()].filter((id) => !now.has(id))];
  return ids.flatMap((id) => {
    const b = old.get(id) ?? 0;
    const a = now.get(id) ?? 0;
    return Math.abs(a - b) > EPSILON ? [{ id, before: b, after: a }] : [];
  });
}
