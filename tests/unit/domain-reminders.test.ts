import { describe, expect, it } from "vitest";
import {
  quizClosingNoticeAt,
  quizClosingTargets,
  reminderStillUseful,
  reminderTimes,
  type ReminderKind,
} from "@/lib/domain/reminders";
import { composeSessionReminder } from "@/lib/mail/session-reminder";

const at = (iso: string) => new Date(iso);
const START = at("2026-12-15T06:00:00Z");

describe("reminderTimes", () => {
  it.each([
    ["two days ahead: both", "2026-12-13T06:00:00Z", "2026-12-14T06:00:00.000Z", "2026-12-15T05:00:00.000Z"],
    ["just over a day ahead: both", "2026-12-14T05:59:00Z", "2026-12-14T06:00:00.000Z", "2026-12-15T05:00:00.000Z"],
    ["exactly a day ahead: only the 1-hour one", "2026-12-14T06:00:00Z", null, "2026-12-15T05:00:00.000Z"],
    ["three hours ahead: only the 1-hour one", "2026-12-15T03:00:00Z", null, "2026-12-15T05:00:00.000Z"],
    ["40 minutes ahead: none", "2026-12-15T05:20:00Z", null, null],
    ["started: none", "2026-12-15T07:00:00Z", null, null],
  ])("%s", async (_, now, day, hour) => {
    const times = reminderTimes(START, at(now));
    expect(times["24h"]?.toISOString() ?? null).toBe(day);
    expect(times["1h"]?.toISOString() ?? null).toBe(hour);
  });
});

describe("reminderStillUseful", () => {
  it.each<[ReminderKind, string, boolean]>([
    ["24h", "2026-12-14T06:00:00Z", true], // on time
    ["24h", "2026-12-15T04:00:00Z", true], // two hours late: still two hours ahead
    ["24h", "2026-12-15T05:30:00Z", false], // within the last hour: the 1-hour one says it
    ["1h", "2026-12-15T05:00:00Z", true],
    ["1h", "2026-12-15T05:59:00Z", true],
    ["1h", "2026-12-15T06:00:00Z", false], // started
    ["24h", "2026-12-16T00:00:00Z", false],
  ])("the %s reminder at %s: %s", async (kind, now, useful) => {
    expect(reminderStillUseful(kind, START, at(now))).toBe(useful);
  });
});

describe("composeSessionReminder", () => {
  const base = {
    name: "Bilal Qureshi",
    cohort: "STI Policy, December 2026",
    lecture: { number: 3, title: "Pakistan's STI policy" },
    startsAt: START,
    joinUrl: "https://zoom.us/j/123?pwd=a&b",
    courseUrl: "https://training.example.org/dashboard",
    siteName: "BTBU-ECOSF Joint Training Center",
    unsubscribeUrl: "https://training.example.org/unsubscribe?u=u1&k=reminder&t=tok",
  };
  it.each([
    ["Asia/Karachi", "11:00", "Pakistan Standard Time"],
    ["Asia/Tehran", "9:30", "Iran Standard Time"],
    ["Asia/Shanghai", "2:00", "China Standard Time"],
  ])("gives the time in the recipient's zone (%s)", async (timeZone, time, zone) => {
    const mail = await composeSessionReminder({ ...base, kind: "1h", timeZone });
    expect(mail.subject).toBe("In one hour: Lecture 3: Pakistan's STI policy");
    expect(mail.text).toContain(time);
    expect(mail.text).toContain(zone);
    expect(mail.text).toContain("Tuesday, December 15, 2026");
    expect(mail.text).toContain("https://zoom.us/j/123?pwd=a&b");
    // Escaped in the HTML part.
    expect(mail.html).toContain("https://zoom.us/j/123?pwd=a&amp;b");
    expect(mail.html).not.toContain('&b"');
  });

  it("the day before, and without a join link yet, says where it will be", async () => {
    const mail = await composeSessionReminder({ ...base, kind: "24h", timeZone: "Asia/Karachi", joinUrl: null });
    expect(mail.subject).toBe("Tomorrow: Lecture 3: Pakistan's STI policy");
    expect(mail.text).toContain("is tomorrow");
    expect(mail.text).toContain("The organisers will share the link to join on your course page.");
    expect(mail.text).toContain("https://training.example.org/dashboard");
  });

  it("escapes names in the HTML part", async () => {
    const mail = await composeSessionReminder({ ...base, kind: "1h", timeZone: "UTC", name: "<b>Eve</b>" });
    expect(mail.html).toContain("&lt;b&gt;Eve&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>Eve</b>");
  });

  it("ends with the link that stops reminders, in both parts", async () => {
    const mail = await composeSessionReminder({ ...base, kind: "1h", timeZone: "UTC" });
    expect(mail.text).toContain("To stop them, open https://training.example.org/unsubscribe?u=u1&k=reminder&t=tok");
    expect(mail.html).toContain('href="https://training.example.org/unsubscribe?u=u1&amp;k=reminder&amp;t=tok"');
  });
});

describe("quiz closing notices", () => {
  const closesAt = new Date("2021-12-20T12:00:00Z");
  it.each([
    ["2021-12-18T12:00:00Z", "2021-12-19T12:00:00.000Z"],
    ["2021-12-19T11:59:00Z", "2021-12-19T12:00:00.000Z"],
    ["2021-12-19T12:00:00Z", null],
    ["2021-12-20T13:00:00Z", null],
  ])("planned at %s: %s", async (now, at) => {
    expect(quizClosingNoticeAt(closesAt, new Date(now))?.toISOString() ?? null).toBe(at);
  });

  it("tells each person the quizzes they can still pass, less those with a closing time of their own", async () => {
    const quiz = (slug: string, state: string) => ({ kind: "quiz" as const, slug, state });
    const eligibility = new Map([
      ["done", { missing: [] }],
      ["two", { missing: [quiz("a", "not-started"), quiz("b", "retry")] }],
      ["spent", { missing: [quiz("a", "no-attempts-left")] }],
      ["own", { missing: [quiz("a", "in-progress"), quiz("b", "not-started")] }],
      ["absent", { missing: [{ kind: "attendance" as const }] }],
    ]);
    expect(quizClosingTargets(eligibility, new Set(["own:b"]))).toEqual(
      new Map([
        ["two", ["a", "b"]],
        ["own", ["a"]],
      ]),
    );
  });
});
