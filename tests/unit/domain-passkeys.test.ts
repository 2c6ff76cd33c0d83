import { describe, expect, it } from "vitest";
import {
  challengeExpiry,
  defaultPasskeyName,
  needsPasskeyCheck,
  relyingPartyOf,
  removalNeedsCheck,
} from "@/lib/domain/passkeys";
import { ZAuthenticationResponse, ZPasskeyName, ZRegistrationResponse } from "@/lib/schemas/passkeys";

describe("relyingPartyOf", () => {
  it.each([
    ["http://localhost:3200", "localhost", "http://localhost:3200"],
    ["https://training.example.org", "training.example.org", "https://training.example.org"],
    ["https://training.example.org/some/path?x=1", "training.example.org", "https://training.example.org"],
    ["https://Training.Example.org:8443", "training.example.org", "https://training.example.org:8443"],
  ])("%s: RP ID %s, origin %s", (site, id, origin) => {
    expect(relyingPartyOf(site)).toEqual({ id, origin });
  });
});

describe("needsPasskeyCheck", () => {
  const at = new Date("2026-06-15T12:00:00Z");
  it.each<[string, { role: string; passkeys: number; secondFactorAt: Date | null }, boolean]>([
    ["admin with a passkey, session not checked", { role: "ADMIN", passkeys: 1, secondFactorAt: null }, true],
    ["admin with two passkeys, session not checked", { role: "ADMIN", passkeys: 2, secondFactorAt: null }, true],
    ["admin with a passkey, session checked", { role: "ADMIN", passkeys: 1, secondFactorAt: at }, false],
    ["admin without a passkey", { role: "ADMIN", passkeys: 0, secondFactorAt: null }, false],
    ["participant (no second factor)", { role: "PARTICIPANT", passkeys: 1, secondFactorAt: null }, false],
  ])("%s: %s", (_case, state, expected) => {
    expect(needsPasskeyCheck(state)).toBe(expected);
  });
});

describe("removalNeedsCheck", () => {
  it.each([
    [1, true],
    [2, false],
    [5, false],
  ])("with %i passkeys: %s", (count, expected) => {
    expect(removalNeedsCheck(count)).toBe(expected);
  });
});

describe("challengeExpiry", () => {
  it("is five minutes after the challenge is made", () => {
    expect(challengeExpiry(new Date("2026-06-15T12:00:00Z"))).toEqual(new Date("2026-06-15T12:05:00Z"));
  });
});

describe("defaultPasskeyName", () => {
  it.each<[string[], string]>([
    [[], "Passkey 1"],
    [["Laptop"], "Passkey 2"],
    [["Passkey 2"], "Passkey 3"],
    [["Passkey 1", "Passkey 2"], "Passkey 3"],
  ])("after %j: %s", (existing, expected) => {
    expect(defaultPasskeyName(existing)).toBe(expected);
  });
});

describe("passkey input schemas", () => {
  it("trims a name and refuses one of more than 60 characters", () => {
    expect(ZPasskeyName.parse("  Laptop  ")).toBe("Laptop");
    expect(ZPasskeyName.safeParse("x".repeat(61)).success).toBe(false);
  });

  const assertion = {
    id: "AbC-_1",
    rawId: "AbC-_1",
    type: "public-key",
    response: { clientDataJSON: "eyJ9", authenticatorData: "AAAA", signature: "MEUC" },
    clientExtensionResults: {},
  };

  it("accepts an authentication answer's shape, and refuses a wrong type or non-base64url fields", () => {
    expect(ZAuthenticationResponse.safeParse(assertion).success).toBe(true);
    expect(ZAuthenticationResponse.safeParse({ ...assertion, type: "password" }).success).toBe(false);
    expect(ZAuthenticationResponse.safeParse({ ...assertion, id: "not base64url!" }).success).toBe(false);
    expect(ZAuthenticationResponse.safeParse({ ...assertion, response: { clientDataJSON: "eyJ9" } }).success).toBe(
      false,
    );
  });

  it("refuses a registration answer without its attestation object", () => {
    const registration = {
      ...assertion,
      response: { clientDataJSON: "eyJ9", attestationObject: "o2Nm", transports: ["internal"] },
    };
    expect(ZRegistrationResponse.safeParse(registration).success).toBe(true);
    expect(ZRegistrationResponse.safeParse({ ...registration, response: { clientDataJSON: "eyJ9" } }).success).toBe(
      false,
    );
  });
});
