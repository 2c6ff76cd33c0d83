import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { calculateJwkThumbprint, importJWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOpenBadgeCredential,
  CLOCK_TOLERANCE_SECONDS,
  recipientNames,
  signCredential,
  verifyCredentialJwt,
  type TCredentialInput,
  type TJwks,
  type VerifyOptions,
} from "@/lib/certificates/credential";
import { generateIssuerKey, jwksFor, type IssuerKey } from "@/lib/certificates/keys";
import { buildStatusListCredential, decodeStatusList, encodeStatusList } from "@/lib/certificates/status-list";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ORIGIN = "http://localhost:3000";
const ISSUED = new Date("2025-06-01T10:00:00Z");
const NOW = new Date("2025-07-01T00:00:00Z");
const STATUS_URL = `${ORIGIN}/api/credentials/status/1`;

const input = (over: Partial<TCredentialInput> = {}): TCredentialInput => ({
  origin: ORIGIN,
  code: "K7QX-M2PA",
  issuedAt: ISSUED,
  name: "Ali Rezaei",
  nativeName: "علی رضایی",
  statusIndex: 42,
  achievement: {
    name: "2025 Edition: STI Policy",
    description: "Online programme on STI policy.",
    criteria: "Attended the lectures and passed each quiz.",
  },
  issuerName: "BTBU-ECOSF Joint Training Center",
  ...over,
});

let key: IssuerKey;
let other: IssuerKey;
let jwks: TJwks;
let jwt: string;

beforeAll(async () => {
  [key, other] = await Promise.all([generateIssuerKey(), generateIssuerKey()]);
  jwks = jwksFor([key.publicJwk]);
  jwt = await signCredential(buildOpenBadgeCredential(input()), key.privateJwk);
});

const verify = (token: string, options: Partial<VerifyOptions> = {}) =>
  verifyCredentialJwt(token, { jwks, now: NOW, ...options });
const parts = (token: string) => token.split(".") as [string, string, string];
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const decoded = (part: string) => Buffer.from(part, "base64url");
/** Every single-byte change of `bytes`, each re-encoded into a token by `rebuild`. */
function* everyByteChanged(bytes: Buffer, rebuild: (changed: Buffer) => string) {
  for (let i = 0; i < bytes.length; i++) {
    const changed = Buffer.from(bytes);
    changed[i] = bytes[i] === 0x58 ? 0x59 : 0x58; // "X", or "Y" where it already was "X"
    yield rebuild(changed);
  }
}
async function signRaw(payload: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const protectedHeader = { alg: "EdDSA", typ: "JWT", kid: key.kid, ...header };
  return new SignJWT(payload).setProtectedHeader(protectedHeader).sign(await importJWK(key.privateJwk, "EdDSA"));
}
const signedList = async (revokedIndexes: number[], signer = key, origin = ORIGIN, validFrom = ISSUED) =>
  signCredential(buildStatusListCredential({ origin, revokedIndexes, validFrom }), signer.privateJwk);
const genuinePayload = () => JSON.parse(decoded(parts(jwt)[1]).toString("utf8")) as Record<string, unknown>;

describe("issuer keys", () => {
  it("names each key by its RFC 7638 thumbprint and keeps the private part out of the public JWK", async () => {
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk));
    expect(key.publicJwk).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: key.privateJwk.x,
      kid: key.kid,
      alg: "EdDSA",
      use: "sig",
    });
    expect(key.privateJwk).toMatchObject({ kid: key.kid, alg: "EdDSA", use: "sig", d: expect.any(String) });
    expect(other.kid).not.toBe(key.kid);
  });

  it('never publishes "d", even when handed the private JWK', async () => {
    const published = jwksFor([key.privateJwk, other.publicJwk]);
    expect(JSON.stringify(published)).not.toMatch(/"d"/);
    expect(published.keys).toEqual([key.publicJwk, other.publicJwk]);
    expect((await verify(jwt, { jwks: published })).valid).toBe(true);
  });
});

describe("a signed certificate credential", () => {
  it("verifies and returns the credential, with the OB 3.0 VC-JWT header and claims", async () => {
    const result = await verify(jwt);
    expect(result).toMatchObject({ valid: true, revoked: false, statusChecked: false });
    if (!result.valid) return;
    expect(result.credential.id).toBe(`${ORIGIN}/verify/K7QX-M2PA`);
    expect(recipientNames(result.credential)).toEqual(["Ali Rezaei", "علی رضایی"]);
    expect(result.credential).not.toHaveProperty("iss");
    expect(JSON.parse(decoded(parts(jwt)[0]).toString())).toEqual({ alg: "EdDSA", typ: "JWT", kid: key.kid });
    expect(genuinePayload()).toMatchObject({
      iss: `${ORIGIN}/api/credentials/issuer`,
      jti: `${ORIGIN}/verify/K7QX-M2PA`,
      nbf: ISSUED.getTime() / 1000,
      sub: `${ORIGIN}/verify/K7QX-M2PA#recipient`,
      validFrom: "2025-06-01T10:00:00Z",
      credentialStatus: { statusListIndex: "42", statusListCredential: STATUS_URL, statusPurpose: "revocation" },
    });
  });

  it("accepts the file's text with surrounding whitespace", async () => {
    expect((await verify(`\n  ${jwt}\r\n\n`)).valid).toBe(true);
  });

  it("fails when any byte of the payload JSON changes", async () => {
    const [header, payload, signature] = parts(jwt);
    const bytes = decoded(payload);
    expect(bytes.length).toBeGreaterThan(1000);
    let tried = 0;
    for (const token of everyByteChanged(bytes, (changed) => `${header}.${b64(changed)}.${signature}`)) {
      const result = await verify(token);
      expect(result, `payload byte ${tried}`).toEqual({
        valid: false,
        reason: expect.stringMatching(/signature does not match/),
      });
      tried++;
    }
    expect(tried).toBe(bytes.length);
  });

  it("fails when any byte of the header or of the signature changes", async () => {
    const [header, payload, signature] = parts(jwt);
    const tokens = [
      ...everyByteChanged(decoded(header), (changed) => `${b64(changed)}.${payload}.${signature}`),
      ...everyByteChanged(decoded(signature), (changed) => `${header}.${payload}.${b64(changed)}`),
    ];
    expect(tokens.length).toBe(decoded(header).length + 64);
    for (const [i, token] of tokens.entries()) expect((await verify(token)).valid, `token ${i}`).toBe(false);
  });

  it("fails when any character of the file changes, including ones base64url would otherwise ignore", async () => {
    // Flipping the lowest of a character's six bits: in a segment's last character that bit is
    // padding, which lenient decoders drop, so only a strict verifier notices.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (let i = 0; i < jwt.length; i++) {
      const c = jwt[i]!;
      const token = jwt.slice(0, i) + (c === "." ? "A" : alphabet[alphabet.indexOf(c) ^ 1]) + jwt.slice(i + 1);
      expect((await verify(token)).valid, `character ${i}`).toBe(false);
    }
  });

  it("fails when signed by another key, whether it names its own kid or ours", async () => {
    const own = await signCredential(buildOpenBadgeCredential(input()), other.privateJwk);
    expect(await verify(own)).toEqual({ valid: false, reason: expect.stringMatching(/not in the issuer's key set/) });
    const impostor = await signCredential(buildOpenBadgeCredential(input()), { ...other.privateJwk, kid: key.kid });
    expect(await verify(impostor)).toEqual({ valid: false, reason: expect.stringMatching(/signature does not match/) });
  });

  it('fails with alg "none", with HS256 keyed by the public key, and with an unknown kid', async () => {
    const [, payload] = parts(jwt);
    const none = `${b64(JSON.stringify({ alg: "none", typ: "JWT", kid: key.kid }))}.${payload}.`;
    expect((await verify(none)).valid).toBe(false);
    const hsHeader = b64(JSON.stringify({ alg: "HS256", typ: "JWT", kid: key.kid }));
    for (const secret of [JSON.stringify(key.publicJwk), decoded(key.publicJwk.x!)]) {
      const mac = createHmac("sha256", secret).update(`${hsHeader}.${payload}`).digest();
      expect(await verify(`${hsHeader}.${payload}.${b64(mac)}`)).toEqual({
        valid: false,
        reason: expect.stringMatching(/HS256 is not accepted/),
      });
    }
    const unknownKid = await signRaw(genuinePayload(), { kid: "not-a-published-key" });
    expect(await verify(unknownKid)).toEqual({
      valid: false,
      reason: expect.stringMatching(/not in the issuer's key set/),
    });
  });

  it("is not valid before its validFrom", async () => {
    expect(await verify(jwt, { now: new Date(ISSUED.getTime() - 60_000) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/not valid yet/),
    });
    const future = await signCredential(
      buildOpenBadgeCredential(input({ issuedAt: new Date(NOW.getTime() + 86_400_000) })),
      key.privateJwk,
    );
    expect((await verify(future)).valid).toBe(false);
  });

  it.each<[string, (p: Record<string, unknown>) => void, RegExp]>([
    ["iss is not issuer.id", (p) => (p.iss = "https://elsewhere.example/issuer"), /iss claim/],
    ["jti is not the id", (p) => (p.jti = `${ORIGIN}/verify/OTHER-CODE`), /jti claim/],
    ["nbf is not validFrom", (p) => (p.nbf = (p.nbf as number) - 1), /nbf claim/],
    ["sub is not credentialSubject.id", (p) => (p.sub = "did:example:someone-else"), /sub claim/],
    ["sub is missing", (p) => delete p.sub, /sub/],
    ["an exp without validUntil", (p) => (p.exp = NOW.getTime() / 1000 + 3600), /exp claim/],
    ["type lacks OpenBadgeCredential", (p) => (p.type = ["VerifiableCredential"]), /type must include/],
    ["no achievement", (p) => delete (p.credentialSubject as Record<string, unknown>).achievement, /achievement/],
  ])("fails, though properly signed, when %s", async (_, mutate, reason) => {
    const payload = genuinePayload();
    mutate(payload);
    expect(await verify(await signRaw(payload))).toEqual({ valid: false, reason: expect.stringMatching(reason) });
  });

  it("rejects extra JOSE header parameters, which OB 3.0 does not allow", async () => {
    expect(await verify(await signRaw(genuinePayload(), { jwk: key.publicJwk }))).toEqual({
      valid: false,
      reason: expect.stringMatching(/unexpected JWT header/),
    });
  });
});

describe("Bitstring Status List", () => {
  const unzip = (encoded: string) => gunzipSync(decoded(encoded.slice(1)));

  it("puts index 0 at the left-most bit of the first byte (hand-computed vector)", () => {
    const encoded = encodeStatusList([0, 9, 15, 131_071]);
    expect(encoded[0]).toBe("u");
    const bytes = unzip(encoded);
    expect(bytes.length).toBe(16_384);
    // 0 -> 0b1000_0000 of byte 0; 9 and 15 -> 0b0100_0001 of byte 1; 131071 -> the last bit.
    expect([bytes[0], bytes[1], bytes[16_383]]).toEqual([0x80, 0x41, 0x01]);
    expect(bytes.subarray(2, 16_383).every((b) => b === 0)).toBe(true);
  });

  it("reads a hand-built list the same way", () => {
    const bytes = new Uint8Array(16_384);
    bytes[0] = 0x01; // index 7
    bytes[2] = 0x80; // index 16
    const bits = decodeStatusList(`u${gzipSync(bytes).toString("base64url")}`);
    expect(bits.size).toBe(131_072);
    expect([0, 6, 7, 8, 15, 16, 17].map(bits)).toEqual([false, false, true, false, false, true, false]);
  });

  it("round-trips, and decodes the spec's Example 3 list as all unset", () => {
    const set = [0, 7, 8, 42, 4095, 100_000, 131_071];
    const bits = decodeStatusList(encodeStatusList(set));
    expect(Array.from({ length: bits.size }, (_, i) => i).filter(bits)).toEqual(set);
    const example = decodeStatusList("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");
    expect(example.size).toBe(131_072);
    expect(Array.from({ length: example.size }, (_, i) => i).some(example)).toBe(false);
  });

  it("rejects a list without the Multibase prefix and indexes outside the list", () => {
    expect(() => decodeStatusList(encodeStatusList([1]).slice(1))).toThrow(/start with 'u'/);
    expect(() => decodeStatusList(encodeStatusList([]))(131_072)).toThrow(RangeError);
    expect(() => encodeStatusList([131_072])).toThrow(RangeError);
  });

  const serving = (listJwt: string | null) => async (url: string) => (url === STATUS_URL ? listJwt : null);

  it("reports a revoked index as revoked, and others as checked and not revoked", async () => {
    expect(await verify(jwt, { statusList: serving(await signedList([42])) })).toMatchObject({
      valid: true,
      revoked: true,
      statusChecked: true,
    });
    expect(await verify(jwt, { statusList: serving(await signedList([41, 43])) })).toMatchObject({
      valid: true,
      revoked: false,
      statusChecked: true,
    });
  });

  it("fails, rather than passing as not revoked, when the status list is tampered with or not the issuer's", async () => {
    const [header, payload, signature] = parts(await signedList([42]));
    const list = JSON.parse(decoded(payload).toString());
    list.credentialSubject.encodedList = encodeStatusList([]);
    const tampered = `${header}.${b64(JSON.stringify(list))}.${signature}`;
    expect(await verify(jwt, { statusList: serving(tampered) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/status list failed verification.*signature/),
    });
    expect((await verify(jwt, { statusList: serving(await signedList([], other)) })).valid).toBe(false);
    const cleanList = buildStatusListCredential({ origin: ORIGIN, revokedIndexes: [], validFrom: ISSUED });
    const anotherList = await signCredential(
      { ...cleanList, id: `${ORIGIN}/api/credentials/status/2` },
      key.privateJwk,
    );
    expect(await verify(jwt, { statusList: serving(anotherList) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/status\/2, not/),
    });
    const anotherIssuer = await signCredential(
      { ...cleanList, issuer: "https://elsewhere.example/issuer" },
      key.privateJwk,
    );
    expect(await verify(jwt, { statusList: serving(anotherIssuer) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/different issuer/),
    });
  });

  it("accepts a list signed a moment after the verifier read its clock, not one from well in the future", async () => {
    // The list is signed on request: the second may tick over between reading `now` and signing it.
    const justAfter = await signedList([42], key, ORIGIN, new Date(NOW.getTime() + 999));
    expect(await verify(jwt, { statusList: serving(justAfter) })).toMatchObject({
      valid: true,
      revoked: true,
      statusChecked: true,
    });
    const withinLeeway = await signedList([42], key, ORIGIN, new Date(NOW.getTime() + CLOCK_TOLERANCE_SECONDS * 1000));
    expect(await verify(jwt, { statusList: serving(withinLeeway) })).toMatchObject({ valid: true, revoked: true });
    const later = await signedList([42], key, ORIGIN, new Date(NOW.getTime() + (CLOCK_TOLERANCE_SECONDS + 1) * 1000));
    expect(await verify(jwt, { statusList: serving(later) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/status list failed verification.*not valid yet/),
    });
  });

  it("says the status was not checked when the list cannot be retrieved", async () => {
    expect(await verify(jwt, { statusList: serving(null) })).toMatchObject({
      valid: true,
      revoked: false,
      statusChecked: false,
    });
    const failing = async () => Promise.reject(new Error("network down"));
    expect(await verify(jwt, { statusList: failing })).toMatchObject({ valid: true, statusChecked: false });
  });
});

describe("verify-credential CLI", () => {
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      // Asynchronous on purpose: the status-list server below runs in this process.
      execFile(
        process.execPath,
        ["--import", "tsx", "scripts/verify-credential.ts", ...args],
        { cwd: ROOT, timeout: 30_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr }),
      );
    });
  let dir: string;
  let server: Server;
  let served = { jwks: "{}", statusList: "" };
  let serverOrigin: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "verify-credential-"));
    await writeFile(path.join(dir, "issuer-key.json"), JSON.stringify(key.privateJwk));
    await writeFile(path.join(dir, "jwks.json"), JSON.stringify(jwks));
    await writeFile(path.join(dir, "credential.jwt"), `${jwt}\n`);
    const [h, p, s] = parts(jwt);
    const bytes = decoded(p);
    bytes[bytes.indexOf("Ali Rezaei")] = "E".charCodeAt(0); // "Eli Rezaei"
    await writeFile(path.join(dir, "tampered.jwt"), `${h}.${b64(bytes)}.${s}\n`);
    server = createServer((req, res) => {
      const body =
        req.url === "/api/credentials/jwks"
          ? served.jwks
          : req.url === "/api/credentials/status/1"
            ? served.statusList
            : null;
      res.writeHead(body === null ? 404 : 200).end(body ?? "not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    serverOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it("exits 0 and names the person for a valid file, offline with a JWKS file", async () => {
    const { code, stdout } = await run([
      path.join(dir, "credential.jwt"),
      "--jwks",
      path.join(dir, "jwks.json"),
      "--offline",
    ]);
    expect(stdout).toMatch(/^VALID/);
    expect(stdout).toContain("Ali Rezaei / علی رضایی");
    expect(stdout).toContain("2025 Edition: STI Policy");
    expect(code).toBe(0);
  }, 30_000);

  it("exits 1 for a tampered file and 2 for a missing argument", async () => {
    const [tampered, missing] = await Promise.all([
      run([path.join(dir, "tampered.jwt"), "--jwks", path.join(dir, "jwks.json"), "--offline"]),
      run(["--offline"]),
    ]);
    expect(tampered.stdout).toMatch(/^INVALID: the signature does not match/);
    expect(tampered.code).toBe(1);
    expect(missing.stderr).toMatch(/missing the credential file/);
    expect(missing.code).toBe(2);
  }, 30_000);

  it("online: fetches the JWKS and the status list from the issuer and reports REVOKED with exit 1", async () => {
    served = { jwks: JSON.stringify(jwks), statusList: await signedList([42], key, serverOrigin) };
    const runFor = async (statusIndex: number) => {
      const file = path.join(dir, `online-${statusIndex}.jwt`);
      await writeFile(
        file,
        await signCredential(buildOpenBadgeCredential(input({ origin: serverOrigin, statusIndex })), key.privateJwk),
      );
      return run([file]);
    };
    const [kept, revoked] = await Promise.all([runFor(7), runFor(42)]);
    expect(kept.stdout).toMatch(/^VALID[\s\S]*Ali Rezaei[\s\S]*not revoked \(status list checked\)/);
    expect(kept.code).toBe(0);
    expect(revoked.stdout).toMatch(/^REVOKED[\s\S]*Ali Rezaei/);
    expect(revoked.code).toBe(1);
  }, 30_000);
});
