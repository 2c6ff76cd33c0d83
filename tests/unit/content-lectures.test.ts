// The real content: all five lectures load, and each page and quiz keeps the rules of content/FORMAT.md.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures, loadProgramme } from "@/lib/content/load";
import { MIN_WORDS } from "@/lib/content/validate";
import { normaliseForMatch } from "@/lib/content/markdown";
import { QUESTION_TYPES, SECTION_IDS } from "@/lib/schemas/content";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const lectures = loadLectures(CONTENT);

describe("programme", () => {
  it("names the organisers, the date and the four objectives", () => {
    const p = loadProgramme(CONTENT);
    expect(p.date).toBe("2021-12-15");
    expect(p.organisers.map((o) => o.shortName)).toEqual(["BTBU", "ECOSF", "CAST"]);
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
    it(`has the five sections in order and at least ${MIN_WORDS} words`, () => {
      expect(lecture.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
      expect(lecture.wordCount).toBeGreaterThanOrEqual(MIN_WORDS);
      for (const s of lecture.sections) expect(s.text.length, s.id).toBeGreaterThan(200);
    });

    it("has 3-5 objectives and 3-8 key figures", () => {
      expect(lecture.meta.objectives.length).toBeGreaterThanOrEqual(3);
      expect(lecture.meta.objectives.length).toBeLessThanOrEqual(5);
      expect(lecture.meta.keyFigures.length).toBeGreaterThanOrEqual(3);
      expect(lecture.meta.keyFigures.length).toBeLessThanOrEqual(8);
    });

    it("has a quiz of at least 6 questions mixing all four types", () => {
      const types = new Set(lecture.quiz.questions.map((q) => q.type));
      expect(lecture.quiz.questions.length).toBeGreaterThanOrEqual(6);
      expect([...types].sort()).toEqual([...QUESTION_TYPES].sort());
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
