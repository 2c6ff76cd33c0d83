// Pure checks that tie a lecture's quiz to its page. No file access.
import { z } from "zod";
import {
  ZLectureFrontMatter,
  ZQuiz,
  type TLectureFrontMatter,
  type TQuiz,
} from "@/lib/schemas/content";
import { CASE_PREFIX, countWords, normaliseForMatch, splitSections, type LectureSection } from "./markdown";

/** A 15-20 minute study text: roughly 2,000-2,500 words, with some room either side. */
export const MIN_WORDS = 1900;
export const MAX_WORDS = 2800;
/** Questions that ask the learner to apply the lecture to a case, at the least, per quiz. */
export const MIN_APPLICATION_QUESTIONS = 2;
export const MULTIPLE_PROMPT_END = "Select all that apply.";
export const TRUE_FALSE_PROMPT_START = "True or false:";

export type ParsedLecture = {
  meta: TLectureFrontMatter;
  sections: LectureSection[];
  wordCount: number;
  quiz: TQuiz;
};

/** `questions.2.options` style paths, as a person would look for them in the file. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(file)"}: ${i.message}`);
}

export type LectureProblems = { lecture: string[]; quiz: string[] };

/**
 * Validates a lecture's front matter, body and quiz together. Problems are
 * grouped by the file they belong to.
 */
export function validateLecture(input: {
  frontMatter: unknown;
  body: string;
  quiz: unknown;
}): { ok: true; lecture: ParsedLecture } | { ok: false; problems: LectureProblems } {
  const problems: LectureProblems = { lecture: [], quiz: [] };
  const meta = ZLectureFrontMatter.safeParse(input.frontMatter);
  if (!meta.success) problems.lecture.push(...formatIssues(meta.error));
  const { sections, problems: bodyProblems, cases } = splitSections(input.body);
  problems.lecture.push(...bodyProblems);
  const wordCount = sections.reduce((n, s) => n + countWords(s.text), 0);
  if (bodyProblems.length === 0 && (wordCount < MIN_WORDS || wordCount > MAX_WORDS)) {
    problems.lecture.push(`body: has ${wordCount} words, needs ${MIN_WORDS} to ${MAX_WORDS}`);
  }
  if (bodyProblems.length === 0 && cases !== 1) {
    problems.lecture.push(`body: needs exactly one case box (a "### ${CASE_PREFIX} ..." heading), has ${cases}`);
  }
  const quiz = ZQuiz.safeParse(input.quiz);
  if (!quiz.success) problems.quiz.push(...formatIssues(quiz.error));
  else {
    problems.quiz.push(...checkEvidence(quiz.data, sections));
    problems.quiz.push(...checkDesign(quiz.data, meta.success ? meta.data.objectives.length : undefined));
  }

  if (!meta.success || !quiz.success || problems.lecture.length || problems.quiz.length) {
    return { ok: false, problems };
  }
  return { ok: true, lecture: { meta: meta.data, sections, wordCount, quiz: quiz.data } };
}

/** Each question's evidence must be stated, word for word, in the section it names. */
export function checkEvidence(quiz: TQuiz, sections: LectureSection[]): string[] {
  const problems: string[] = [];
  quiz.questions.forEach((q, i) => {
    const section = sections.find((s) => s.id === q.section);
    if (!section) return; // a missing section is already reported against the page
    if (!normaliseForMatch(section.text).includes(normaliseForMatch(q.evidence))) {
      problems.push(`questions.${i}.evidence: not found in section "${section.title}" of the lecture page`);
    }
  });
  return problems;
}

/**
 * What makes a quiz test the lecture rather than luck: every question says which
 * objectives it tests and what it asks of the learner; together they cover every
 * objective, at least two apply the lecture to a case, and the prompts say how to
 * answer in the same words everywhere.
 */
export function checkDesign(quiz: TQuiz, objectiveCount: number | undefined): string[] {
  const problems: string[] = [];
  const covered = new Set<number>();
  quiz.questions.forEach((q, i) => {
    if (!q.objectives) problems.push(`questions.${i}.objectives: name the lecture objectives (1-based) it tests`);
    for (const n of q.objectives ?? []) {
      if (objectiveCount !== undefined && n > objectiveCount) {
        problems.push(`questions.${i}.objectives: the lecture has ${objectiveCount} objectives, not ${n}`);
      }
      covered.add(n);
    }
    if (!q.skill) problems.push(`questions.${i}.skill: say whether it asks for recall, understanding or application`);
    if (q.type === "multiple" && !q.prompt.trim().endsWith(MULTIPLE_PROMPT_END)) {
      problems.push(`questions.${i}.prompt: a multiple-choice prompt ends with "${MULTIPLE_PROMPT_END}"`);
    }
    if (q.type === "true-false" && !q.prompt.trim().startsWith(TRUE_FALSE_PROMPT_START)) {
      problems.push(`questions.${i}.prompt: a true-or-false prompt begins with "${TRUE_FALSE_PROMPT_START}"`);
    }
  });
  for (let n = 1; n <= (objectiveCount ?? 0); n++) {
    if (!covered.has(n)) problems.push(`questions: no question tests objective ${n}`);
  }
  const applied = quiz.questions.filter((q) => q.skill === "application").length;
  if (applied < MIN_APPLICATION_QUESTIONS) {
    problems.push(`questions: needs at least ${MIN_APPLICATION_QUESTIONS} application questions, has ${applied}`);
  }
  return problems;
}
