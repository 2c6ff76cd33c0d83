// The deployment's credential-signing keys: generated on first use and kept in the
// database, so every process (and every restart) signs with the same key.
import type { JWK } from "jose";
import { generateIssuerKey } from "@/lib/certificates/keys";
import type { Db } from "./client";
import { readPrivateJwk, readPublicJwk } from "./json-columns";

export type SigningKey = { kid: string; privateJwk: JWK };

const cache = new WeakMap<Db, Promise<SigningKey>>();

async function loadOrCreate(db: Db): Promise<SigningKey> {
  const existing = await db.issuerKey.findFirst({
    where: { retiredAt: null },
    orderBy: { createdAt: "desc" },
    select: { kid: true, privateJwk: true },
  });
  if (existing) return { kid: existing.kid, privateJwk: readPrivateJwk(existing.privateJwk) };
  // Two processes starting at once may each create one: both stay published, the newer signs.
  const key = await generateIssuerKey();
  await db.issuerKey.create({
    data: { kid: key.kid, privateJwk: key.privateJwk, publicJwk: key.publicJwk },
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
