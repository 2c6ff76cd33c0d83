// Certificates as Open Badges 3.0 credentials secured as VC-JWTs (OB 3.0 §8.2 "JSON Web Token
// Proof Format"): the JWT claims set is the credential itself plus iss/jti/nbf/sub mirroring
// issuer.id/id/validFrom/credentialSubject.id. The file a participant downloads is that compact
// JWS as text (".jwt"); it is the whole credential and its proof, so no JSON wrapper is needed.
import { createLocalJWKSet, decodeProtectedHeader, errors, importJWK, jwtVerify, SignJWT, type JWK } from "jose";
import { z } from "zod";
import {
  MIN_STATUS_LIST_BITS,
  readStatus,
  statusListUrl,
  VC_CONTEXT_V2,
  wholeSecondsIso,
  ZStatusListCredential,
  type TStatusEntry,
} from "./status-list";

export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/** The public URLs the app serves; the issuer profile URL doubles as the issuer id. */
export function credentialUrls(origin: string) {
  const base = origin.replace(/\/+$/, "");
  return {
    origin: base,
    issuer: `${base}/api/credentials/issuer`,
    jwks: `${base}/api/credentials/jwks`,
    statusList: statusListUrl(base),
    credential: (code: string) => `${base}/verify/${encodeURIComponent(code)}`,
  };
}

export type TCredentialInput = {
  origin: string;
  code: string;
  issuedAt: Date;
  name: string;
  nativeName: string | null;
  statusIndex: number;
  achievement: { name: string; description: string; criteria: string };
  issuerName: string;
  programmeUrl?: string;
};

export function buildOpenBadgeCredential(input: TCredentialInput) {
  if (!Number.isSafeInteger(input.statusIndex) || input.statusIndex < 0 || input.statusIndex >= MIN_STATUS_LIST_BITS) {
    throw new RangeError(`statusIndex must be within 0..${MIN_STATUS_LIST_BITS - 1}`);
  }
  const urls = credentialUrls(input.origin);
  const id = urls.credential(input.code);
  const index = String(input.statusIndex);
  return {
    "@context": [VC_CONTEXT_V2, OB_CONTEXT],
    id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: urls.issuer, type: ["Profile"], name: input.issuerName, url: urls.origin },
    validFrom: wholeSecondsIso(input.issuedAt),
    name: input.achievement.name,
    credentialSubject: {
      // Participants have no DID and their e-mail must not travel with the file. OB 3.0's
      // AchievementSubject allows a plaintext IdentityObject of type "name", which says no more
      // than the printed certificate. The id is a hash URI for "the recipient of this
      // certificate": it carries nothing beyond the code already in the credential id, and gives
      // the JWT the `sub` claim §8.2 requires (sub must equal credentialSubject.id).
      id: `${id}#recipient`,
      type: ["AchievementSubject"],
      identifier: [input.name, input.nativeName]
        .filter((n): n is string => Boolean(n?.trim()))
        .map((n) => ({ type: "IdentityObject", identityType: "name", hashed: false, identityHash: n })),
      achievement: {
        id: input.programmeUrl ?? `${urls.origin}/`,
        type: ["Achievement"],
        name: input.achievement.name,
        description: input.achievement.description,
        criteria: { narrative: input.achievement.criteria },
      },
    },
    credentialStatus: {
      id: `${urls.statusList}#${index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: index,
      statusListCredential: urls.statusList,
    },
  };
}

// Shapes accepted when verifying. Loose objects: extra OB properties are legal and kept.
const types = (required: string[]) =>
  z
    .union([z.string().transform((t) => [t]), z.array(z.string())])
    .refine((t) => required.some((r) => t.includes(r)), `type must include ${required.join(" or ")}`);
const ZIdentityObject = z.looseObject({
  type: z.literal("IdentityObject"),
  identityType: z.string(),
  hashed: z.boolean(),
  identityHash: z.string(),
});

export const ZOpenBadgeCredential = z.looseObject({
  "@context": z
    .array(z.unknown())
    .refine(
      (c) =>
        c[0] === VC_CONTEXT_V2 &&
        c.some((x) => typeof x === "string" && x.startsWith("https://purl.imsglobal.org/spec/ob/v3p0/context")),
      "@context must be VC 2.0 then Open Badges 3.0",
    ),
  id: z.url(),
  type: types(["OpenBadgeCredential", "AchievementCredential"]).refine(
    (t) => t.includes("VerifiableCredential"),
    "type must include VerifiableCredential",
  ),
  issuer: z.looseObject({ id: z.url(), type: types(["Profile"]), name: z.string() }),
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  name: z.string(),
  credentialSubject: z.looseObject({
    id: z.string().optional(),
    type: types(["AchievementSubject"]),
    identifier: z.array(ZIdentityObject).optional(),
    achievement: z.looseObject({
      id: z.string(),
      type: types(["Achievement"]),
      name: z.string(),
      description: z.string(),
      criteria: z.looseObject({ narrative: z.string().optional() }),
    }),
  }),
  credentialStatus: z
    .looseObject({
      type: z.literal("BitstringStatusListEntry"),
      statusPurpose: z.literal("revocation"),
      statusListIndex: z.string().regex(/^\d+$/),
      statusListCredential: z.url(),
    })
    .optional(),
});
export type TOpenBadgeCredential = z.infer<typeof ZOpenBadgeCredential>;

/** The names the certificate was issued to (Latin first, then any native-script name). */
export const recipientNames = (c: TOpenBadgeCredential) =>
  (c.credentialSubject.identifier ?? [])
    .filter((i) => i.identityType === "name" && !i.hashed)
    .map((i) => i.identityHash);

type Core = {
  id: string;
  issuer: string | { id: string };
  validFrom: string;
  validUntil?: string | undefined;
  credentialSubject: { id?: string | undefined };
};
const issuerIdOf = (issuer: Core["issuer"]) => (typeof issuer === "string" ? issuer : issuer.id);
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Signs any credential (a certificate or the status list) as a VC-JWT with the issuer's key. */
export async function signCredential(credential: Core, privateJwk: JWK): Promise<string> {
  if (!privateJwk.kid) throw new Error("the signing key has no kid");
  const nbf = seconds(credential.validFrom);
  if (!Number.isInteger(nbf)) throw new RangeError("validFrom must be whole seconds, so that nbf can equal it");
  const claims = {
    ...credential,
    iss: issuerIdOf(credential.issuer),
    jti: credential.id,
    nbf,
    ...(credential.credentialSubject.id === undefined ? {} : { sub: credential.credentialSubject.id }),
    ...(credential.validUntil === undefined ? {} : { exp: seconds(credential.validUntil) }),
  };
  const key = await importJWK(privateJwk, "EdDSA");
  return new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: privateJwk.kid }).sign(key);
}

export type TJwks = { keys: JWK[] };
export type VerifyResult =
  | { valid: true; credential: TOpenBadgeCredential; revoked: boolean; statusChecked: boolean }
  | { valid: false; reason: string };
export type VerifyOptions = {
  jwks: TJwks;
  /** Fetches the status list VC-JWT by URL; null (or a throw) when it cannot be retrieved. */
  statusList?: (url: string) => Promise<string | null>;
  now?: Date;
};

export async function verifyCredentialJwt(jwt: string, options: VerifyOptions): Promise<VerifyResult> {
  const now = options.now ?? new Date();
  const checked = await verifyVcJwt(jwt, ZOpenBadgeCredential, options.jwks, now);
  if (!checked.ok) return { valid: false, reason: checked.reason };
  const credential = checked.credential;
  const entry = credential.credentialStatus;
  if (!options.statusList || !entry) return { valid: true, credential, revoked: false, statusChecked: false };
  const status = await checkStatus(entry, credential.issuer.id, options.statusList, options.jwks, now);
  return "reason" in status ? { valid: false, reason: status.reason } : { valid: true, credential, ...status };
}

type StatusResult = { revoked: boolean; statusChecked: boolean } | { reason: string };

async function checkStatus(
  entry: TStatusEntry,
  issuerId: string,
  fetchList: (url: string) => Promise<string | null>,
  jwks: TJwks,
  now: Date,
): Promise<StatusResult> {
  const text = await fetchList(entry.statusListCredential).catch(() => null);
  // An unreachable list is "not checked", not "invalid": callers decide how strict to be.
  if (text === null) return { revoked: false, statusChecked: false };
  const list = await verifyVcJwt(text, ZStatusListCredential, jwks, now);
  if (!list.ok) return { reason: `the status list failed verification: ${list.reason}` };
  const status = readStatus(list.credential, entry, issuerId);
  return "error" in status ? { reason: status.error } : { revoked: status.revoked, statusChecked: true };
}

const ALLOWED_HEADER = new Set(["alg", "kid", "typ"]);
/**
 * Leeway for nbf and exp (RFC 7519 §4.1.4–5). A status list is signed when it is asked for,
 * with validFrom at that whole second: without leeway, a list signed a moment after the
 * verifier read its clock (or by a server whose clock runs slightly ahead) would fail as
 * "not valid yet" whenever the second ticks over in between.
 */
export const CLOCK_TOLERANCE_SECONDS = 5;
const fail = (reason: string) => ({ ok: false, reason }) as const;

/** OB 3.0 §8.2.5/§8.2.5.1: signature by a key from the JWKS, then claims consistent with the credential. */
async function verifyVcJwt<T extends Core>(input: string, schema: z.ZodType<T>, jwks: TJwks, now: Date) {
  const jwt = input.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(jwt))
    return fail("not a VC-JWT (expected three base64url parts separated by dots)");
  // A non-canonical segment would decode to the same bytes as the original; reject it so that
  // changing any character of the file is detected, not only changes that survive decoding.
  if (jwt.split(".").some((part) => Buffer.from(part, "base64url").toString("base64url") !== part))
    return fail("a part of the JWT is not canonical base64url");
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return fail("the JWT header is not valid JSON");
  }
  const extra = Object.keys(header).filter((k) => !ALLOWED_HEADER.has(k));
  if (extra.length > 0) return fail(`unexpected JWT header parameter(s): ${extra.join(", ")}`);
  if (header.alg !== "EdDSA") return fail(`signature algorithm ${String(header.alg)} is not accepted (only EdDSA)`);
  if (header.typ !== "JWT") return fail('the JWT header typ must be "JWT"');
  if (typeof header.kid !== "string" || !jwks.keys.some((k) => k.kid === header.kid))
    return fail(`the signing key (kid ${String(header.kid)}) is not in the issuer's key set`);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      algorithms: ["EdDSA"],
      typ: "JWT",
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["iss", "jti", "nbf", "sub"],
    }));
  } catch (err) {
    return fail(joseReason(err));
  }
  const { iss, jti, nbf, sub, exp, ...body } = payload;
  const parsed = schema.safeParse(body);
  if (!parsed.success) return fail(`not a valid credential: ${describeIssue(parsed.error)}`);
  const c = parsed.data;
  if (iss !== issuerIdOf(c.issuer)) return fail("the iss claim does not match issuer.id");
  if (jti !== c.id) return fail("the jti claim does not match the credential id");
  if (nbf !== seconds(c.validFrom)) return fail("the nbf claim does not match validFrom");
  if (sub !== c.credentialSubject.id) return fail("the sub claim does not match credentialSubject.id");
  if (exp !== (c.validUntil === undefined ? undefined : seconds(c.validUntil)))
    return fail("the exp claim does not match validUntil");
  return { ok: true, credential: c } as const;
}

function joseReason(err: unknown): string {
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return "the signature does not match: the content was changed after signing, or another key signed it";
  if (err instanceof errors.JWTExpired) return "the credential has expired";
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === "nbf")
    return "the credential is not valid yet (validFrom is in the future)";
  if (err instanceof errors.JOSEError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid";
}
