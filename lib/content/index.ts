// The programme and its lectures, loaded once per process. Server only: the
// quizzes (with their answer keys) never leave the server through here.
import "server-only";
import path from "node:path";
import type { TProgramme, TQuiz } from "@/lib/schemas/content";
import { loadLectures, loadProgramme, type Lecture, type LoadedLecture } from "./load";

export type { Lecture } from "./load";

const CONTENT_DIR = path.join(process.cwd(), "content");

let cache: { programme: TProgramme; lectures: LoadedLecture[] } | undefined;
function load() {
  cache ??= { programme: loadProgramme(CONTENT_DIR), lectures: loadLectures(CONTENT_DIR) };
  return cache;
}

const withoutQuiz = ({ quiz, ...lecture }: LoadedLecture): Lecture & { questionCount: number } => ({
  ...lecture,
  questionCount: quiz.questions.length,
});

export function getProgramme(): TProgramme {
  return load().programme;
}

export function listLectures() {
  return load().lectures.map(withoutQuiz);
}

export function getLecture(slug: string) {
  const lectures = listLectures();
  const index = lectures.findIndex((l) => l.slug === slug);
  if (index === -1) return undefined;
  return { lecture: lectures[index]!, previous: lectures[index - 1], next: lectures[index + 1] };
}

/** The quiz with its answer key: for server-side grading only. */
export function getQuiz(slug: string): TQuiz | undefined {
  return load().lectures.find((l) => l.slug === slug)?.quiz;
}
