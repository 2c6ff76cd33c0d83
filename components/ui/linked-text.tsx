import { linkParts } from "@/lib/domain/announcements";

/**
 * Plain text an organiser wrote, with each web address in it made a link (lib/domain's
 * linkParts): a participant on a phone follows a join or reading link with a tap rather than
 * copying it. Long addresses break anywhere rather than widen the page.
 */
export function LinkedText({ text }: { text: string }) {
  return linkParts(text).map((part, i) =>
    "url" in part ? (
      <a key={i} href={part.url} rel="noopener noreferrer nofollow" className="wrap-anywhere text-brand-700 underline">
        {part.url}
      </a>
    ) : (
      part.text
    ),
  );
}
