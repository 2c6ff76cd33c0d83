// Wall-clock times in a cohort's time zone <-> instants (stored in UTC). Pure.
import { TZDate } from "@date-fns/tz";

/** "2021-12-15T09:00" in Asia/Karachi -> the instant 2021-12-15T04:00Z. */
export function zonedInputToUtc(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime());
}

/** The instant as "YYYY-MM-DDTHH:MM" on the wall clocks of the time zone, for <input type="datetime-local">. */
export function utcToZonedInput(instant: Date, timeZone: string): string {
  const z = TZDate.tz(timeZone, instant);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${z.getFullYear()}-${p(z.getMonth() + 1)}-${p(z.getDate())}T${p(z.getHours())}:${p(z.getMinutes())}`;
}

/** A calendar date ("YYYY-MM-DD") as stored in a DATE column (midnight UTC). */
export function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

export function toDateInput(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** kebab-case from a name: "4th Training Program, December 2021" -> "4th-training-program-december-2021". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}
