// What the deployment publishes for verifiers: its profile, its public keys and the
// revocation status list; and verification of a credential file against them.
import "server-only";
import type { Db } from "@/lib/db/client";
import { revokedStatusIndexes } from "@/lib/db/certificates";
import { publicKeys, signingKey } from "@/lib/db/issuer-keys";
import { OB_CONTEXT, credentialUrls, signCredential, verifyCredentialJwt } from "./credential";
import { jwksFor } from "./keys";
import { buildStatusListCredential, VC_CONTEXT_V2 } from "./status-list";
import { issuerName } from "./context";

export function issuerProfile(origin: string) {
  const urls = credentialUrls(origin);
  return {
    "@context": [VC_CONTEXT_V2, OB_CONTEXT],
    id: urls.issuer,
    type: ["Profile"],
    name: issuerName(),
    url: urls.origin,
    publicKeys: urls.jwks,
  };
}

export async function publishedJwks(db: Db) {
  await signingKey(db); // so the set is never empty, even before the first certificate
  return jwksFor(await publicKeys(db));
}

/** The signed status list (VC-JWT) with every revoked certificate's bit set. */
export async function statusListJwt(db: Db, origin: string): Promise<string> {
  const [key, revoked] = await Promise.all([signingKey(db), revokedStatusIndexes(db)]);
  return signCredential(
    buildStatusListCredential({ origin, revokedIndexes: revoked, validFrom: new Date() }),
    key.privateJwk,
  );
}

/**
 * Verifies a credential file against this deployment's keys and its current status list
 * (read directly, not over HTTP: nothing here fetches an address taken from the upload).
 */
export async function verifyUploadedCredential(db: Db, jwt: string, origin: string) {
  const jwks = await publishedJwks(db);
  // Only a credential signed by our keys gets as far as its status; its list is ours, under
  // whatever address it was issued (SITE_URL may have changed since).
  const ownPath = new URL(credentialUrls(origin).statusList).pathname;
  const statusList = async (url: string) => {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    return parsed?.pathname === ownPath ? statusListJwt(db, parsed.origin) : null;
  };
  return verifyCredentialJwt(jwt, { jwks, statusList });
}
