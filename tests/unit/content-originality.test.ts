// Facts carry over from the programme's report; sentences do not. No run of 12 words
// may be shared with the source, in any field of the content: titles, key-figure values,
// glossary, takeaways, further reading, evidence strings and the programme's own fields.
// The programme's official title is the one exemption: it is a name, quoted as it stands.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures, loadProgramme } from "@/lib/content/load";
import { copiedRunsFinder, lectureFields, programmeFields, stringsOf } from "@/lib/content/originality";

const here = import.meta.dirname;
const copiedRuns = copiedRunsFinder(readFileSync(path.join(here, "../fixtures/source-report.txt"), "utf8"));
const CONTENT = path.join(here, "../../content");

/** Each field separately (a run must not be formed across two fields), named by its path. */
const copiesIn = (fields: { path: string; text: string }[]) =>
  fields.flatMap((f) => copiedRuns(f.text).map((run) => `${f.path}: ${run}`));

describe("originality against the source report", () => {
  it("detects a copied sentence (the check itself works)", () => {
    const copied =
      "Over the last 30 years, NHZs have contributed upwards of 11% of the China's GDP with cumulative net exports";
    expect(copiedRuns(copied).length).toBeGreaterThan(0);
    expect(
      copiedRuns("China's zones grew for three decades and now weigh heavily in national output and exports."),
    ).toEqual([]);
  });

  it("looks into every field, however deep", () => {
    const fields = stringsOf({ a: "x", b: [{ c: "y" }, "z"], n: 3, t: true });
    expect(fields).toEqual([
      { path: "a", text: "x" },
      { path: "b.0.c", text: "y" },
      { path: "b.1", text: "z" },
    ]);
    const copied = "Over the last 30 years, NHZs have contributed upwards of 11% of the China's GDP";
    const found = copiesIn(stringsOf({ glossary: [{ term: "NHZ", definition: copied }] }));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f).toMatch(/^glossary\.0\.definition: /);
  });

  it("the programme is written afresh in every field but its official title", () => {
    const programme = loadProgramme(CONTENT);
    expect(copiedRuns(programme.title).length).toBeGreaterThan(0); // the exemption is needed, and the only one
    expect(copiesIn(programmeFields(programme))).toEqual([]);
  });

  it.each(loadLectures(CONTENT).map((l) => [l.slug, l] as const))("%s is written afresh", (_, lecture) => {
    const fields = lectureFields(lecture);
    // Every kind of field is in the check, not only the prose.
    const paths = fields.map((f) => f.path.replace(/\.\d+/g, ""));
    for (const kind of ["title", "keyFigures.value", "glossary.definition", "takeaways", "questions.evidence"]) {
      expect(paths, kind).toContain(`${kind.startsWith("questions") ? "quiz.yaml" : "lecture.md"} ${kind}`);
    }
    expect(copiesIn(fields)).toEqual([]);
  });
});
