// The credential-signing private key is kept in the database sealed: encrypted with
// AES-256-GCM under a key derived from the deployment's AUTH_SECRET (HKDF-SHA256), so that
// a copy of the database alone (a dump, a replica, a stolen disk) cannot sign a credential
// (`npm run db:backup` keeps the secret beside the data: README.md, "Backups"). The
// key's id is authenticated with it, so that a sealed key cannot be passed off as another.
// A key sealed under another secret does not open: the deployment then signs with a key it
// can open, or makes a new one (lib/db/issuer-keys.ts), and every public key stays
// published, so the credentials signed before still verify.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { JWK } from "jose";

export type SealedJwk = { sealed: "A256GCM-HKDF-SHA256"; iv: string; data: string; tag: string };

const ALGORITHM = "A256GCM-HKDF-SHA256";
const INFO = "sti-training-lms issuer key sealing v1";

function sealingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), INFO, 32));
}

/** The private JWK `jwk` (named `kid`) sealed under `secret`. */
export function sealJwk(jwk: JWK, kid: string, secret: string): SealedJwk {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret), iv);
  cipher.setAAD(Buffer.from(kid));
  const data = Buffer.concat([cipher.update(JSON.stringify(jwk), "utf8"), cipher.final()]);
  return {
    sealed: ALGORITHM,
    iv: iv.toString("base64url"),
    data: data.toString("base64url"),
    tag: cipher.getAuthTag().toString("base64url"),
  };
}

/** The JWK sealed in `sealed` for `kid`, or undefined if it was sealed under another secret, for another key, or altered. */
export function openJwk(sealed: SealedJwk, kid: string, secret: string): unknown {
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret), Buffer.from(sealed.iv, "base64url"));
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(Buffer.from(sealed.tag, "base64url"));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, "base64url")), decipher.final()]);
    return JSON.parse(plain.toString("utf8"));
  } catch {
    return undefined;
  }
}
