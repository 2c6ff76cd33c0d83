// Instants relative to the moment a test runs, and the strings the pages show for
// them, formatted with Intl in the time zone the page uses: the same values make
// the data and the expectations, so the tests pass on any day of any year.
// The zones the tests use have no daylight saving time (Asia/Karachi since 2009,
// Asia/Tehran since 2022), so a wall-clock time is never skipped or repeated.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The instant `offset` milliseconds from now, on a whole minute (the pages show minutes). */
export function fromNow(offset: number): Date {
  const t = Date.now() + offset;
  return new Date(t - (t % MINUTE));
}

/** The instant `offset` milliseconds after `instant`. */
export function after(instant: Date, offset: number): Date {
  return new Date(instant.getTime() + offset);
}

/** The calendar day ("YYYY-MM-DD") the instant falls on in the time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en", { year: "numeric", month: "2-digit", day: "2-digit", timeZone })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, p) => ({ ...all, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The calendar day `days` after a "YYYY-MM-DD" day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** As the dashboard shows an instant: "Tue, Dec 1, 2026, 07:30 AM GMT+3:30". */
export function dashboardTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(instant);
}

/** As the admin's schedule shows a wall-clock time it was given ("Dec 2, 2026, 9:00 AM"). */
export function scheduleTime(day: string, time: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
    new Date(`${day}T${time}:00Z`),
  );
}

/** The instant as an iCalendar UTC date-time: 20261201T040000Z. */
export function icsTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** As a session's badge on the dashboard reads an instant: "Thursday, December 10, 2026 at 2:00 PM (Iran Standard Time)". */
export function badgeTime(instant: Date, timeZone: string): string {
  const date = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone }).format(instant);
  const time = new Intl.DateTimeFormat("en", { timeStyle: "short", timeZone }).format(instant);
  const zone = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "long" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName")!.value;
  return `${date} at ${time} (${zone})`;
}
