// Facts carry over from the programme's report; sentences do not. These helpers find
// any run of RUN_LENGTH words that a piece of content shares with the source, in every
// string the content holds. Pure: the caller reads the files.
import type { TProgramme } from "@/lib/schemas/content";
import type { LoadedLecture } from "./load";

export const RUN_LENGTH = 12;

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** A finder of the runs a text shares with `source` (run together across line breaks). */
export function copiedRunsFinder(source: string, length = RUN_LENGTH): (text: string) => string[] {
  const w = words(source);
  const runs = new Set<string>();
  for (let i = 0; i + length <= w.length; i++) runs.add(w.slice(i, i + length).join(" "));
  return (text) => {
    const t = words(text);
    const found: string[] = [];
    for (let i = 0; i + length <= t.length; i++) {
      const run = t.slice(i, i + length).join(" ");
      if (runs.has(run)) found.push(run);
    }
    return found;
  };
}

/**
 * Every string inside a value (objects, arrays, nested), each with the path it sits
 * at, such as `questions.3.options.1.text`. Each is checked on its own: a run must not
 * be formed across two fields.
 */
export function stringsOf(value: unknown, path = ""): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** Every text of a lecture, named by file and field: front matter, each section's visible text, the quiz. */
export function lectureFields({ meta, sections, quiz }: Pick<LoadedLecture, "meta" | "sections" | "quiz">) {
  return [
    ...stringsOf(meta).map((f) => ({ ...f, path: `lecture.md ${f.path}` })),
    ...sections.map((s) => ({ path: `lecture.md section ${s.id}`, text: s.text })),
    ...stringsOf(quiz).map((f) => ({ ...f, path: `quiz.yaml ${f.path}` })),
  ];
}

/** Every text of the programme but its official title, which is a name quoted as it stands. */
export function programmeFields({ title: _official, ...programme }: TProgramme) {
  return stringsOf(programme);
}
