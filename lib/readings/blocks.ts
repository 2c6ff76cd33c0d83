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
export function inlineRuns(tokens: Token[] | undefined, style: RunStyle = "regular"): Run[] {
  const runs: Run[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "strong":
        runs.push(...inlineRuns(token.tokens, "bold"));
        break;
      case "em":
        runs.push(...inlineRuns(token.tokens, style === "bold" ? "bold" : "italic"));
        break;
      case "link": {
        const link = token as Tokens.Link;
        const inner = inlineRuns(link.tokens, style);
        const text = inner.map((r) => r.text).join("");
        runs.push(...inner);
        if (text.trim() !== link.href && !link.href.startsWith("#")) runs.push({ text: ` (${link.href})`, style });
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
        if ("tokens" in token && token.tokens?.length) runs.push(...inlineRuns(token.tokens, style));
        else if ("text" in token && typeof token.text === "string") runs.push({ text: decode(token.text), style });
    }
  }
  return runs;
}

function toBlocks(tokens: Token[]): Block[] {
  const blocks: Block[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case "heading":
        blocks.push({ kind: "heading", level: (token as Tokens.Heading).depth, runs: inlineRuns(token.tokens) });
        break;
      case "paragraph":
        blocks.push({ kind: "paragraph", runs: inlineRuns(token.tokens) });
        break;
      case "text":
        // The text of a tight list item.
        blocks.push({ kind: "paragraph", runs: inlineRuns((token as Tokens.Text).tokens ?? [token]) });
        break;
      case "list": {
        const list = token as Tokens.List;
        blocks.push({
          kind: "list",
          ordered: list.ordered,
          start: typeof list.start === "number" ? list.start : 1,
          items: list.items.map((item) => toBlocks(item.tokens)),
        });
        break;
      }
      case "table": {
        const table = token as Tokens.Table;
        blocks.push({
          kind: "table",
          header: table.header.map((cell) => inlineRuns(cell.tokens)),
          rows: table.rows.map((row) => row.map((cell) => inlineRuns(cell.tokens))),
        });
        break;
      }
      case "blockquote":
        blocks.push({ kind: "quote", blocks: toBlocks((token as Tokens.Blockquote).tokens) });
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

/** `origin` is put before links to the site's own pages (`/lectures/...`): paper needs the whole address. */
export function markdownBlocks(markdown: string, origin = ""): Block[] {
  const tokens = marked.lexer(markdown);
  marked.walkTokens(tokens, (token) => {
    if (token.type === "link" && token.href.startsWith("/")) token.href = `${origin}${token.href}`;
  });
  return toBlocks(tokens);
}
