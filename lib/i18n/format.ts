/** The country's name in the reader's language, from its ISO 3166-1 code. */
export function countryName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
}

/** Minutes to read a text of this many words, at an unhurried 200 words a minute. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.ceil(words / 200));
}

/**
 * The time zone's name as people say it at that instant ("Iran Standard Time",
 * "Pakistan Standard Time"), in the reader's language; Intl gives an offset
 * ("GMT+03:30") for zones it has no name for.
 */
export function timeZoneName(instant: Date, timeZone: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "long" }).formatToParts(instant);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** A session's day and time in the viewer's time zone, for a sentence: "Thursday, December 10, 2026", "2:00 PM", and the zone's name. */
export function sessionDateParts(instant: Date, timeZone: string, locale: string) {
  return {
    date: new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone }).format(instant),
    time: new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone }).format(instant),
    zone: timeZoneName(instant, timeZone, locale),
  };
}
