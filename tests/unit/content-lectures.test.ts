// The real content: all five lectures load, and each page and quiz keeps the rules of content/FORMAT.md.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures, loadProgramme } from "@/lib/content/load";
import { MAX_WORDS, MIN_WORDS } from "@/lib/content/validate";
import { normaliseForMatch } from "@/lib/content/markdown";
import { stringsOf } from "@/lib/content/originality";
import { QUESTION_TYPES, QUIZ_LENGTH, SECTION_IDS } from "@/lib/schemas/content";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const lectures = loadLectures(CONTENT);

describe("programme", () => {
  it("names the organisers, the date and the four objectives", () => {
    const p = loadProgramme(CONTENT);
    expect(p.date).toBe("2021-12-15");
    expect(p.organisers.map((o) => o.shortName)).toEqual(["BTBU", "ECOSF", "CAST"]);
    // The university's own English name, not the report's "Beijing Technological and Business University".
    expect(p.organisers[0]!.name).toBe("Beijing Technology and Business University");
    expect(p.organisers.find((o) => o.shortName === "CAST")?.role).toBe("supporter");
    expect(p.objectives).toHaveLength(4);
    expect(p.countries).toBe(20);
  });
});

describe("lectures", () => {
  it("are the programme's five, numbered 1 to 5", () => {
    expect(lectures.map((l) => [l.number, l.meta.speaker.name])).toEqual([
      [1, "Dr. Bi Liangliang"],
      [2, "Dr. Li Yan"],
      [3, "Prof. Dr. Arabella Bhutto"],
      [4, "Ms. Mozhgan Yazdianpour"],
      [5, "Prof. Dr. Tassaduq Hussain"],
    ]);
    expect(lectures.map((l) => l.meta.speaker.country)).toEqual(["CN", "CN", "PK", "IR", "PK"]);
  });

  describe.each(lectures.map((l) => [l.slug, l] as const))("%s", (_, lecture) => {
    it(`has the five sections in order and ${MIN_WORDS} to ${MAX_WORDS} words`, () => {
      expect(lecture.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
      expect(lecture.wordCount).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(lecture.wordCount).toBeLessThanOrEqual(MAX_WORDS);
      for (const s of lecture.sections) expect(s.text.length, s.id).toBeGreaterThan(200);
    });

    it("has 3-5 objectives and 3-8 key figures", () => {
      expect(lecture.meta.objectives.length).toBeGreaterThanOrEqual(3);
      expect(lecture.meta.objectives.length).toBeLessThanOrEqual(5);
      expect(lecture.meta.keyFigures.length).toBeGreaterThanOrEqual(3);
      expect(lecture.meta.keyFigures.length).toBeLessThanOrEqual(8);
    });

    it(`has a quiz of ${QUIZ_LENGTH} questions mixing all four types`, () => {
      const types = new Set(lecture.quiz.questions.map((q) => q.type));
      expect(lecture.quiz.questions).toHaveLength(QUIZ_LENGTH);
      expect([...types].sort()).toEqual([...QUESTION_TYPES].sort());
    });

    it("tests every objective, and applies the lecture to a case at least twice", () => {
      const covered = new Set(lecture.quiz.questions.flatMap((q) => q.objectives ?? []));
      expect([...covered].sort()).toEqual(lecture.meta.objectives.map((_, i) => i + 1));
      const applied = lecture.quiz.questions.filter((q) => q.skill === "application");
      expect(applied.length).toBeGreaterThanOrEqual(2);
    });

    it("says how to answer in the same words in every prompt", () => {
      for (const q of lecture.quiz.questions) {
        if (q.type === "multiple") expect(q.prompt, q.id).toMatch(/Select all that apply\.$/);
        if (q.type === "true-false") expect(q.prompt, q.id).toMatch(/^True or false: /);
        if (q.type !== "multiple") expect(q.prompt, q.id).not.toContain("Select all");
      }
    });

    it("ends with a recap and a glossary, and has one case box", () => {
      expect(lecture.meta.takeaways.length).toBeGreaterThanOrEqual(4);
      expect(lecture.meta.glossary.length).toBeGreaterThanOrEqual(4);
      const boxes = lecture.sections.flatMap((s) => s.html.match(/<section class="case-box"/g) ?? []);
      expect(boxes).toHaveLength(1);
    });

    it("states every quiz answer in the section the question names", () => {
      for (const q of lecture.quiz.questions) {
        const section = lecture.sections.find((s) => s.id === q.section);
        expect(normaliseForMatch(section!.text), q.id).toContain(normaliseForMatch(q.evidence));
        if (q.type === "numeric") expect(q.evidence.replace(/[\s,]/g, ""), q.id).toContain(String(q.answer));
      }
    });
  });
});

describe("across lectures", () => {
  const bySlug = new Map(lectures.map((l) => [l.slug, l]));
  const linksOf = (slug: string) =>
    new Set(
      bySlug
        .get(slug)!
        .sections.flatMap((s) => [...s.markdown.matchAll(/\]\(\/lectures\/([a-z0-9-]+)/g)].map((m) => m[1])),
    );

  // Where two talks meet, each page points to the other.
  it.each([
    ["nhz-policy-framework", "iran-sti-science-parks", "Isfahan"],
    ["nhz-policy-framework", "sialkot-technology-park", "Sophia Antipolis"],
    ["pakistan-sti-policy", "sialkot-technology-park", "Pakistan"],
  ])("%s and %s link to each other where %s comes up", (a, b, topic) => {
    expect(linksOf(a), `${a} -> ${b}`).toContain(b);
    expect(linksOf(b), `${b} -> ${a}`).toContain(a);
    for (const slug of [a, b]) {
      expect(
        bySlug
          .get(slug)!
          .sections.map((s) => s.text)
          .join(" "),
        slug,
      ).toContain(topic);
    }
  });

  it("spell names the same way on every page", () => {
    // A page may mention how the source spells a name ("which the slide spells "Sofia-Antipolis"").
    const everything = stringsOf([
      loadProgramme(CONTENT),
      lectures.map((l) => [l.meta, l.sections.map((s) => s.text), l.quiz]),
    ])
      .map((f) => f.text.replace(/spells [^"]{0,30}"[^"]+"/g, ""))
      .join("\n");
    for (const variant of [/Sofia[- ]Antipolis/, /Sophia-Antipolis/, /Sheikh Baha(?!ei)/, /Lianliang/]) {
      expect(everything).not.toMatch(variant);
    }
    expect(everything).toContain("Sophia Antipolis");
    expect(everything).toContain("Sheikh Bahaei");
    expect(everything).toContain("Zhongguancun");
  });
});
