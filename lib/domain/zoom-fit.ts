// Whether a Zoom report's times fit the session it is imported into, and, when they do not, the
// UTC offset (and time zones) in which the report's wall-clock times would fit. A report read in the
// wrong zone, or a report of another session, would otherwise propose everyone absent. Pure.
import { isTimeZone } from "./profile";
import { currentZoneName } from "./time-zones";

export type Span = { join: Date; leave: Date };
export type Window = { startsAt: Date; endsAt: Date };

export type ReportFit =
  /** Enough of the report's time falls within the session. */
  | { kind: "fits"; share: number }
  /** Read at offsetMinutes east of UTC (in one of zones), the report would fit: share then becomes fittedShare. */
  | { kind: "shifted"; share: number; offsetMinutes: number; zones: string[]; fittedShare: number }
  /** No time zone makes it fit: probably the report of another session. from/to: its earliest join and latest leave. */
  | { kind: "elsewhere"; share: number; from: Date; to: Date };

/** Below this share of the report's time within the session, the report does not fit it. */
export const POOR_FIT = 0.25;
/** A zone is suggested only when the report, read in it, has at least this share within the session. */
export const GOOD_FIT = 0.5;

const MINUTE = 60_000;

/** Milliseconds of the spans (counted once per span, so overlapping spans count twice) within the window. */
export function overlapMs(spans: readonly Span[], window: Window, shiftMs: (s: Span) => number = () => 0): number {
  const from = window.startsAt.getTime();
  const to = window.endsAt.getTime();
  let total = 0;
  for (const s of spans) {
    const shift = shiftMs(s);
    const start = Math.max(from, s.join.getTime() + shift);
    const end = Math.min(to, s.leave.getTime() + shift);
    if (end > start) total += end - start;
  }
  return total;
}

/** The share (0..1) of the report's time that falls within the window; 1 when the report holds no time at all. */
export function shareWithin(spans: readonly Span[], window: Window, shiftMs?: (s: Span) => number): number {
  const total = spans.reduce((n, s) => n + Math.max(0, s.leave.getTime() - s.join.getTime()), 0);
  return total === 0 ? 1 : overlapMs(spans, window, shiftMs) / total;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of timeZone at the instant `at` (Asia/Karachi: 300; America/New_York in December: -300). */
export function offsetAt(timeZone: string, at: Date): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, f);
  }
  const name = f.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * Zones people commonly name, most familiar first: the first of them with an offset is the example a
 * suggestion shows. By today's names, as the app's zone lists give them (lib/domain/time-zones.ts).
 */
const COMMON_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Africa/Lagos",
  "Africa/Cairo",
  "Africa/Johannesburg",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Asia/Riyadh",
  "Africa/Nairobi",
  "Asia/Tehran",
  "Asia/Dubai",
  "Asia/Baku",
  "Asia/Kabul",
  "Asia/Karachi",
  "Asia/Tashkent",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Dhaka",
  "Asia/Bishkek",
  "Asia/Almaty",
  "Asia/Yangon",
  "Asia/Bangkok",
  "Asia/Jakarta",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Australia/Adelaide",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/Sao_Paulo",
  "America/Argentina/Buenos_Aires",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
];

function allZones(): string[] {
  return [...Intl.supportedValuesOf("timeZone"), "UTC"];
}

/**
 * The zones at offsetMinutes at the instant `at`, by today's names as the app's zone lists give
 * them (Asia/Kathmandu, never Asia/Katmandu): `preferred` first, then common ones, then the rest by name.
 */
export function zonesWithOffset(offsetMinutes: number, at: Date, preferred: readonly string[] = []): string[] {
  const ordered = new Set([...preferred, ...COMMON_ZONES, ...allZones().sort()].map(currentZoneName));
  return [...ordered].filter((z) => isTimeZone(z) && offsetAt(z, at) === offsetMinutes);
}

/** "+05:00", "-03:30", "+00:00" */
export function formatOffset(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${offsetMinutes < 0 ? "-" : "+"}${hh}:${mm}`;
}

const middle = (a: number, b: number) => (a + b) / 2;

/**
 * The offset at which the report's wall-clock times (as read in `readIn`) best fall within the session,
 * among the offsets real zones have at the report's start, with the share of the report then within it.
 * Ties (a short report fits anywhere in a long session) go to the offset that centres the report on the
 * session, then to whole hours.
 */
export function bestOffset(spans: readonly Span[], session: Window, readIn: string): { offset: number; share: number } {
  const first = spans.reduce((a, s) => (s.join < a ? s.join : a), spans[0]!.join);
  // The wall-clock time of each instant is the instant plus readIn's offset at it; offsets change on
  // quarter hours, so one look-up per quarter hour serves every time in it.
  const quarter = new Map<number, number>();
  const readOffset = (t: Date) => {
    const q = Math.floor(t.getTime() / (15 * MINUTE));
    let o = quarter.get(q);
    if (o === undefined) quarter.set(q, (o = offsetAt(readIn, t)));
    return o;
  };
  const offsets = [...new Set(allZones().map((z) => offsetAt(z, first)))];
  const sessionMiddle = middle(session.startsAt.getTime(), session.endsAt.getTime());
  const scored = offsets.map((offset) => {
    const shift = (s: Span) => (readOffset(s.join) - offset) * MINUTE;
    const from = Math.min(...spans.map((s) => s.join.getTime() + shift(s)));
    const to = Math.max(...spans.map((s) => s.leave.getTime() + shift(s)));
    return {
      offset,
      share: shareWithin(spans, session, shift),
      distance: Math.abs(middle(from, to) - sessionMiddle),
    };
  });
  const top = Math.max(...scored.map((s) => s.share));
  const [best] = scored
    .filter((s) => s.share >= top * 0.99)
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        Number(a.offset % 60 !== 0) - Number(b.offset % 60 !== 0) ||
        Math.abs(a.offset) - Math.abs(b.offset),
    );
  return { offset: best!.offset, share: best!.share };
}

/**
 * How the report's times (read in `readIn`) fit the session: they fit; or, read at another offset, they
 * would (with the zones that have it then, `preferred` first); or no zone makes them fit.
 */
export function assessReportFit(input: {
  spans: readonly Span[];
  session: Window;
  readIn: string;
  preferred?: readonly string[];
}): ReportFit {
  const { spans, session, readIn } = input;
  const share = shareWithin(spans, session);
  if (spans.length === 0 || share >= POOR_FIT) return { kind: "fits", share };
  const best = bestOffset(spans, session, readIn);
  const first = spans.reduce((a, s) => (s.join < a ? s.join : a), spans[0]!.join);
  if (best.share >= GOOD_FIT && best.share > share && best.offset !== offsetAt(readIn, first)) {
    const zones = zonesWithOffset(best.offset, first, input.preferred);
    if (zones.length > 0) return { kind: "shifted", share, offsetMinutes: best.offset, zones, fittedShare: best.share };
  }
  const to = spans.reduce((a, s) => (s.leave > a ? s.leave : a), spans[0]!.leave);
  return { kind: "elsewhere", share, from: first, to };
}
