import { describe, expect, it } from "vitest";
import { checkInCode, isValidCheckInCode, secondsToNextCode } from "@/lib/auth/check-in-codes";

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
});
