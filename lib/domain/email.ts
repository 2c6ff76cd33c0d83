import { asciiDigits } from "./digits";

/**
 * An e-mail address as people type it, in the one form the app stores and compares.
 *
 * A Chinese or Japanese input method left in full-width mode types `ｌｉ＠ｂｔｂｕ．ｅｄｕ．ｃｎ`,
 * and its full stop may come out as the ideographic `。`; a Persian or Arabic keyboard types
 * its own digits. Addresses are ASCII here (zod's check refuses anything else), so these
 * become their ASCII letters, digits and signs:
 * - NFKC turns full-width and other compatibility forms into their plain ones (`＠` → `@`,
 *   `ｌ` → `l`, the ideographic space → a space);
 * - the ideographic full stops (U+3002, and U+FF61, which NFKC makes U+3002) become `.`, as
 *   IDNA (UTS #46) reads them between a domain's labels;
 * - digits of other scripts become ASCII digits (lib/domain/digits.ts);
 * - surrounding spaces go, and letters are lower-cased.
 * An address already in ASCII is only trimmed and lower-cased. Pure, for the browser and the server.
 */
export function normaliseEmail(typed: string): string {
  return asciiDigits(typed.normalize("NFKC").replace(/\u3002/gu, "."))
    .trim()
    .toLowerCase();
}
