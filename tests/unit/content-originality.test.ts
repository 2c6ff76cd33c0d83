// Facts carry over from the programme's report; sentences do not. No run of
// 12 words may be shared with the source (titles, being names, are exempt).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures, loadProgramme } from "@/lib/content/load";

const N = 12;
const here = import.meta.dirname;
const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
const source = words(readFileSync(path.join(here, "../fixtures/source-report.txt"), "utf8"));
const sourceRuns = new Set(source.slice(0, source.length - N + 1).map((_, i) => source.slice(i, i + N).join(" ")));

export function copiedRuns(text: string): string[] {
  const w = words(text);
  const found: string[] = [];
  for (let i = 0; i + N <= w.length; i++) {
    const run = w.slice(i, i + N).join(" ");
    if (sourceRuns.has(run)) found.push(run);
  }
  return found;
}

const CONTENT = path.join(here, "../../content");

describe("originality against the source report", () => {
  it("detects a copied sentence (the check itself works)", () => {
    const copied =
      "Over the last 30 years, NHZs have contributed upwards of 11% of the China's GDP with cumulative net exports";
    expect(copiedRuns(copied).length).toBeGreaterThan(0);
    expect(
      copiedRuns("China's zones grew for three decades and now weigh heavily in national output and exports."),
    ).toEqual([]);
  });

  it("the programme's description and objectives are written afresh", () => {
    const p = loadProgramme(CONTENT);
    expect(copiedRuns([p.description, ...p.objectives].join("\n"))).toEqual([]);
  });

  it.each(loadLectures(CONTENT).map((l) => [l.slug, l] as const))("%s is written afresh", (_, lecture) => {
    const { meta, sections, quiz } = lecture;
    const texts = [
      meta.summary,
      ...meta.objectives,
      ...meta.keyFigures.flatMap((f) => [f.label, f.note]),
      ...sections.map((s) => s.text),
      ...quiz.questions.flatMap((q) => [
        q.prompt,
        q.explanation,
        ...("options" in q ? q.options.map((o) => o.text) : []),
      ]),
    ];
    // Each text separately: a run must not be formed across two fields.
    expect(texts.flatMap(copiedRuns)).toEqual([]);
  });
});
