// The deployment's signing key for certificates. Ed25519: small keys and signatures, and a
// deterministic signature, so there is no per-signature nonce to get wrong.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

export type { JWK };

export type IssuerKey = { kid: string; privateJwk: JWK; publicJwk: JWK };

export async function generateIssuerKey(): Promise<IssuerKey> {
  // Extractable because the deployment keeps the private JWK (in its secrets store) across restarts.
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const { kty, crv, x } = await exportJWK(publicKey);
  // RFC 7638: the thumbprint is a stable name for the key that anyone can recompute from the JWKS.
  const kid = await calculateJwkThumbprint({ kty, crv, x });
  const meta = { kid, alg: "EdDSA", use: "sig" };
  return { kid, privateJwk: { ...(await exportJWK(privateKey)), ...meta }, publicJwk: { kty, crv, x, ...meta } };
}

/**
 * Only the members a verifier needs are copied (an allow-list), so a private JWK passed here by
 * mistake cannot publish "d" or any other private member (RSA p, q, dp, ...).
 */
const PUBLIC_MEMBERS = ["kty", "crv", "x", "y", "n", "e", "kid", "alg", "use"] as const;

export function jwksFor(publicJwks: JWK[]): { keys: JWK[] } {
  return {
    keys: publicJwks.map((jwk) => {
      const copy: Record<string, unknown> = {};
      for (const member of PUBLIC_MEMBERS) if (jwk[member] !== undefined) copy[member] = jwk[member];
      return copy as JWK;
    }),
  };
}
