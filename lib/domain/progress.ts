// A participant's way through a cohort's lectures: which ones count as studied, and the
// one thing to do next. Pure.
//
// A lecture counts as studied when the participant marked it so, or when its quiz is
// passed. The pass is not written as a mark: deriving it keeps one source of truth for
// results (a regrade or another score policy moves progress with it), and unmarking a
// lecture whose quiz is passed cannot make it look unstudied.
import type { QuizStatus } from "./quiz";
import { toDateInput, zonedInputToUtc } from "./time";

/** Whether a cohort's quizzes can be started at a moment (its rules' opening and closing times). */
export type QuizWindow = "open" | "not-yet-open" | "closed";

export type LectureState = { slug: string; number: number; marked: boolean; quiz: QuizStatus };

export type LectureProgress = { slug: string; number: number; studied: boolean; quizPassed: boolean };

export type NextStep =
  /** Read the lecture (and mark it as studied). */
  | { kind: "study"; slug: string; number: number }
  /** Take its quiz; `resume` when an attempt is in progress. */
  | { kind: "quiz"; slug: string; number: number; resume: boolean }
  /** Every lecture studied and every quiz passed. */
  | { kind: "complete" }
  /** Every lecture studied; the quizzes not passed cannot be taken now (not open yet, closed, no attempts left). */
  | { kind: "nothing-now" };

export type CourseProgress = {
  lectures: LectureProgress[];
  studied: number;
  quizzesPassed: number;
  total: number;
  next: NextStep;
};

/**
 * Progress through the lectures, and what to do next. `window`: whether the quizzes can be
 * taken now, the same for all, or per lecture (a person's own later closing date for one quiz).
 */
export function courseProgress(
  lectures: readonly LectureState[],
  window: QuizWindow | ((slug: string) => QuizWindow),
): CourseProgress {
  const windowOf = typeof window === "function" ? window : () => window;
  const rows = [...lectures].sort((a, b) => a.number - b.number);
  const progress = rows.map((l) => ({
    slug: l.slug,
    number: l.number,
    quizPassed: l.quiz.status === "passed",
    studied: l.marked || l.quiz.status === "passed",
  }));
  // An attempt in progress comes first (its time may be running); then, in course order,
  // the first lecture not studied or whose quiz can still be passed.
  const inProgress = rows.find((l) => l.quiz.status === "in-progress" && windowOf(l.slug) !== "closed");
  let next: NextStep | undefined = inProgress && {
    kind: "quiz",
    slug: inProgress.slug,
    number: inProgress.number,
    resume: true,
  };
  for (const [i, l] of rows.entries()) {
    if (next) break;
    const { studied, quizPassed } = progress[i]!;
    if (!studied) next = { kind: "study", slug: l.slug, number: l.number };
    else if (!quizPassed && windowOf(l.slug) === "open" && l.quiz.attemptsLeft !== 0)
      next = { kind: "quiz", slug: l.slug, number: l.number, resume: false };
  }
  const quizzesPassed = progress.filter((l) => l.quizPassed).length;
  return {
    lectures: progress,
    studied: progress.filter((l) => l.studied).length,
    quizzesPassed,
    total: progress.length,
    next: next ?? (quizzesPassed === progress.length ? { kind: "complete" } : { kind: "nothing-now" }),
  };
}

/** Where `now` stands in the quizzes' opening hours. */
export function quizWindow(rules: { opensAt: Date | null; closesAt: Date | null }, now: Date): QuizWindow {
  if (rules.opensAt !== null && now < rules.opensAt) return "not-yet-open";
  if (rules.closesAt !== null && now >= rules.closesAt) return "closed";
  return "open";
}

export type CourseDeadline =
  | { kind: "quizzes-close"; at: Date }
  | { kind: "quizzes-closed"; at: Date }
  | { kind: "cohort-ends"; on: Date }
  | { kind: "cohort-ended"; on: Date };

/**
 * The date to finish by: the earliest closing still ahead among the quizzes not passed yet,
 * each quiz's closing as it is for this person (an organiser may have given one of them a
 * later date); when none is ahead, the last closing of all, said as past once it is; the
 * cohort's last day when the quizzes never close, said as past once that day is over on the
 * cohort's clocks (a self-paced cohort kept open after its dates: nothing closes with it).
 */
export function courseDeadline(
  quizzes: readonly { closesAt: Date | null; passed: boolean }[],
  cohort: { endsOn: Date; timeZone: string },
  now: Date,
): CourseDeadline {
  const closings = quizzes.flatMap((q) => (q.closesAt ? [{ at: q.closesAt.getTime(), passed: q.passed }] : []));
  if (closings.length === 0)
    return now < endOfDay(cohort.endsOn, cohort.timeZone)
      ? { kind: "cohort-ends", on: cohort.endsOn }
      : { kind: "cohort-ended", on: cohort.endsOn };
  const ahead = closings.filter((c) => !c.passed && c.at > now.getTime()).map((c) => c.at);
  const at = ahead.length > 0 ? Math.min(...ahead) : Math.max(...closings.map((c) => c.at));
  return { kind: at > now.getTime() ? "quizzes-close" : "quizzes-closed", at: new Date(at) };
}

/** The instant a calendar date (a DATE column: midnight UTC) ends on the clocks of a time zone. */
function endOfDay(day: Date, timeZone: string): Date {
  const next = new Date(day.getTime() + 24 * 60 * 60 * 1000);
  return zonedInputToUtc(`${toDateInput(next)}T00:00`, timeZone);
}
