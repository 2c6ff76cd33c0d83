// Pure Markdown helpers for lecture pages: no file access.
import { Marked, type Token, type Tokens } from "marked";
import { SECTION_IDS, SECTION_TITLES, type TSectionId } from "@/lib/schemas/content";

/** What a blockquote must begin with: the course's own background or synthesis, told apart from the speaker's points. */
export const COURSE_NOTE = "Course note:";
/** What a third-level heading begins with to open the lecture's case box (up to the next heading). */
export const CASE_PREFIX = "Case:";

const marked = new Marked({ gfm: true, async: false });
marked.use({
  renderer: {
    // A course note is an aside, not a quotation: shown boxed, without quotation marks.
    blockquote({ tokens }) {
      return `<aside class="course-note">${this.parser.parse(tokens)}</aside>\n`;
    },
  },
});

/** The visible text of a block's inline tokens, Markdown stripped. */
function plainText(token: Token): string {
  if ("tokens" in token && token.tokens?.length) return token.tokens.map(plainText).join("");
  return "text" in token && typeof token.text === "string" ? token.text : "";
}

const isCaseHeading = (t: Token): t is Tokens.Heading =>
  t.type === "heading" && (t as Tokens.Heading).depth === 3 && plainText(t).startsWith(CASE_PREFIX);

/**
 * The section's HTML, with its case box (a `### Case: ...` heading and what follows it up
 * to the next heading of level 3 or above) wrapped in a labelled section of its own.
 */
function renderSection(tokens: Token[], sectionId: string): string {
  const start = tokens.findIndex(isCaseHeading);
  if (start === -1) return marked.parser(tokens);
  const rest = tokens.slice(start + 1);
  const length = rest.findIndex((t) => t.type === "heading" && (t as Tokens.Heading).depth <= 3);
  const end = length === -1 ? tokens.length : start + 1 + length;
  const id = `${sectionId}-case`;
  const heading = tokens[start] as Tokens.Heading;
  return (
    marked.parser(tokens.slice(0, start)) +
    `<section class="case-box" aria-labelledby="${id}"><h3 id="${id}">${marked.parseInline(heading.text)}</h3>\n` +
    marked.parser(tokens.slice(start + 1, end)) +
    "</section>\n" +
    renderSection(tokens.slice(end), sectionId)
  );
}

/** Problems with the course-note and case-box conventions in one section's tokens. */
function conventionProblems(tokens: Token[], title: string): { problems: string[]; cases: number } {
  const problems: string[] = [];
  let cases = 0;
  marked.walkTokens(tokens, (t) => {
    if (t.type === "blockquote" && !plainText(t).trim().startsWith(COURSE_NOTE)) {
      problems.push(`body: a quote block in "${title}" must begin with "**${COURSE_NOTE}**" (quote blocks mark the course's own notes)`);
    }
    if (isCaseHeading(t)) cases++;
  });
  return { problems, cases };
}

/** Where a lecture page's links point to: another lecture's section, or an https:// address. */
export function linkProblems(sections: LectureSection[], slugs: readonly string[]): string[] {
  const problems: string[] = [];
  for (const section of sections) {
    marked.walkTokens(marked.lexer(section.markdown), (t) => {
      if (t.type !== "link") return;
      const href = (t as Tokens.Link).href;
      const internal = /^\/lectures\/([a-z0-9-]+)(?:#([a-z-]+))?$/.exec(href);
      if (internal) {
        if (!slugs.includes(internal[1]!)) problems.push(`body: the link to ${href} names no lecture`);
        else if (internal[2] && !(SECTION_IDS as readonly string[]).includes(internal[2])) {
          problems.push(`body: the link to ${href} names no section (${SECTION_IDS.join(", ")})`);
        }
      } else if (!href.startsWith("https://")) {
        problems.push(`body: the link to ${href} must be /lectures/<slug>#<section> or an https:// address`);
      }
    });
  }
  return problems;
}

export type LectureSection = { id: TSectionId; title: string; markdown: string; html: string; text: string };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** Visible text of rendered HTML, whitespace collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** For phrase matching: lower case, straight quotes, single spaces. */
export function normaliseForMatch(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function hasRawHtml(tokens: Token[]): boolean {
  let found = false;
  marked.walkTokens(tokens, (t) => {
    if (t.type === "html") found = true;
  });
  return found;
}

/**
 * Splits a lecture body at its `## ` headings, which must be exactly the five
 * sections of content/FORMAT.md in order. Returns problems instead of throwing
 * so the loader can report every one with its file.
 */
export function splitSections(body: string): { sections: LectureSection[]; problems: string[]; cases: number } {
  const problems: string[] = [];
  let cases = 0;
  const parts = body.split(/^## +(.+?)\s*$/m);
  const preamble = parts[0]?.trim();
  if (preamble) problems.push("body: text before the first section heading");
  const sections: LectureSection[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const title = parts[i] ?? "";
    const markdown = parts[i + 1] ?? "";
    const expectedId = SECTION_IDS[sections.length];
    if (!expectedId || SECTION_TITLES[expectedId] !== title) {
      problems.push(
        `body: section ${sections.length + 1} is "## ${title}", expected ${
          expectedId ? `"## ${SECTION_TITLES[expectedId]}"` : "no more sections"
        }`,
      );
      continue;
    }
    const tokens = marked.lexer(markdown);
    if (hasRawHtml(tokens)) problems.push(`body: section "${title}" contains raw HTML`);
    const conventions = conventionProblems(tokens, title);
    problems.push(...conventions.problems);
    cases += conventions.cases;
    const html = renderSection(tokens, expectedId);
    sections.push({ id: expectedId, title, markdown, html, text: htmlToText(html) });
  }
  if (sections.length < SECTION_IDS.length && problems.length === 0) {
    problems.push(`body: needs the sections ${SECTION_IDS.map((id) => `"## ${SECTION_TITLES[id]}"`).join(", ")}`);
  }
  return { sections, problems, cases };
}
