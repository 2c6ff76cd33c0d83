// An invalid content file fails loudly, naming the file and the field.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadLectures, loadProgramme } from "@/lib/content/load";
import { splitSections } from "@/lib/content/markdown";
import { validateLecture } from "@/lib/content/validate";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const FIRST = "01-nhz-policy-framework";

// A valid lecture to break one piece at a time.
const body = ["Context", "Key points", "Key figures", "Lessons for other countries", "Questions for discussion"]
  .map((title) => `## ${title}\n\n${"The zone grew quickly in 1988 and later years. ".repeat(16)}\n`)
  .join("\n");
const frontMatter = {
  title: "A lecture",
  speaker: { name: "Dr. A", role: "Researcher", institution: "An institute", country: "CN" },
  summary: "A summary of this lecture that is long enough to pass the rule on summary length for pages.",
  objectives: ["One", "Two", "Three"],
  keyFigures: [1, 2, 3].map((n) => ({ label: `Figure ${n}`, value: String(n), note: "A note." })),
};
const question = (over: Record<string, unknown> = {}) => ({
  id: "q",
  type: "true-false",
  prompt: "True?",
  explanation: "Because.",
  section: "context",
  evidence: "grew quickly in 1988",
  ...("options" in over ? {} : { answer: true }),
  ...over,
});
const options = (correct: string[]) =>
  ["a", "b", "c", "d"].map((id) => ({ id, text: `Option ${id}`, correct: correct.includes(id) || undefined }));
const quiz = (...over: Record<string, unknown>[]) => ({
  questions: [
    question({ id: "q1", type: "single", options: options(["a"]) }),
    question({ id: "q2", type: "multiple", options: options(["a", "b"]) }),
    question({ id: "q3" }),
    question({ id: "q4", type: "numeric", answer: 1988 }),
    question({ id: "q5" }),
    question({ id: "q6" }),
  ].map((q, i) => ({ ...q, ...over[i] })),
});

describe("validateLecture", () => {
  it("accepts a valid lecture", () => {
    const result = validateLecture({ frontMatter, body, quiz: quiz() });
    expect(result.ok).toBe(true);
  });

  it.each<[string, Parameters<typeof validateLecture>[0], "lecture" | "quiz", string]>([
    [
      "missing speaker country",
      { frontMatter: { ...frontMatter, speaker: { ...frontMatter.speaker, country: "China" } }, body, quiz: quiz() },
      "lecture",
      "speaker.country: must be an ISO 3166-1 alpha-2 code",
    ],
    [
      "too few objectives",
      { frontMatter: { ...frontMatter, objectives: ["One"] }, body, quiz: quiz() },
      "lecture",
      "objectives: needs 3 to 5 objectives",
    ],
    [
      "unknown front matter field",
      { frontMatter: { ...frontMatter, extra: 1 }, body, quiz: quiz() },
      "lecture",
      "extra",
    ],
    ["too short", { frontMatter, body: body.slice(0, 1500), quiz: quiz() }, "lecture", "body:"],
    [
      "sections out of order",
      { frontMatter, body: body.replace("## Context", "## Background"), quiz: quiz() },
      "lecture",
      'section 1 is "## Background", expected "## Context"',
    ],
    [
      "raw HTML",
      { frontMatter, body: body.replace("The zone", "<script>x</script> The zone"), quiz: quiz() },
      "lecture",
      "raw HTML",
    ],
    [
      "two correct options on a single-choice question",
      { frontMatter, body, quiz: quiz({ options: options(["a", "b"]) }) },
      "quiz",
      "questions.0.options: a single-choice question needs exactly one correct option",
    ],
    [
      "multiple choice with one correct option",
      { frontMatter, body, quiz: quiz({}, { options: options(["a"]) }) },
      "quiz",
      "questions.1.options: a multiple-choice question needs at least two correct options",
    ],
    [
      "unknown section",
      { frontMatter, body, quiz: quiz({}, {}, { section: "history" }) },
      "quiz",
      "questions.2.section",
    ],
    [
      "evidence not on the page",
      { frontMatter, body, quiz: quiz({}, {}, { evidence: "a claim the page never makes" }) },
      "quiz",
      'questions.2.evidence: not found in section "Context"',
    ],
    [
      "numeric answer missing from the evidence",
      { frontMatter, body, quiz: quiz({}, {}, {}, { answer: 1999 }) },
      "quiz",
      "questions.3.evidence: the evidence of a numeric question must contain its answer",
    ],
    [
      "duplicate question ids",
      { frontMatter, body, quiz: quiz({}, {}, {}, {}, { id: "q6" }) },
      "quiz",
      "questions: question ids must be unique",
    ],
    [
      "a type missing",
      { frontMatter, body, quiz: quiz({}, {}, {}, { type: "true-false", answer: true }) },
      "quiz",
      'a quiz needs at least one "numeric" question',
    ],
    [
      "too few questions",
      { frontMatter, body, quiz: { questions: quiz().questions.slice(0, 5) } },
      "quiz",
      "questions: a quiz needs at least 6 questions",
    ],
  ])("rejects %s", (_, input, file, message) => {
    const result = validateLecture(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[file].join("\n")).toContain(message);
  });
});

describe("splitSections", () => {
  it("reports text before the first heading and missing sections", () => {
    const { problems } = splitSections("Intro text\n\n## Context\n\nSome words.");
    expect(problems).toEqual(expect.arrayContaining(["body: text before the first section heading"]));
  });
  it("renders Markdown and keeps the visible text for matching", () => {
    const { sections } = splitSections(body.replace("The zone grew", "The **zone** [grew](https://example.org)"));
    expect(sections[0]!.html).toContain("<strong>zone</strong>");
    expect(sections[0]!.text).toContain("The zone grew quickly");
  });
});

describe("loading from disk", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
  const copy = () => {
    dir = mkdtempSync(path.join(tmpdir(), "content-"));
    cpSync(CONTENT, dir, { recursive: true });
    return dir;
  };
  const errorOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err;
    }
    throw new Error("expected an error");
  };

  it("names the quiz file and the field of a broken quiz", () => {
    const root = copy();
    const file = path.join(root, "lectures", FIRST, "quiz.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("type: numeric", "type: essay"));
    const err = errorOf(() => loadLectures(root));
    expect(err).toBeInstanceOf(ContentError);
    // Only the broken file is reported: the lectures after it are fine.
    expect((err as ContentError).problems).toEqual([
      expect.stringMatching(new RegExp(`^content/lectures/${FIRST}/quiz\\.yaml: questions\\.0\\.type`)),
    ]);
  });

  it("reports a gap in the lecture numbering", () => {
    const root = copy();
    cpSync(path.join(root, "lectures", FIRST), path.join(root, "lectures", "07-extra"), { recursive: true });
    expect(String(errorOf(() => loadLectures(root)))).toContain(
      "content/lectures/07-extra: lectures must be numbered 01, 02, ... without gaps; expected 06",
    );
  });

  it("names the lecture file of invalid front matter, and YAML syntax errors", () => {
    const root = copy();
    const page = path.join(root, "lectures", FIRST, "lecture.md");
    writeFileSync(page, readFileSync(page, "utf8").replace("country: CN", "country: cn"));
    writeFileSync(path.join(root, "lectures", "02-china-st-system-reform", "quiz.yaml"), "questions: [unclosed");
    const message = String(errorOf(() => loadLectures(root)));
    expect(message).toContain(`content/lectures/${FIRST}/lecture.md: speaker.country`);
    expect(message).toContain("content/lectures/02-china-st-system-reform/quiz.yaml:");
  });

  it("names content/programme.yaml and its field", () => {
    const root = copy();
    const file = path.join(root, "programme.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace('date: "2021-12-15"', 'date: "15 Dec 2021"'));
    expect(String(errorOf(() => loadProgramme(root)))).toContain(
      "content/programme.yaml: date: must be a date as YYYY-MM-DD",
    );
  });
});
