// The deployment's credential-signing keys: generated on first use and kept in the
// database, so every process (and every restart) signs with the same key. The private key
// is kept sealed under the deployment's AUTH_SECRET (lib/certificates/key-sealing.ts), so
// that a copy of the database cannot sign.
import type { JWK } from "jose";
import { authSecret } from "@/lib/auth/secret";
import { openJwk, sealJwk } from "@/lib/certificates/key-sealing";
import { generateIssuerKey } from "@/lib/certificates/keys";
import type { Db } from "./client";
import { readPrivateJwk, readPublicJwk, readStoredPrivateJwk } from "./json-columns";

export type SigningKey = { kid: string; privateJwk: JWK };

const cache = new WeakMap<Db, Promise<SigningKey>>();

/**
 * The newest key in use that this deployment's secret opens. A key kept in the clear (as
 * before keys were sealed) is sealed where it is. With none (the first certificate, or a
 * database moved to a deployment with another AUTH_SECRET), a new key is made: the keys
 * that do not open stay published, so what they signed still verifies.
 */
async function loadOrCreate(db: Db, secret: string = authSecret()): Promise<SigningKey> {
  const keys = await db.issuerKey.findMany({
    where: { retiredAt: null },
    orderBy: { createdAt: "desc" },
    select: { kid: true, privateJwk: true },
  });
  for (const { kid, privateJwk } of keys) {
    const stored = readStoredPrivateJwk(privateJwk);
    if ("clear" in stored) {
      await db.issuerKey.update({ where: { kid }, data: { privateJwk: sealJwk(stored.clear, kid, secret) } });
      return { kid, privateJwk: stored.clear };
    }
    const opened = openJwk(stored.sealed, kid, secret);
    if (opened !== undefined) return { kid, privateJwk: readPrivateJwk(opened) };
  }
  if (keys.length > 0)
    console.warn(
      `[certificates] ${keys.length === 1 ? "The signing key in the database was" : `The ${keys.length} signing keys in the database were`} ` +
        "sealed under another AUTH_SECRET: new credentials are signed with a new key (those signed before still verify).",
    );
  // Two processes starting at once may each create one: both stay published, the newer signs.
  const key = await generateIssuerKey();
  await db.issuerKey.create({
    data: { kid: key.kid, privateJwk: sealJwk(key.privateJwk, key.kid, secret), publicJwk: key.publicJwk },
  });
  return { kid: key.kid, privateJwk: key.privateJwk };
}

/** The key that signs new credentials. */
export function signingKey(db: Db): Promise<SigningKey> {
  let key = cache.get(db);
  if (!key) {
    key = loadOrCreate(db);
    key.catch(() => cache.delete(db));
    cache.set(db, key);
  }
  return key;
}

/** Every public key that ever signed, retired ones too: credentials they signed still verify. */
export async function publicKeys(db: Db): Promise<JWK[]> {
  const rows = await db.issuerKey.findMany({ orderBy: { createdAt: "asc" }, select: { publicJwk: true } });
  return rows.map((r) => readPublicJwk(r.publicJwk));
}
