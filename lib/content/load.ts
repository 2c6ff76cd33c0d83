// Reads content/ from disk and validates it. Any problem throws a
// ContentError naming the file and the field, which fails the build.
import matter from "gray-matter";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { ZProgramme, type TProgramme } from "@/lib/schemas/content";
import { linkProblems } from "./markdown";
import { formatIssues, validateLecture, type ParsedLecture } from "./validate";

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid content:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

export type Lecture = Omit<ParsedLecture, "quiz"> & {
  /** 1-based position in the programme, from the folder's NN- prefix. */
  number: number;
  slug: string;
  folder: string;
};
export type LoadedLecture = Lecture & { quiz: ParsedLecture["quiz"] };

const FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** A lecture folder's slug (its name after NN-), or the name itself if it is not NN-slug. */
export const slugOf = (folder: string) => FOLDER.exec(folder)?.[2] ?? folder;

function readYaml(file: string, rel: string, problems: string[]): unknown {
  try {
    return parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    problems.push(`${rel}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    return undefined;
  }
}

export function loadProgramme(contentDir: string): TProgramme {
  const rel = "content/programme.yaml";
  const problems: string[] = [];
  const raw = readYaml(path.join(contentDir, "programme.yaml"), rel, problems);
  if (problems.length) throw new ContentError(problems);
  const parsed = ZProgramme.safeParse(raw);
  if (!parsed.success) throw new ContentError(formatIssues(parsed.error).map((p) => `${rel}: ${p}`));
  return parsed.data;
}

/** One lecture folder, its problems added to `problems` (undefined if it has any). */
export function loadLecture(dir: string, folder: string, problems: string[]): LoadedLecture | undefined {
  const match = FOLDER.exec(folder);
  const relDir = `content/lectures/${folder}`;
  if (!match) {
    problems.push(`${relDir}: folder name must be NN-slug, e.g. 01-nhz-policy-framework`);
    return undefined;
  }
  let page: { data: unknown; content: string };
  try {
    page = matter(readFileSync(path.join(dir, "lecture.md"), "utf8"));
  } catch (err) {
    problems.push(`${relDir}/lecture.md: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    return undefined;
  }
  const quizFile = `${relDir}/quiz.yaml`;
  const quiz = readYaml(path.join(dir, "quiz.yaml"), quizFile, problems);
  if (quiz === undefined) return undefined;
  const result = validateLecture({ frontMatter: page.data, body: page.content, quiz });
  if (!result.ok) {
    problems.push(...result.problems.lecture.map((p) => `${relDir}/lecture.md: ${p}`));
    problems.push(...result.problems.quiz.map((p) => `${quizFile}: ${p}`));
    return undefined;
  }
  return { ...result.lecture, number: Number(match[1]), slug: match[2]!, folder };
}

export function loadLectures(contentDir: string): LoadedLecture[] {
  const root = path.join(contentDir, "lectures");
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const problems: string[] = [];
  folders.forEach((folder, i) => {
    const expected = String(i + 1).padStart(2, "0");
    if (FOLDER.test(folder) && !folder.startsWith(`${expected}-`)) {
      problems.push(`content/lectures/${folder}: lectures must be numbered 01, 02, ... without gaps; expected ${expected}`);
    }
  });
  const lectures = folders.flatMap((f) => loadLecture(path.join(root, f), f, problems) ?? []);
  if (new Set(lectures.map((l) => l.slug)).size !== lectures.length) problems.push("content/lectures: slugs must be unique");
  const slugs = folders.map(slugOf);
  for (const lecture of lectures) {
    problems.push(...linkProblems(lecture.sections, slugs).map((p) => `content/lectures/${lecture.folder}/lecture.md: ${p}`));
  }
  if (problems.length) throw new ContentError(problems);
  return lectures;
}
