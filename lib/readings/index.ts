// Each lecture's printable reading: its content version (which the download address
// carries, so that a browser or proxy may keep the file for good) and the PDF itself,
// rendered once per process and version.
import "server-only";
import { createHash } from "node:crypto";
import { getLecture, getProgramme } from "@/lib/content";
import type { TLectureFrontMatter } from "@/lib/schemas/content";
import { markdownBlocks, type Block } from "./blocks";
import { renderReadingPdf, type ReadingPdfInput } from "./pdf";

/** Raise when the PDF's layout changes, so that files kept under the old version are not served as current. */
const LAYOUT_VERSION = 2;

/** A short hash of everything the lecture's PDF is made from; undefined for an unknown lecture. */
export function readingVersion(slug: string): string | undefined {
  const found = getLecture(slug);
  if (!found) return undefined;
  const { lecture } = found;
  const { edition } = getProgramme();
  const source = JSON.stringify([
    LAYOUT_VERSION,
    edition,
    lecture.number,
    lecture.meta,
    lecture.sections.map((s) => [s.title, s.markdown]),
  ]);
  return createHash("sha256").update(source).digest("base64url").slice(0, 16);
}

/** Where the reading is downloaded from: the version in the address makes it safe to cache for good. */
export function readingPdfPath(slug: string): string | undefined {
  const version = readingVersion(slug);
  return version && `/api/lectures/${slug}/pdf?v=${version}`;
}

export function readingFileName(slug: string): string {
  const number = getLecture(slug)?.lecture.number ?? 0;
  return `lecture-${number}-${slug}.pdf`;
}

/** The words around the content, in the reader's language. */
export type ReadingLabels = Pick<
  ReadingPdfInput,
  "kicker" | "speaker" | "source" | "objectivesTitle" | "keyFiguresTitle" | "keyFiguresHeader" | "pageLabel" | "footer"
> & {
  takeawaysTitle: string;
  glossaryTitle: string;
  furtherReadingTitle: string;
  /** The site's address, which links between lectures are printed with. */
  origin: string;
};

const plain = (text: string): Block => ({ kind: "paragraph", runs: [{ text, style: "regular" }] });

/** What the page shows after the sections (takeaways, glossary, further reading), as printed sections. */
function closingSections(meta: TLectureFrontMatter, labels: ReadingLabels): ReadingPdfInput["sections"] {
  const sections: ReadingPdfInput["sections"] = [
    {
      title: labels.takeawaysTitle,
      blocks: [{ kind: "list", ordered: false, start: 1, items: meta.takeaways.map((l) => [plain(l)]) }],
    },
    {
      title: labels.glossaryTitle,
      blocks: meta.glossary.map((g) => ({
        kind: "paragraph",
        runs: [
          { text: `${g.term}: `, style: "bold" },
          { text: g.definition, style: "regular" },
        ],
      })),
    },
  ];
  if (meta.furtherReading) {
    sections.push({
      title: labels.furtherReadingTitle,
      blocks: meta.furtherReading.map((r) => ({
        kind: "paragraph",
        runs: [
          { text: r.title, style: "bold" },
          {
            text: [r.publisher, r.url, r.note]
              .filter(Boolean)
              .map((part) => `. ${part}`)
              .join(""),
            style: "regular",
          },
        ],
      })),
    });
  }
  return sections;
}

const rendered = new Map<string, Promise<Uint8Array>>();

/** The reading's PDF, rendered on first request and kept for the process's life (a few tens of kilobytes each). */
export function readingPdf(slug: string, labels: ReadingLabels, key: string): Promise<Uint8Array> | undefined {
  const found = getLecture(slug);
  const version = readingVersion(slug);
  if (!found || !version) return undefined;
  const cacheKey = `${slug}:${version}:${key}`;
  let pdf = rendered.get(cacheKey);
  if (!pdf) {
    const { meta, sections } = found.lecture;
    pdf = renderReadingPdf({
      ...labels,
      programme: getProgramme().edition,
      title: meta.title,
      summary: meta.summary,
      objectives: meta.objectives,
      keyFigures: meta.keyFigures.map((f) => ({ label: f.label, value: f.value, note: f.note ?? "" })),
      sections: [
        ...sections.map((s) => ({ title: s.title, blocks: markdownBlocks(s.markdown, labels.origin) })),
        ...closingSections(meta, labels),
      ],
    });
    pdf.catch(() => rendered.delete(cacheKey));
    rendered.set(cacheKey, pdf);
  }
  return pdf;
}
