/** The country's name in the reader's language, from its ISO 3166-1 code. */
export function countryName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
}

/** Minutes to read a text of this many words, at an unhurried 200 words a minute. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.ceil(words / 200));
}
