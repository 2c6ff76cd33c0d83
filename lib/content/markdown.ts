// Pure Markdown helpers for lecture pages: no file access.
import { Marked, type Token } from "marked";
import { SECTION_IDS, SECTION_TITLES, type TSectionId } from "@/lib/schemas/content";

const marked = new Marked({ gfm: true, async: false });

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
export function splitSections(body: string): { sections: LectureSection[]; problems: string[] } {
  const problems: string[] = [];
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
    const html = marked.parser(tokens);
    sections.push({ id: expectedId, title, markdown, html, text: htmlToText(html) });
  }
  if (sections.length < SECTION_IDS.length && problems.length === 0) {
    problems.push(`body: needs the sections ${SECTION_IDS.map((id) => `"## ${SECTION_TITLES[id]}"`).join(", ")}`);
  }
  return { sections, problems };
}
