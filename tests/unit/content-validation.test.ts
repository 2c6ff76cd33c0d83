// An invalid content file fails loudly, naming the file and the field.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadLectures, loadProgramme } from "@/lib/content/load";
import { splitSections } from "@/lib/content/markdown";
import { validateLecture } from "@/lib/content/validate";
import { readQuestions } from "@/lib/db/json-columns";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const FIRST = "01-nhz-policy-framework";

// A valid lecture to break one piece at a time: five sections of about 400 words, one of them
// holding a case box and a course note.
const body = ["Context", "Key points", "Key figures", "Lessons for other countries", "Questions for discussion"]
  .map((title) => `## ${title}\n\n${"The zone grew quickly in 1988 and later years. ".repeat(45)}\n`)
  .join("\n")
  .replace(
    "## Key points\n\n",
    "## Key points\n\n### Case: One zone\n\nA zone that grew.\n\n> **Course note:** Our own reading.\n\n### After the case\n\n",
  );
const frontMatter = {
  title: "A lecture",
  speaker: { name: "Dr. A", role: "Researcher", institution: "An institute", country: "CN" },
  summary: "A summary of this lecture that is long enough to pass the rule on summary length for pages.",
  objectives: ["One", "Two", "Three"],
  keyFigures: [1, 2, 3].map((n) => ({ label: `Figure ${n}`, value: String(n), note: "A note." })),
  glossary: ["NHZ", "MOST", "CAST", "STI"].map((term) => ({ term, definition: `What ${term} means.` })),
  takeaways: ["First.", "Second.", "Third.", "Fourth."],
};
const question = (over: Record<string, unknown> = {}) => ({
  id: "q",
  type: "true-false",
  prompt: "True or false: the zone grew.",
  explanation: "Because.",
  section: "context",
  evidence: "grew quickly in 1988",
  objectives: [1],
  skill: "recall",
  ...("options" in over ? {} : { answer: true }),
  ...over,
});
const options = (correct: string[]) =>
  ["a", "b", "c", "d"].map((id) => ({ id, text: `Option ${id}`, correct: correct.includes(id) || undefined }));
const quiz = (...over: Record<string, unknown>[]) => ({
  questions: [
    question({ id: "q1", type: "single", prompt: "Which?", options: options(["a"]), objectives: [2] }),
    question({ id: "q2", type: "multiple", prompt: "Which? Select all that apply.", options: options(["a", "b"]) }),
    question({ id: "q3", objectives: [3], skill: "application" }),
    question({ id: "q4", type: "numeric", prompt: "When?", answer: 1988 }),
    question({ id: "q5", skill: "application" }),
    ...[6, 7, 8, 9, 10].map((n) => question({ id: `q${n}`, skill: "understanding" })),
  ].map((q, i) => ({ ...q, ...over[i] })),
});

describe("validateLecture", () => {
  it("accepts a valid lecture", () => {
    const result = validateLecture({ frontMatter, body, quiz: quiz() });
    expect(result.ok ? [] : result.problems).toEqual([]);
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
      { frontMatter, body, quiz: { questions: quiz().questions.slice(0, 9) } },
      "quiz",
      "questions: a quiz has exactly 10 questions",
    ],
    [
      "too long",
      {
        frontMatter,
        body: body.replaceAll("later years. ", "later years and after that in every decade. "),
        quiz: quiz(),
      },
      "lecture",
      "words, needs 1900 to 2800",
    ],
    [
      "no glossary",
      { frontMatter: { ...frontMatter, glossary: undefined }, body, quiz: quiz() },
      "lecture",
      "glossary:",
    ],
    [
      "too few takeaways",
      { frontMatter: { ...frontMatter, takeaways: ["One."] }, body, quiz: quiz() },
      "lecture",
      "takeaways: needs 4 to 7 key takeaways",
    ],
    [
      "a further reading that is not https",
      {
        frontMatter: { ...frontMatter, furtherReading: [{ title: "A page", url: "http://example.org" }] },
        body,
        quiz: quiz(),
      },
      "lecture",
      "furtherReading.0.url: must be an https:// address",
    ],
    [
      "no case box",
      { frontMatter, body: body.replace("### Case: One zone", "### One zone"), quiz: quiz() },
      "lecture",
      'needs exactly one case box (a "### Case: ..." heading), has 0',
    ],
    [
      "two case boxes",
      { frontMatter, body: body.replace("### After the case", "### Case: Another"), quiz: quiz() },
      "lecture",
      "has 2",
    ],
    [
      "a quote block that is not a course note",
      { frontMatter, body: body.replace("> **Course note:** Our", "> Our"), quiz: quiz() },
      "lecture",
      'a quote block in "Key points" must begin with "**Course note:**"',
    ],
    [
      "a question without objectives",
      { frontMatter, body, quiz: quiz({ objectives: undefined }) },
      "quiz",
      "questions.0.objectives: name the lecture objectives",
    ],
    [
      "an objective the lecture does not have",
      { frontMatter, body, quiz: quiz({}, { objectives: [4] }) },
      "quiz",
      "questions.1.objectives: the lecture has 3 objectives, not 4",
    ],
    [
      "an objective no question tests",
      { frontMatter, body, quiz: quiz({ objectives: [1] }) },
      "quiz",
      "questions: no question tests objective 2",
    ],
    [
      "a question without its skill",
      { frontMatter, body, quiz: quiz({}, {}, {}, { skill: undefined }) },
      "quiz",
      "questions.3.skill:",
    ],
    [
      "fewer than two application questions",
      { frontMatter, body, quiz: quiz({}, {}, { skill: "recall" }) },
      "quiz",
      "questions: needs at least 2 application questions, has 1",
    ],
    [
      "a multiple-choice prompt that does not say to select all",
      { frontMatter, body, quiz: quiz({}, { prompt: "Which?" }) },
      "quiz",
      'questions.1.prompt: a multiple-choice prompt ends with "Select all that apply."',
    ],
    [
      "a true-or-false prompt without its prefix",
      { frontMatter, body, quiz: quiz({}, {}, { prompt: "The zone grew." }) },
      "quiz",
      'questions.2.prompt: a true-or-false prompt begins with "True or false:"',
    ],
  ])("rejects %s", (_, input, file, message) => {
    const result = validateLecture(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[file].join("\n")).toContain(message);
  });
});

describe("stored question versions", () => {
  it("reads versions stored before questions named their objectives and skill", () => {
    const { objectives: _o, skill: _s, ...before } = question({ id: "old" });
    expect(readQuestions([before])).toEqual([before]);
  });
});

describe("splitSections", () => {
  it("reports text before the first heading and missing sections", () => {
    const { problems } = splitSections("Intro text\n\n## Context\n\nSome words.");
    expect(problems).toEqual(expect.arrayContaining(["body: text before the first section heading"]));
  });
  it("renders a course note as an aside and the case box as a labelled section", () => {
    const { sections, cases } = splitSections(body);
    expect(cases).toBe(1);
    const html = sections[1]!.html;
    expect(html).toContain('<aside class="course-note"><p><strong>Course note:</strong> Our own reading.</p>');
    expect(html).toMatch(
      /<section class="case-box" aria-labelledby="key-points-case"><h3 id="key-points-case">Case: One zone<\/h3>\n<p>A zone that grew.<\/p>\n<aside class="course-note">[^]*<\/aside>\n<\/section>\n<h3>After the case<\/h3>/,
    );
    expect(sections[1]!.text).toContain(
      "Case: One zone A zone that grew. Course note: Our own reading. After the case",
    );
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
    writeFileSync(file, readFileSync(file, "utf8").replace(/type: [a-z-]+/, "type: essay"));
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

  it("reports a link to a lecture or section that does not exist", () => {
    const root = copy();
    const page = path.join(root, "lectures", FIRST, "lecture.md");
    const text = readFileSync(page, "utf8").replace(
      "## Context\n",
      "## Context\n\nSee [this](/lectures/no-such-lecture#context), [that](/lectures/china-st-system-reform#history) and [plain](http://example.org).\n",
    );
    writeFileSync(page, text);
    const message = String(errorOf(() => loadLectures(root)));
    expect(message).toContain(
      `content/lectures/${FIRST}/lecture.md: body: the link to /lectures/no-such-lecture#context names no lecture`,
    );
    expect(message).toContain("the link to /lectures/china-st-system-reform#history names no section");
    expect(message).toContain(
      "the link to http://example.org must be /lectures/<slug>#<section> or an https:// address",
    );
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
