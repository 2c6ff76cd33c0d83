// A lecture section's Markdown as the blocks a printed page lays out: headings,
// paragraphs, lists, tables, quotes and code, with bold and italic runs. Links become
// their text followed by the address, as paper cannot follow them. Pure: no I/O.
import { Marked, type Token, type Tokens } from "marked";

export type RunStyle = "regular" | "bold" | "italic";
export type Run = { text: string; style: RunStyle };
export type Block =
  | { kind: "heading"; level: number; runs: Run[] }
  | { kind: "paragraph"; runs: Run[] }
  | { kind: "list"; ordered: boolean; start: number; items: Block[][] }
  | { kind: "table"; header: Run[][]; rows: Run[][][] }
  | { kind: "quote"; blocks: Block[] }
  | { kind: "code"; text: string }
  | { kind: "rule" };

const marked = new Marked({ gfm: true, async: false });

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? "");

/** Inline tokens as styled runs; bold wins over italic where both apply. */
export function inlineRuns(tokens: Token[] | undefined, style: RunStyle = "regular", origin = ""): Run[] {
  const runs: Run[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "strong":
        runs.push(...inlineRuns(token.tokens, "bold", origin));
        break;
      case "em":
        runs.push(...inlineRuns(token.tokens, style === "bold" ? "bold" : "italic", origin));
        break;
      case "link": {
        const link = token as Tokens.Link;
        const inner = inlineRuns(link.tokens, style, origin);
        const text = inner.map((r) => r.text).join("");
        runs.push(...inner);
        // A link to another page of the site is printed with the site's address.
        const href = link.href.startsWith("/") ? `${origin}${link.href}` : link.href;
        if (text.trim() !== href && !href.startsWith("#")) runs.push({ text: ` (${href})`, style });
        break;
      }
      case "image":
        runs.push({ text: (token as Tokens.Image).text, style });
        break;
      case "br":
        runs.push({ text: "\n", style });
        break;
      case "codespan":
      case "escape":
        runs.push({ text: decode((token as Tokens.Codespan).text), style });
        break;
      default:
        if ("tokens" in token && token.tokens?.length) runs.push(...inlineRuns(token.tokens, style, origin));
        else if ("text" in token && typeof token.text === "string") runs.push({ text: decode(token.text), style });
    }
  }
  return runs;
}

function toBlocks(tokens: Token[], origin: string): Block[] {
  const blocks: Block[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case "heading":
        blocks.push({
          kind: "heading",
          level: (token as Tokens.Heading).depth,
          runs: inlineRuns(token.tokens, "regular", origin),
        });
        break;
      case "paragraph":
        blocks.push({ kind: "paragraph", runs: inlineRuns(token.tokens, "regular", origin) });
        break;
      case "text":
        // The text of a tight list item.
        blocks.push({
          kind: "paragraph",
          runs: inlineRuns((token as Tokens.Text).tokens ?? [token], "regular", origin),
        });
        break;
      case "list": {
        const list = token as Tokens.List;
        blocks.push({
          kind: "list",
          ordered: list.ordered,
          start: typeof list.start === "number" ? list.start : 1,
          items: list.items.map((item) => toBlocks(item.tokens, origin)),
        });
        break;
      }
      case "table": {
        const table = token as Tokens.Table;
        blocks.push({
          kind: "table",
          header: table.header.map((cell) => inlineRuns(cell.tokens, "regular", origin)),
          rows: table.rows.map((row) => row.map((cell) => inlineRuns(cell.tokens, "regular", origin))),
        });
        break;
      }
      case "blockquote":
        blocks.push({ kind: "quote", blocks: toBlocks((token as Tokens.Blockquote).tokens, origin) });
        break;
      case "code":
        blocks.push({ kind: "code", text: (token as Tokens.Code).text });
        break;
      case "hr":
        blocks.push({ kind: "rule" });
        break;
      default:
      // Spaces between blocks; raw HTML is refused by the content loader.
    }
  }
  return blocks;
}

/** `origin` is put before links to the site's own pages (`/lectures/...`). */
export function markdownBlocks(markdown: string, origin = ""): Block[] {
  return toBlocks(marked.lexer(markdown), origin);
}
