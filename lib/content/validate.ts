// Pure checks that tie a lecture's quiz to its page. No file access.
import { z } from "zod";
import {
  ZLectureFrontMatter,
  ZQuiz,
  type TLectureFrontMatter,
  type TQuiz,
} from "@/lib/schemas/content";
import { countWords, normaliseForMatch, splitSections, type LectureSection } from "./markdown";

export const MIN_WORDS = 600;

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
  const { sections, problems: bodyProblems } = splitSections(input.body);
  problems.lecture.push(...bodyProblems);
  const wordCount = sections.reduce((n, s) => n + countWords(s.text), 0);
  if (bodyProblems.length === 0 && wordCount < MIN_WORDS) {
    problems.lecture.push(`body: has ${wordCount} words, needs at least ${MIN_WORDS}`);
  }
  const quiz = ZQuiz.safeParse(input.quiz);
  if (!quiz.success) problems.quiz.push(...formatIssues(quiz.error));
  else problems.quiz.push(...checkEvidence(quiz.data, sections));

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
