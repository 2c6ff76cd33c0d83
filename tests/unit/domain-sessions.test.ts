import { describe, expect, it } from "vitest";
import { roleChangeAllowed, SESSION_POLICY, sessionEnd, sessionState } from "@/lib/domain/sessions";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const signIn = new Date("2026-03-01T09:00:00Z");
const at = (ms: number) => new Date(signIn.getTime() + ms);

describe("sessionState", () => {
  const cases: { name: string; lastUsed: number; expires: number; now: number; want: string }[] = [
    { name: "fresh, used a minute ago", lastUsed: 0, expires: 30 * DAY, now: 60_000, want: "live" },
    { name: "used two hours ago: recorded again", lastUsed: 0, expires: 30 * DAY, now: 2 * HOUR, want: "touch" },
    { name: "idle just under 7 days", lastUsed: DAY, expires: 30 * DAY, now: 8 * DAY - 1, want: "touch" },
    { name: "idle exactly 7 days", lastUsed: DAY, expires: 30 * DAY, now: 8 * DAY, want: "idle" },
    {
      name: "idle 8 days although the stored expiry is later",
      lastUsed: 2 * DAY,
      expires: 32 * DAY,
      now: 10 * DAY,
      want: "idle",
    },
    {
      name: "used an hour ago, 30 days after sign-in",
      lastUsed: 30 * DAY - HOUR,
      expires: 60 * DAY,
      now: 30 * DAY,
      want: "absolute",
    },
    {
      name: "29 days after sign-in, in daily use",
      lastUsed: 29 * DAY - HOUR,
      expires: 59 * DAY,
      now: 29 * DAY,
      want: "touch",
    },
    { name: "stored expiry passed (signed out)", lastUsed: 0, expires: 10 * 60_000, now: 20 * 60_000, want: "expired" },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.want}`, () => {
      const state = sessionState({ createdAt: signIn, lastUsedAt: at(c.lastUsed), expires: at(c.expires) }, at(c.now));
      const got = !state.live ? state.reason : state.touch ? "touch" : "live";
      expect(got).toBe(c.want);
    });
  }

  it("moves the stored expiry to the idle limit, never past the absolute lifetime", () => {
    const early = sessionState({ createdAt: signIn, lastUsedAt: signIn, expires: at(30 * DAY) }, at(2 * DAY));
    expect(early).toEqual({ live: true, touch: { lastUsedAt: at(2 * DAY), expires: at(9 * DAY) } });
    const late = sessionState({ createdAt: signIn, lastUsedAt: at(25 * DAY), expires: at(55 * DAY) }, at(27 * DAY));
    expect(late).toEqual({ live: true, touch: { lastUsedAt: at(27 * DAY), expires: at(30 * DAY) } });
  });
});

describe("sessionEnd", () => {
  it("is the earliest of the absolute lifetime, the idle limit and the stored expiry", () => {
    expect(sessionEnd({ createdAt: signIn, lastUsedAt: signIn, expires: at(30 * DAY) })).toEqual(at(7 * DAY));
    expect(sessionEnd({ createdAt: signIn, lastUsedAt: at(28 * DAY), expires: at(58 * DAY) })).toEqual(at(30 * DAY));
    expect(sessionEnd({ createdAt: signIn, lastUsedAt: signIn, expires: at(HOUR) })).toEqual(at(HOUR));
    expect(SESSION_POLICY.absoluteSeconds).toBe(30 * 24 * 60 * 60);
    expect(SESSION_POLICY.idleSeconds).toBe(7 * 24 * 60 * 60);
  });
});

describe("roleChangeAllowed", () => {
  const cases = [
    { from: "ADMIN", to: "PARTICIPANT", admins: 1, want: false },
    { from: "ADMIN", to: "PARTICIPANT", admins: 2, want: true },
    { from: "PARTICIPANT", to: "ADMIN", admins: 1, want: true },
    { from: "ADMIN", to: "ADMIN", admins: 1, want: true },
    { from: "PARTICIPANT", to: "PARTICIPANT", admins: 0, want: true },
    { from: "ADMIN", to: "ORGANISER", admins: 1, want: false },
    { from: "ADMIN", to: "ORGANISER", admins: 2, want: true },
    { from: "ORGANISER", to: "ADMIN", admins: 1, want: true },
    { from: "ORGANISER", to: "PARTICIPANT", admins: 1, want: true },
    { from: "PARTICIPANT", to: "ORGANISER", admins: 1, want: true },
  ] as const;
  for (const c of cases) {
    it(`${c.from} -> ${c.to} with ${c.admins} admin(s): ${c.want ? "allowed" : "refused"}`, () => {
      expect(roleChangeAllowed(c)).toBe(c.want);
    });
  }
});
