// Facts carry over from the programme's report; sentences do not. These helpers find
// any run of RUN_LENGTH words that a piece of content shares with the source, in every
// string the content holds. Pure: the caller reads the files.

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
