// A cohort's schedule as an iCalendar (.ics) file, through the `ics` package.
// Times are written in UTC; calendar apps show them in their own zone. Pure.
import { createEvents, type EventAttributes } from "ics";

export type CalendarSession = {
  id: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** The lecture's page. */
  url: string;
  /** Where to join, when the admin gave one. */
  joinUrl: string | null;
  updatedAt: Date;
};

export function buildCalendar(input: { name: string; sessions: readonly CalendarSession[] }): string {
  const events: EventAttributes[] = input.sessions.map((s) => ({
    uid: `${s.id}@btbu-ecosf-training`,
    title: s.title,
    description: s.joinUrl ? `${s.description}\n\nJoin: ${s.joinUrl}` : s.description,
    start: s.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: s.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    url: s.url,
    location: s.joinUrl ?? "Online",
    calName: input.name,
    productId: "btbu-ecosf-training/ics",
    status: "CONFIRMED",
    lastModified: s.updatedAt.getTime(),
    // The calendar app's own reminder, an hour before, as the e-mailed one.
    alarms: [
      { action: "display", description: "The live session starts in one hour", trigger: { hours: 1, before: true } },
    ],
  }));
  if (events.length === 0) {
    // The package refuses an empty list; an empty calendar is still a valid file.
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:btbu-ecosf-training/ics",
      "CALSCALE:GREGORIAN",
      `X-WR-CALNAME:${escapeText(input.name)}`,
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  }
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error("could not build the calendar");
  return value;
}

function escapeText(text: string) {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");
}
