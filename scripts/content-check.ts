// Checks the course content the way the build and the tests do, and says more: each
// lecture's problems (format, quiz design, links), its word count, and every run of
// words any field shares with the source report.
//   npm run content:check                 all lectures and the programme
//   npm run content:check -- 03-pakistan-sti-policy
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ContentError, loadLecture, loadLectures, loadProgramme, slugOf, type LoadedLecture } from "@/lib/content/load";
import { linkProblems } from "@/lib/content/markdown";
import { copiedRunsFinder, lectureFields, programmeFields } from "@/lib/content/originality";

const root = path.resolve(import.meta.dirname, "..");
const CONTENT = path.join(root, "content");
const copiedRuns = copiedRunsFinder(readFileSync(path.join(root, "tests/fixtures/source-report.txt"), "utf8"));
const only = process.argv[2];

const problems: string[] = [];
if (!only || only === "programme") {
  try {
    for (const f of programmeFields(loadProgramme(CONTENT))) {
      for (const run of copiedRuns(f.text)) problems.push(`content/programme.yaml ${f.path}: copies "${run}"`);
    }
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    problems.push(...err.problems);
  }
}
// Each lecture on its own, so that one lecture's problems do not hide another's.
const lectures: LoadedLecture[] = [];
const folders = readdirSync(path.join(CONTENT, "lectures")).sort();
const slugs = folders.map(slugOf);
for (const folder of folders) {
  if (only && folder !== only) continue;
  const lecture = loadLecture(path.join(CONTENT, "lectures", folder), folder, problems);
  if (!lecture) continue;
  lectures.push(lecture);
  problems.push(...linkProblems(lecture.sections, slugs).map((p) => `content/lectures/${folder}/lecture.md: ${p}`));
}
if (!only) {
  // What only the whole set can tell: numbering, unique slugs, links between lectures.
  try {
    loadLectures(CONTENT);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    problems.push(...err.problems.filter((p) => !problems.includes(p)));
  }
}

for (const lecture of lectures) {
  for (const f of lectureFields(lecture))
    for (const run of copiedRuns(f.text))
      problems.push(`content/lectures/${lecture.folder}/${f.path}: copies "${run}"`);
  const { quiz } = lecture;
  const skills = quiz.questions.map((q) => q.skill).join(", ");
  console.log(`${lecture.folder}: ${lecture.wordCount} words, ${quiz.questions.length} questions (${skills})`);
}

if (problems.length) {
  console.log(problems.map((p) => `  ${p}`).join("\n"));
  process.exitCode = 1;
} else console.log("OK");
