// W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/):
// revocation is published as one signed list rather than a per-certificate lookup, so a
// verifier that fetches it does not tell us which certificate it is checking (herd privacy).
import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";

/** §3.2 step 2: the minimum number of entries; smaller lists give too little herd privacy. */
export const MIN_STATUS_LIST_BITS = 131_072;
/** A real list is 16 KB; refuse to inflate an untrusted one past this (a gzip bomb). */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;
/** §2.2: encodedList is Multibase base64url without padding, whose Multibase prefix is "u". */
const MULTIBASE_BASE64URL = "u";

export const VC_CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2";

export const statusListUrl = (origin: string, list = 1) => `${origin}/api/credentials/status/${list}`;

/** A decoded list: `bits(i)` is entry i; `bits.size` is the number of entries. */
export type StatusBits = ((index: number) => boolean) & { readonly size: number };

/**
 * §3.3: GZIP, then base64url without padding, then the "u" prefix. Index 0 is the left-most
 * (most significant) bit of the first byte, as §2.2 requires.
 */
export function encodeStatusList(setIndexes: Iterable<number>, size = MIN_STATUS_LIST_BITS): string {
  if (!Number.isSafeInteger(size) || size <= 0 || size % 8 !== 0)
    throw new RangeError(`status list size must be a positive multiple of 8, got ${size}`);
  const bytes = new Uint8Array(size / 8);
  for (const index of setIndexes) {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size)
      throw new RangeError(`status index ${index} is outside 0..${size - 1}`);
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  return MULTIBASE_BASE64URL + gzipSync(bytes).toString("base64url");
}

/** §3.4. Throws on anything that is not a canonical "u"-prefixed, gzipped bitstring. */
export function decodeStatusList(encoded: string): StatusBits {
  const body = encoded.startsWith(MULTIBASE_BASE64URL) ? encoded.slice(1) : null;
  // Buffer's decoder skips stray characters; insisting on a round trip keeps a bad list from decoding as something else.
  if (body === null || !/^[A-Za-z0-9_-]+$/.test(body))
    throw new Error("encodedList is not Multibase base64url (it must start with 'u')");
  const compressed = Buffer.from(body, "base64url");
  if (compressed.toString("base64url") !== body) throw new Error("encodedList is not canonical base64url");
  const bytes = gunzipSync(compressed, { maxOutputLength: MAX_DECODED_BYTES });
  const size = bytes.length * 8;
  const bits = (index: number) => {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size)
      throw new RangeError(`status index ${index} is outside the list (0..${size - 1})`);
    return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
  };
  return Object.assign(bits, { size });
}

export type TStatusListCredential = ReturnType<typeof buildStatusListCredential>;

/** §2.2, unsigned; sign it with `signCredential` like any other credential. */
export function buildStatusListCredential(input: {
  origin: string;
  revokedIndexes: Iterable<number>;
  validFrom: Date;
}) {
  const origin = input.origin.replace(/\/+$/, "");
  const id = statusListUrl(origin);
  return {
    "@context": [VC_CONTEXT_V2],
    id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    // The issuer profile URL, the same `iss` as every certificate, so one JWKS verifies both.
    issuer: `${origin}/api/credentials/issuer`,
    validFrom: wholeSecondsIso(input.validFrom),
    credentialSubject: {
      id: `${id}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: encodeStatusList(input.revokedIndexes),
    },
  };
}

/** The JWT `nbf` is whole seconds and the spec wants it to equal validFrom exactly. */
export function wholeSecondsIso(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("invalid date");
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

const ZIssuerRef = z.union([z.string(), z.looseObject({ id: z.string() })]);

export const ZStatusListCredential = z.looseObject({
  "@context": z
    .array(z.unknown())
    .refine((c) => c[0] === VC_CONTEXT_V2, "the first @context must be the VC 2.0 context"),
  id: z.string(),
  type: z
    .array(z.string())
    .refine((t) => t.includes("BitstringStatusListCredential"), "type must include BitstringStatusListCredential"),
  issuer: ZIssuerRef,
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  credentialSubject: z.looseObject({
    id: z.string().optional(),
    type: z.literal("BitstringStatusList"),
    statusPurpose: z.union([z.string(), z.array(z.string())]),
    encodedList: z.string(),
  }),
});

export type TStatusEntry = { statusPurpose: string; statusListIndex: string; statusListCredential: string };

/**
 * §3.2 steps 5-10 on a list whose signature the caller has already verified. The list must be
 * the one the entry names (not another list by the same issuer) and from the same issuer.
 */
export function readStatus(
  list: z.infer<typeof ZStatusListCredential>,
  entry: TStatusEntry,
  issuerId: string,
): { revoked: boolean } | { error: string } {
  if (list.id !== entry.statusListCredential)
    return { error: `the status list served is ${list.id}, not ${entry.statusListCredential}` };
  const listIssuer = typeof list.issuer === "string" ? list.issuer : list.issuer.id;
  if (listIssuer !== issuerId) return { error: "the status list was published by a different issuer" };
  const purposes = [list.credentialSubject.statusPurpose].flat();
  if (!purposes.includes(entry.statusPurpose)) return { error: `the status list is not a ${entry.statusPurpose} list` };
  let bits: StatusBits;
  try {
    bits = decodeStatusList(list.credentialSubject.encodedList);
  } catch (err) {
    return { error: `the status list cannot be decoded: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (bits.size < MIN_STATUS_LIST_BITS)
    return { error: `the status list has ${bits.size} entries, fewer than the ${MIN_STATUS_LIST_BITS} required` };
  const index = Number(entry.statusListIndex);
  if (!Number.isSafeInteger(index) || index >= bits.size)
    return { error: `status index ${entry.statusListIndex} is outside the list` };
  return { revoked: bits(index) };
}
