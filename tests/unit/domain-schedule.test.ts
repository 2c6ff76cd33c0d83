import { describe, expect, it } from "vitest";
import { buildCalendar } from "@/lib/domain/calendar";
import {
  durationMinutes,
  joinLinkLabel,
  lectureScheduleStatus,
  nextSessions,
  sameSession,
  sessionPhase,
} from "@/lib/domain/schedule";
import { parseSessionForm } from "@/lib/schemas/session";

const at = (iso: string) => new Date(iso);
const s = (id: string, lectureSlug: string, start: string, end: string) => ({
  id,
  lectureSlug,
  startsAt: at(start),
  endsAt: at(end),
});
const schedule = [
  s("b", "two", "2021-12-15T06:00:00Z", "2021-12-15T07:00:00Z"),
  s("a", "one", "2021-12-15T04:00:00Z", "2021-12-15T05:00:00Z"),
  s("c", "two", "2021-12-16T06:00:00Z", "2021-12-16T07:00:00Z"),
];

describe("joinLinkLabel", () => {
  it.each([
    [
      "a Zoom link with its passcode",
      "https://us02web.zoom.us/j/81234567890?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789.1",
      "us02web.zoom.us/j/81234567890",
    ],
    ["a Tencent Meeting link", "https://meeting.tencent.com/dm/AbCdEf12", "meeting.tencent.com/dm/AbCdEf12"],
    ["a bare host", "https://meet.example.org/", "meet.example.org"],
    ["a fragment", "https://teams.example.org/l/meetup#join", "teams.example.org/l/meetup"],
    ["not a link", "zoom 812 3456 7890", "zoom 812 3456 7890"],
  ])("%s: %j → %j", (_, url, label) => {
    expect(joinLinkLabel(url)).toBe(label);
  });
});

describe("sameSession", () => {
  it.each<[string, { lectureSlug: string; startsAt: Date }, string | undefined, string | undefined]>([
    [
      "the same lecture at the same start",
      { lectureSlug: "one", startsAt: at("2021-12-15T04:00:00Z") },
      undefined,
      "a",
    ],
    [
      "the same lecture a minute later",
      { lectureSlug: "one", startsAt: at("2021-12-15T04:01:00Z") },
      undefined,
      undefined,
    ],
    [
      "another lecture at the same start",
      { lectureSlug: "two", startsAt: at("2021-12-15T04:00:00Z") },
      undefined,
      undefined,
    ],
    [
      "the session being edited, unchanged",
      { lectureSlug: "one", startsAt: at("2021-12-15T04:00:00Z") },
      "a",
      undefined,
    ],
    ["another session moved onto one", { lectureSlug: "two", startsAt: at("2021-12-16T06:00:00Z") }, "b", "c"],
  ])("%s", (_, candidate, exceptId, clash) => {
    expect(sameSession(candidate, schedule, exceptId)?.id).toBe(clash);
  });
});

describe("sessionPhase", () => {
  it.each([
    ["2021-12-15T03:59:59Z", "upcoming"],
    ["2021-12-15T04:00:00Z", "live"],
    ["2021-12-15T04:59:59Z", "live"],
    ["2021-12-15T05:00:00Z", "ended"],
  ])("at %s the 04:00-05:00 session is %s", (now, phase) => {
    expect(sessionPhase(schedule[1]!, at(now))).toBe(phase);
  });
});

describe("nextSessions", () => {
  it.each([
    ["2021-12-14T00:00:00Z", 5, ["a", "b", "c"]],
    ["2021-12-14T00:00:00Z", 2, ["a", "b"]],
    ["2021-12-15T04:30:00Z", 5, ["a", "b", "c"]], // a is live: still listed
    ["2021-12-15T05:00:00Z", 5, ["b", "c"]],
    ["2021-12-17T00:00:00Z", 5, []],
  ])("at %s (limit %i) lists %j", (now, limit, ids) => {
    expect(nextSessions(schedule, at(now), limit).map((x) => x.id)).toEqual(ids);
  });
});

describe("lectureScheduleStatus", () => {
  it.each([
    ["three", "2021-12-14T00:00:00Z", "not-scheduled", undefined],
    ["one", "2021-12-14T00:00:00Z", "upcoming", "a"],
    ["one", "2021-12-15T04:10:00Z", "live", "a"],
    ["one", "2021-12-15T05:10:00Z", "held", "a"],
    ["two", "2021-12-15T07:10:00Z", "upcoming", "c"], // its first session is over, another is to come
    ["two", "2021-12-16T08:00:00Z", "held", "c"],
  ])("lecture %s at %s is %s", (slug, now, status, sessionId) => {
    const result = lectureScheduleStatus(slug, schedule, at(now));
    expect(result.status).toBe(status);
    expect("session" in result ? result.session.id : undefined).toBe(sessionId);
  });

  it("measures a session's length in minutes", () => {
    expect(durationMinutes(s("x", "one", "2021-12-15T04:00:00Z", "2021-12-15T05:30:00Z"))).toBe(90);
  });
});

describe("parseSessionForm", () => {
  const cohort = { timeZone: "Asia/Karachi", startsOn: at("2021-12-15T00:00:00Z"), endsOn: at("2021-12-16T00:00:00Z") };
  const slugs = ["one", "two"];
  const form = (o: Record<string, string> = {}) => ({
    lectureSlug: "one",
    date: "2021-12-15",
    startTime: "09:00",
    endTime: "10:30",
    joinUrl: "",
    ...o,
  });

  it("reads the times on the cohort's clocks (Karachi is UTC+5)", () => {
    expect(parseSessionForm(form({ joinUrl: " https://zoom.us/j/1 " }), cohort, slugs)).toEqual({
      ok: true,
      data: {
        lectureSlug: "one",
        startsAt: at("2021-12-15T04:00:00Z"),
        endsAt: at("2021-12-15T05:30:00Z"),
        joinUrl: "https://zoom.us/j/1",
      },
    });
  });

  it.each([
    [{ lectureSlug: "" }, "lectureSlug", "required"],
    [{ lectureSlug: "nine" }, "lectureSlug", "required"],
    [{ date: "15/12/2021" }, "date", "invalid-date"],
    [{ date: "2021-12-17" }, "date", "outside-cohort"],
    [{ date: "2021-12-14" }, "date", "outside-cohort"],
    [{ startTime: "9am" }, "startTime", "invalid-time"],
    [{ endTime: "24:00" }, "endTime", "invalid-time"],
    [{ endTime: "09:00" }, "endTime", "ends-before-start"],
    [{ endTime: "08:00" }, "endTime", "ends-before-start"],
    [{ joinUrl: "http://zoom.us/j/1" }, "joinUrl", "invalid-url"],
    [{ joinUrl: "javascript:alert(1)" }, "joinUrl", "invalid-url"],
  ])("%j: %s is %s", (change, field, code) => {
    const result = parseSessionForm(form(change), cohort, slugs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toBe(code);
  });
});

describe("parseSessionForm, several mistakes", () => {
  it("reports every problem at once, not only the first kind", () => {
    const cohort = { timeZone: "UTC", startsOn: at("2021-12-15T00:00:00Z"), endsOn: at("2021-12-15T00:00:00Z") };
    expect(
      parseSessionForm(
        { lectureSlug: "", date: "2021-12-20", startTime: "10:00", endTime: "09:00", joinUrl: "http://x" },
        cohort,
        ["one"],
      ),
    ).toEqual({
      ok: false,
      errors: { lectureSlug: "required", date: "outside-cohort", endTime: "ends-before-start", joinUrl: "invalid-url" },
    });
  });
});

describe("buildCalendar", () => {
  const session = {
    id: "s1",
    title: "Lecture 1: Policy, practice",
    description: "Dr Zhang; online",
    startsAt: at("2021-12-15T04:00:00Z"),
    endsAt: at("2021-12-15T05:00:00Z"),
    url: "http://localhost:3000/lectures/one",
    joinUrl: "https://zoom.us/j/123",
    updatedAt: at("2021-12-01T00:00:00Z"),
  };

  it("writes one event per session in UTC, with a stable id and the join link", () => {
    const ics = buildCalendar({
      name: "4th Programme",
      sessions: [
        session,
        {
          ...session,
          id: "s2",
          joinUrl: null,
          startsAt: at("2021-12-16T04:00:00Z"),
          endsAt: at("2021-12-16T05:30:00Z"),
        },
      ],
    });
    const unfolded = ics.replace(/\r?\n[ \t]/g, "");
    expect(unfolded).toMatch(/^BEGIN:VCALENDAR/);
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(unfolded).toContain("UID:s1@btbu-ecosf-training");
    expect(unfolded).toContain("DTSTART:20211215T040000Z");
    expect(unfolded).toContain("DTEND:20211215T050000Z");
    expect(unfolded).toContain("DTEND:20211216T053000Z");
    expect(unfolded).toContain("SUMMARY:Lecture 1: Policy\\, practice");
    expect(unfolded).toContain("LOCATION:https://zoom.us/j/123");
    expect(unfolded).toContain("LOCATION:Online");
    expect(unfolded).toContain("X-WR-CALNAME:4th Programme");
    // Each event carries a reminder an hour before, as the e-mailed one.
    expect(
      unfolded.match(
        /BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:The live session starts in one hour\r\nTRIGGER:-PT1H\r\nEND:VALARM/g,
      ),
    ).toHaveLength(2);
  });

  it("writes a valid, empty calendar when nothing is scheduled", () => {
    const ics = buildCalendar({ name: "Empty, for now", sessions: [] });
    expect(ics).toBe(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:btbu-ecosf-training/ics\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:Empty\\, for now\r\nEND:VCALENDAR\r\n",
    );
  });
});
