// The deployment's credential-signing keys: generated on first use and kept in the
// database, so every process (and every restart) signs with the same key. The private key
// is kept sealed under the deployment's AUTH_SECRET (lib/certificates/key-sealing.ts), so
// that a copy of the database cannot sign. `npm run keys` rotates them, and withdraws one
// that may be in other hands (scripts/keys.ts).
import { decodeJwt, decodeProtectedHeader, type JWK } from "jose";
import type { Prisma } from "@/generated/prisma/client";
import { authSecret } from "@/lib/auth/secret";
import { signCredential, ZOpenBadgeCredential } from "@/lib/certificates/credential";
import { openJwk, sealJwk } from "@/lib/certificates/key-sealing";
import { generateIssuerKey } from "@/lib/certificates/keys";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { readPrivateJwk, readPublicJwk, readStoredPrivateJwk } from "./json-columns";
import { recordNotices } from "./notices";

type Tx = Prisma.TransactionClient;

export type SigningKey = { kid: string; privateJwk: JWK };

/**
 * How long a process signs with the key it loaded before it asks again whether the key is
 * still in use: a key retired by another process (or by `npm run keys`) stops signing
 * status lists within this time. A certificate's credential is never signed with a retired
 * key (`signingKeyInUse`).
 */
export const SIGNING_KEY_RECHECK_MS = 10_000;

type Cached = { key: Promise<SigningKey>; checkedAt: number };
const cache = new WeakMap<Db, Cached>();

/**
 * The newest key in use that this deployment's secret opens. A key kept in the clear (as
 * before keys were sealed) is sealed where it is. With none (the first certificate, or a
 * database moved to a deployment with another AUTH_SECRET), a new key is made: the keys
 * that do not open stay published, so what they signed still verifies.
 */
async function loadOrCreate(db: Db | Tx, secret: string = authSecret()): Promise<SigningKey> {
  return (await loadOrCreateKey(db, secret)).key;
}

async function loadOrCreateKey(db: Db | Tx, secret: string): Promise<{ key: SigningKey; created: boolean }> {
  const keys = await db.issuerKey.findMany({
    where: { retiredAt: null },
    orderBy: { createdAt: "desc" },
    select: { kid: true, privateJwk: true },
  });
  for (const { kid, privateJwk } of keys) {
    const stored = readStoredPrivateJwk(privateJwk);
    if ("clear" in stored) {
      await db.issuerKey.update({ where: { kid }, data: { privateJwk: sealJwk(stored.clear, kid, secret) } });
      return { key: { kid, privateJwk: stored.clear }, created: false };
    }
    const opened = openJwk(stored.sealed, kid, secret);
    if (opened !== undefined) return { key: { kid, privateJwk: readPrivateJwk(opened) }, created: false };
  }
  if (keys.length > 0)
    console.warn(
      `[certificates] ${keys.length === 1 ? "The signing key in the database was" : `The ${keys.length} signing keys in the database were`} ` +
        "sealed under another AUTH_SECRET: new credentials are signed with a new key (those signed before still verify).",
    );
  // Two processes starting at once may each create one: both stay published, the newer signs.
  return { key: await createKey(db, secret), created: true };
}

/** A new key, stored sealed under `secret`. */
async function createKey(db: Db | Tx, secret: string): Promise<SigningKey> {
  const key = await generateIssuerKey();
  await db.issuerKey.create({
    data: { kid: key.kid, privateJwk: sealJwk(key.privateJwk, key.kid, secret), publicJwk: key.publicJwk },
  });
  return { kid: key.kid, privateJwk: key.privateJwk };
}

/** The key that signs new credentials. */
export function signingKey(db: Db, now = Date.now()): Promise<SigningKey> {
  const cached = cache.get(db);
  if (cached && now - cached.checkedAt < SIGNING_KEY_RECHECK_MS) return cached.key;
  const key = cached ? stillInUse(db, cached.key) : loadOrCreate(db);
  key.catch(() => cache.delete(db));
  cache.set(db, { key, checkedAt: now });
  return key;
}

async function stillInUse(db: Db, loaded: Promise<SigningKey>): Promise<SigningKey> {
  const key = await loaded.catch(() => undefined);
  if (!key) return loadOrCreate(db);
  const row = await db.issuerKey.findUnique({ where: { kid: key.kid }, select: { retiredAt: true } });
  return row && row.retiredAt === null ? key : loadOrCreate(db);
}

/** The next `signingKey` reads the keys again. */
export function forgetSigningKey(db: Db): void {
  cache.delete(db);
}

/**
 * The signing key, checked inside the caller's transaction and held there (a shared row
 * lock): a key being retired waits for the transactions signing with it, and no transaction
 * signs with it after. So nothing stored is signed with a key once it is withdrawn. Every
 * read goes through the transaction's own connection: another from the pool may not be free
 * while it holds one.
 */
export async function signingKeyInUse(db: Db, tx: Tx): Promise<SigningKey> {
  const loaded = await cache.get(db)?.key.catch(() => undefined);
  if (loaded && (await holdInUse(tx, loaded.kid))) return loaded;
  forgetSigningKey(db);
  const { key, created } = await loadOrCreateKey(tx, authSecret());
  if (!(await holdInUse(tx, key.kid)))
    throw new Error("the credential-signing key was retired while it was being used: try again");
  // A key made in this transaction is kept for the process only once it has committed.
  if (!created) cache.set(db, { key: Promise.resolve(key), checkedAt: Date.now() });
  return key;
}

async function holdInUse(tx: Tx, kid: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ retired: boolean }[]>`
    SELECT retired_at IS NOT NULL AS retired FROM issuer_keys WHERE kid = ${kid} FOR SHARE`;
  return row !== undefined && !row.retired;
}

/** Every public key that signed and is not withdrawn, retired ones too: what they signed still verifies. */
export async function publicKeys(db: Db): Promise<JWK[]> {
  const rows = await db.issuerKey.findMany({
    where: { withdrawnAt: null },
    orderBy: { createdAt: "asc" },
    select: { publicJwk: true },
  });
  return rows.map((r) => readPublicJwk(r.publicJwk));
}

export type IssuerKeyRow = {
  kid: string;
  createdAt: Date;
  retiredAt: Date | null;
  withdrawnAt: Date | null;
  /** Whether this deployment's AUTH_SECRET opens it. */
  opens: boolean;
  /** The certificates whose stored credential it signed. */
  credentials: number;
};

/** Every key, newest first, with how many stored credentials each signed. */
export async function listIssuerKeys(db: Db, secret: string = authSecret()): Promise<IssuerKeyRow[]> {
  const [keys, signedBy] = await Promise.all([
    db.issuerKey.findMany({
      orderBy: { createdAt: "desc" },
      select: { kid: true, createdAt: true, retiredAt: true, withdrawnAt: true, privateJwk: true },
    }),
    credentialsByKid(db),
  ]);
  return keys.map(({ privateJwk, ...key }) => {
    const stored = readStoredPrivateJwk(privateJwk);
    const opens = "clear" in stored || openJwk(stored.sealed, key.kid, secret) !== undefined;
    return { ...key, opens, credentials: signedBy.get(key.kid) ?? 0 };
  });
}

/** The kid in a stored credential's header; undefined for an erased one (empty) or one that does not parse. */
function signedWith(jwt: string): string | undefined {
  if (jwt === "") return undefined;
  try {
    const { kid } = decodeProtectedHeader(jwt);
    return typeof kid === "string" ? kid : undefined;
  } catch {
    return undefined;
  }
}

async function credentialsByKid(db: Db): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const batch of certificateBatches(db)) {
    for (const { credential } of batch) {
      const kid = signedWith(credential);
      if (kid !== undefined) counts.set(kid, (counts.get(kid) ?? 0) + 1);
    }
  }
  return counts;
}

const BATCH = 500;

async function* certificateBatches(db: Db) {
  let after: string | undefined;
  for (;;) {
    const batch = await db.certificate.findMany({
      ...(after === undefined ? {} : { where: { id: { gt: after } } }),
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, credential: true, code: true, userId: true, cohortId: true, revokedAt: true },
    });
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1]!.id;
  }
}

/**
 * A new key signs from now on; every other key is retired and stays published, so that what
 * it signed still verifies. Routine rotation: nothing already signed changes.
 */
export async function rotateSigningKey(db: Db, secret: string = authSecret()): Promise<string> {
  const key = await db.$transaction(async (tx) => {
    const retired = await tx.issuerKey.updateManyAndReturn({
      where: { retiredAt: null },
      data: { retiredAt: new Date() },
      select: { kid: true },
    });
    const made = await createKey(tx, secret);
    await recordAudit(tx, {
      action: "certificate.key_rotated",
      entity: "issuer_key",
      entityId: made.kid,
      after: { kid: made.kid, retired: retired.map((r) => r.kid) },
    });
    return made;
  });
  forgetSigningKey(db);
  return key.kid;
}

export type WithdrawResult = { withdrawn: string[]; signingKid: string; resigned: number };

/**
 * For a key that may be in other hands: it is retired and no longer published, so that
 * nothing it signs verifies, and every stored credential that a withdrawn key signed is
 * signed again, as it was, with the key in use (a new one if none is left); the holder of
 * a valid certificate among them is told (a notice, e-mailed). Run again after an
 * interruption, it finishes the re-signing. `kids` empty: only the re-signing.
 */
export async function withdrawSigningKeys(
  db: Db,
  kids: string[],
  opts: { onProgress?: (done: number, resigned: number) => void } = {},
): Promise<WithdrawResult> {
  if (kids.length > 0) {
    const known = await db.issuerKey.findMany({ where: { kid: { in: kids } }, select: { kid: true } });
    const unknown = kids.filter((kid) => !known.some((k) => k.kid === kid));
    if (unknown.length > 0) throw new UnknownKeyError(unknown);
    await db.$transaction(async (tx) => {
      const at = new Date();
      // Waits for the transactions that hold one of these keys to sign (signingKeyInUse).
      await tx.$executeRaw`
        UPDATE issuer_keys SET retired_at = COALESCE(retired_at, ${at}), withdrawn_at = COALESCE(withdrawn_at, ${at})
        WHERE kid = ANY(${kids})`;
      await recordAudit(tx, {
        action: "certificate.key_withdrawn",
        entity: "issuer_key",
        entityId: kids.join(","),
        after: { withdrawn: kids },
      });
    });
  }
  forgetSigningKey(db);
  const key = await signingKey(db);
  const withdrawn = new Set(
    (await db.issuerKey.findMany({ where: { withdrawnAt: { not: null } }, select: { kid: true } })).map((k) => k.kid),
  );
  let done = 0;
  let resigned = 0;
  for await (const batch of certificateBatches(db)) {
    const stale = batch.filter(({ credential }) => withdrawn.has(signedWith(credential) ?? ""));
    const updates = await Promise.all(stale.map(async (c) => ({ ...c, again: await signAgain(c.credential, key) })));
    const written =
      updates.length === 0
        ? []
        : await db.$transaction(
            async (tx) => {
              const changed = [];
              for (const u of updates) {
                // Only if it is still the credential read: a reissue or an erasure meanwhile wins.
                const { count } = await tx.certificate.updateMany({
                  where: { id: u.id, credential: u.credential },
                  data: { credential: u.again },
                });
                if (count === 1) changed.push(u);
              }
              // Holders of a valid certificate are told to download its file again.
              await recordNotices(
                tx,
                changed
                  .filter((u) => u.revokedAt === null)
                  .map((u) => ({
                    kind: "certificate.resigned" as const,
                    data: { certificateId: u.id, code: u.code },
                    userId: u.userId,
                    cohortId: u.cohortId,
                  })),
              );
              return changed;
            },
            { timeout: 60_000 },
          );
    done += batch.length;
    resigned += written.length;
    opts.onProgress?.(done, resigned);
  }
  return { withdrawn: [...withdrawn], signingKid: key.kid, resigned };
}

/** The same claims, signed by `key`: the credential's content, its dates included, is unchanged. */
async function signAgain(jwt: string, key: SigningKey): Promise<string> {
  // The claims signCredential derives from the credential (iss, jti, nbf, sub, exp) are made again.
  const { iss: _iss, jti: _jti, nbf: _nbf, sub: _sub, exp: _exp, ...credential } = decodeJwt(jwt);
  return signCredential(ZOpenBadgeCredential.parse(credential), key.privateJwk);
}

export class UnknownKeyError extends Error {
  constructor(readonly kids: string[]) {
    super(`no signing key has the id ${kids.join(", ")} (npm run keys lists them)`);
  }
}
