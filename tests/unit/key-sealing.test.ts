import { afterEach, describe, expect, it, vi } from "vitest";
import { authSecret } from "@/lib/auth/secret";
import { openJwk, sealJwk } from "@/lib/certificates/key-sealing";
import { generateIssuerKey } from "@/lib/certificates/keys";

describe("the signing key sealed under the deployment's secret", () => {
  it("opens under the same secret and key id, and holds nothing of the key in the clear", async () => {
    const key = await generateIssuerKey();
    const sealed = sealJwk(key.privateJwk, key.kid, "secret-one");
    expect(JSON.stringify(sealed)).not.toContain(key.privateJwk.d);
    expect(sealed.sealed).toBe("A256GCM-HKDF-SHA256");
    expect(openJwk(sealed, key.kid, "secret-one")).toEqual(key.privateJwk);
    // A fresh IV each time: the same key sealed twice differs.
    expect(sealJwk(key.privateJwk, key.kid, "secret-one").data).not.toBe(sealed.data);
  });

  type Sealed = ReturnType<typeof sealJwk>;
  /** The text with its first character changed. */
  const flip = (text: string) => `${text.startsWith("A") ? "B" : "A"}${text.slice(1)}`;
  it.each([
    ["another secret", (s: Sealed) => s, "secret-two", undefined],
    ["another key's id", (s: Sealed) => s, "secret-one", "another-kid"],
    ["an altered ciphertext", (s: Sealed) => ({ ...s, data: flip(s.data) }), "secret-one", undefined],
    ["an altered tag", (s: Sealed) => ({ ...s, tag: flip(s.tag) }), "secret-one", undefined],
    ["a malformed IV", (s: Sealed) => ({ ...s, iv: "" }), "secret-one", undefined],
  ])("does not open with %s", async (_what, alter, secret, kid) => {
    const key = await generateIssuerKey();
    const sealed = alter(sealJwk(key.privateJwk, key.kid, "secret-one"));
    expect(openJwk(sealed, kid ?? key.kid, secret)).toBeUndefined();
  });

  afterEach(() => vi.unstubAllEnvs());
  it("is sealed under AUTH_SECRET (or NEXTAUTH_SECRET); with neither, the secret is said to be missing", () => {
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("AUTH_SECRET", "a");
    expect(authSecret()).toBe("a");
    vi.stubEnv("AUTH_SECRET", undefined);
    vi.stubEnv("NEXTAUTH_SECRET", "b");
    expect(authSecret()).toBe("b");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    expect(() => authSecret()).toThrow("AUTH_SECRET is not set");
  });
});
