// The credential-signing key as the database keeps it: sealed under the deployment's
// AUTH_SECRET (lib/certificates/key-sealing.ts), so that a copy of the database cannot sign.
import { afterEach, describe, expect, it, vi } from "vitest";
import { openJwk } from "@/lib/certificates/key-sealing";
import { generateIssuerKey } from "@/lib/certificates/keys";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { publicKeys, signingKey } from "@/lib/db/issuer-keys";
import { ZSealedJwkColumn } from "@/lib/db/json-columns";
import { createTestDatabase, type TestDatabase } from "./support/database";

const open: TestDatabase[] = [];
const clients: Db[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(clients.splice(0).map((db) => db.$disconnect()));
  await Promise.all(open.splice(0).map((t) => t.drop()));
});

async function database() {
  const t = await createTestDatabase();
  open.push(t);
  return t;
}

/** Another process of the deployment: a client of its own, which has not loaded the key yet. */
function anotherProcess(url: string): Db {
  const db = createPrismaClient(url, { max: 1 });
  clients.push(db);
  return db;
}

const storedPrivate = async (db: Db, kid: string) =>
  (await db.issuerKey.findUniqueOrThrow({ where: { kid }, select: { privateJwk: true } })).privateJwk;

describe("the credential-signing key in the database", () => {
  it("[CERTIFICATES][KEY]: is made on first use and kept sealed: no private member in the row, and it opens only under AUTH_SECRET", async () => {
    vi.stubEnv("AUTH_SECRET", "deployment-secret-one");
    const { db } = await database();
    const key = await signingKey(db);
    const row = await storedPrivate(db, key.kid);
    expect(JSON.stringify(row)).not.toContain(key.privateJwk.d);
    expect(row).not.toHaveProperty("d");
    const sealed = ZSealedJwkColumn.parse(row);
    expect(openJwk(sealed, key.kid, "deployment-secret-one")).toEqual(key.privateJwk);
    expect(openJwk(sealed, key.kid, "another-secret")).toBeUndefined();
    expect((await publicKeys(db)).map((k) => k.kid)).toEqual([key.kid]);
  });

  it("[CERTIFICATES][KEY]: a key kept in the clear is sealed where it is on first use, and goes on signing", async () => {
    vi.stubEnv("AUTH_SECRET", "deployment-secret-one");
    const { db } = await database();
    const old = await generateIssuerKey();
    await db.issuerKey.create({ data: { kid: old.kid, privateJwk: old.privateJwk, publicJwk: old.publicJwk } });
    const key = await signingKey(db);
    expect(key).toEqual({ kid: old.kid, privateJwk: old.privateJwk });
    const row = await storedPrivate(db, old.kid);
    expect(JSON.stringify(row)).not.toContain(old.privateJwk.d);
    expect(openJwk(ZSealedJwkColumn.parse(row), old.kid, "deployment-secret-one")).toEqual(old.privateJwk);
    expect(await db.issuerKey.count()).toBe(1);
  });

  it("[CERTIFICATES][KEY]: under another AUTH_SECRET a new key signs and the old one stays published; back under the first, the first signs again", async () => {
    vi.stubEnv("AUTH_SECRET", "deployment-secret-one");
    const { db, url } = await database();
    const first = await signingKey(db);
    vi.stubEnv("AUTH_SECRET", "deployment-secret-two");
    const moved = await signingKey(anotherProcess(url));
    expect(moved.kid).not.toBe(first.kid);
    expect((await publicKeys(db)).map((k) => k.kid).sort()).toEqual([first.kid, moved.kid].sort());
    vi.stubEnv("AUTH_SECRET", "deployment-secret-one");
    expect((await signingKey(anotherProcess(url))).kid).toBe(first.kid);
    expect(await db.issuerKey.count()).toBe(2);
  });

  it("[CERTIFICATES][KEY]: without AUTH_SECRET it signs nothing and says why", async () => {
    vi.stubEnv("AUTH_SECRET", "");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    const { db } = await database();
    await expect(signingKey(db)).rejects.toThrow("AUTH_SECRET is not set");
    expect(await db.issuerKey.count()).toBe(0);
  });
});
