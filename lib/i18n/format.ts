// Intl's formatters are kept and used again: making one costs 0.2-1.5 ms (a full date
// with its time zone the most), using one about a microsecond, and a page such as the
// dashboard, the profile's country list or a register of 5,000 people would otherwise
// make one per line. The keys are few (the site's locales, the time zones people live in,
// the handful of styles below); past MAX_KEPT the oldest are dropped all the same.

const MAX_KEPT = 2_000;

function keeper<T>(make: (locale: string, options: object) => T) {
  const kept = new Map<string, T>();
  return (locale: string, options: object): T => {
    const key = `${locale}\u0000${JSON.stringify(options)}`;
    let made = kept.get(key);
    if (made === undefined) {
      made = make(locale, options);
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(key, made);
    }
    return made;
  };
}

/** A date and time formatter for `locale` and `options`, made once. */
export const dateTimeFormat = keeper(
  (locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
);

const regionNames = keeper((locale) => new Intl.DisplayNames([locale], { type: "region" }));

/** The country's name in the reader's language, from its ISO 3166-1 code. */
export function countryName(code: string, locale: string): string {
  return regionNames(locale, {}).of(code) ?? code;
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
  const parts = dateTimeFormat(locale, { timeZone, timeZoneName: "long" }).formatToParts(instant);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** A session's day and time in the viewer's time zone, for a sentence: "Thursday, December 10, 2026", "2:00 PM", and the zone's name. */
export function sessionDateParts(instant: Date, timeZone: string, locale: string) {
  return {
    date: dateTimeFormat(locale, { dateStyle: "full", timeZone }).format(instant),
    time: dateTimeFormat(locale, { timeStyle: "short", timeZone }).format(instant),
    zone: timeZoneName(instant, timeZone, locale),
  };
}
