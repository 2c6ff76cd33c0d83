import { describe, expect, it } from "vitest";
import {
  checkInCode,
  codeSeenAt,
  isValidCheckInCode,
  readCheckInPass,
  secondsToNextCode,
  signCheckInPass,
} from "@/lib/auth/check-in-codes";

const secret = "a-session-secret";
const at = (iso: string) => new Date(iso);

describe("check-in codes", () => {
  it("are six digits, the same within a 30-second step, different in the next", () => {
    const code = checkInCode(secret, at("2026-12-01T04:00:00Z"));
    expect(code).toMatch(/^\d{6}$/);
    expect(checkInCode(secret, at("2026-12-01T04:00:29.999Z"))).toBe(code);
    expect(checkInCode(secret, at("2026-12-01T04:00:30Z"))).not.toBe(code);
    expect(checkInCode("another-secret", at("2026-12-01T04:00:00Z"))).not.toBe(code);
  });

  it.each([
    ["the current code", "2026-12-01T04:00:10Z", true],
    ["the code of the step before (read just before it changed)", "2026-12-01T04:00:40Z", true],
    ["a code two steps old", "2026-12-01T04:01:05Z", false],
    ["a code of the next step (not yet shown)", "2026-12-01T03:59:50Z", false],
  ])("accepts %s: %s -> %s", (_what, now, ok) => {
    const shown = checkInCode(secret, at("2026-12-01T04:00:05Z"));
    expect(isValidCheckInCode(secret, shown, at(now))).toBe(ok);
  });

  it.each(["", "12345", "1234567", "abcdef", "12 34 5"])("refuses the malformed code %j", (code) => {
    expect(isValidCheckInCode(secret, code, at("2026-12-01T04:00:00Z"))).toBe(false);
  });

  it("accepts a code typed with a space, and says when it changes", () => {
    const code = checkInCode(secret, at("2026-12-01T04:00:00Z"));
    expect(isValidCheckInCode(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at("2026-12-01T04:00:01Z"))).toBe(true);
    expect(secondsToNextCode(at("2026-12-01T04:00:05Z"))).toBe(25);
  });

  it("accepts a code typed in Persian, Arabic-Indic or full-width digits", () => {
    const code = checkInCode(secret, at("2026-12-01T04:00:00Z"));
    for (const zero of [0x06f0, 0x0660, 0xff10]) {
      const typed = [...code].map((d) => String.fromCodePoint(zero + Number(d))).join("");
      expect(isValidCheckInCode(secret, typed, at("2026-12-01T04:00:01Z"))).toBe(true);
    }
  });
});

describe("check-in passes (a QR link's code carried through sign-in)", () => {
  const key = "server-key";
  const scanned = { code: "123456", seenAt: at("2026-12-01T04:00:07Z") };
  const pass = signCheckInPass(key, "session-1", scanned);
  const [code, seconds, mac] = pass.split(".") as [string, string, string];

  it.each([
    ["at once", "session-1", pass, "2026-12-01T04:00:07Z", true],
    ["twenty minutes later", "session-1", pass, "2026-12-01T04:20:07Z", true],
    ["after twenty minutes", "session-1", pass, "2026-12-01T04:20:08Z", false],
    ["for another session", "session-2", pass, "2026-12-01T04:01:00Z", false],
    [
      "made by another key",
      "session-1",
      signCheckInPass("other-key", "session-1", scanned),
      "2026-12-01T04:01:00Z",
      false,
    ],
    ["with its code changed", "session-1", `654321.${seconds}.${mac}`, "2026-12-01T04:01:00Z", false],
    ["with its time moved on", "session-1", `${code}.${Number(seconds) + 600}.${mac}`, "2026-12-01T04:11:00Z", false],
    ["from the future", "session-1", pass, "2026-12-01T03:59:00Z", false],
    ["malformed", "session-1", "123456", "2026-12-01T04:01:00Z", false],
  ])("a pass read %s is accepted: %s", (_when, sessionId, given, now, ok) => {
    expect(readCheckInPass(key, sessionId, given, at(now))).toEqual(ok ? scanned : undefined);
  });
});

describe("when a code counts as seen (the pass's time, or now)", () => {
  const key = "server-key";
  const scanned = { code: "123456", seenAt: at("2026-12-01T04:00:07Z") };
  const pass = signCheckInPass(key, "session-1", scanned);
  const now = "2026-12-01T04:05:00Z";

  it.each([
    ["the code the pass carries", "123456", pass, "session-1", now, scanned.seenAt.toISOString()],
    ["that code with spaces", "123 456", pass, "session-1", now, scanned.seenAt.toISOString()],
    ["another code than the pass's", "654321", pass, "session-1", now, now],
    ["a code with no pass", "123456", "", "session-1", now, now],
    ["a pass of another session", "123456", pass, "session-2", now, now],
    ["a pass gone stale", "123456", pass, "session-1", "2026-12-01T04:30:00Z", "2026-12-01T04:30:00Z"],
  ])("%s", (_case, code, given, sessionId, nowIso, expected) => {
    expect(codeSeenAt(key, sessionId, code, given, at(nowIso)).toISOString()).toBe(new Date(expected).toISOString());
  });
});
