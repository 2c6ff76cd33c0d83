// The credential-signing key as the database keeps it: sealed under the deployment's
// AUTH_SECRET (lib/certificates/key-sealing.ts), so that a copy of the database cannot sign.
import path from "node:path";
import { decodeJwt, decodeProtectedHeader } from "jose";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openJwk } from "@/lib/certificates/key-sealing";
import { generateIssuerKey } from "@/lib/certificates/keys";
import { verifyUploadedCredential } from "@/lib/certificates/published";
import { loadLectures } from "@/lib/content/load";
import { issueCertificate, revokeCertificate, type IssueContext } from "@/lib/db/certificate-issue";
import { saveCertificateRule } from "@/lib/db/certificates";
import { createPrismaClient, type Db } from "@/lib/db/client";
import {
  listIssuerKeys,
  publicKeys,
  rotateSigningKey,
  SIGNING_KEY_RECHECK_MS,
  signingKey,
  signingKeyInUse,
  UnknownKeyError,
  withdrawSigningKeys,
} from "@/lib/db/issuer-keys";
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

const refs = loadLectures(path.join(process.cwd(), "content")).map((l) => ({ slug: l.slug, number: l.number }));
const ORIGIN = "http://lms.test";
const context: IssueContext = {
  origin: ORIGIN,
  issuerName: "BTBU-ECOSF Joint Training Center",
  achievement: { name: "STI Policy", description: "A one-day programme.", criteria: "Take part." },
  lectures: refs,
};

/** A cohort whose rule asks for nothing, so that each of `people` participants is due a certificate. */
async function cohortOf(db: Db, people: number) {
  const cohort = await db.cohort.create({
    data: {
      slug: "keys",
      name: "Keys",
      timeZone: "UTC",
      startsOn: new Date("2021-12-15"),
      endsOn: new Date("2021-12-15"),
    },
  });
  const admin = await db.user.create({ data: { email: "keys-admin@example.org", role: "ADMIN" } });
  await saveCertificateRule(
    db,
    admin.id,
    cohort.id,
    { minAttendancePercent: 0, requiredQuizzes: [], autoIssue: false },
    refs,
  );
  const users = [];
  for (let i = 0; i < people; i++) {
    const user = await db.user.create({ data: { email: `keys-${i}@example.org`, certificateName: `Person ${i}` } });
    await db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: "ACTIVE" } });
    users.push(user);
  }
  return { cohort, admin, users };
}

async function issue(db: Db, userId: string, cohortId: string) {
  const result = await issueCertificate(db, { userId, cohortId, actorId: null, context });
  if (!result.ok) throw new Error(`not issued: ${result.error}`);
  return db.certificate.findUniqueOrThrow({ where: { id: result.certificate.id } });
}

const kidOf = (jwt: string) => String(decodeProtectedHeader(jwt).kid);

describe("rotating and withdrawing the credential-signing key", () => {
  it("[CERTIFICATES][KEY]: rotated, a new key signs, in another process too once it checks again; the old one stays published and what it signed verifies", async () => {
    vi.stubEnv("AUTH_SECRET", "deployment-secret-one");
    const { db, url } = await database();
    const { cohort, users } = await cohortOf(db, 2);
    const first = await issue(db, users[0]!.id, cohort.id);
    const old = kidOf(first.credential);
    const other = anotherProcess(url);
    const loadedAt = Date.now();
    expect((await signingKey(other, loadedAt)).kid).toBe(old);

    const rotated = await rotateSigningKey(db);
    expect(rotated).not.toBe(old);
    expect((await signingKey(db)).kid).toBe(rotated);
    // The other process signs status lists with the key it loaded until it checks again.
    expect((await signingKey(other, loadedAt + 1)).kid).toBe(old);
    expect((await signingKey(other, loadedAt + SIGNING_KEY_RECHECK_MS)).kid).toBe(rotated);
    // A certificate is never signed with a retired key, whatever a process has loaded.
    const third = anotherProcess(url);
    await signingKey(third);
    await db.issuerKey.update({ where: { kid: rotated }, data: { retiredAt: new Date() } });
    const newest = await rotateSigningKey(db);
    const second = await issue(third, users[1]!.id, cohort.id);
    expect(kidOf(second.credential)).toBe(newest);

    expect((await publicKeys(db)).map((k) => k.kid).sort()).toEqual([old, rotated, newest].sort());
    const verified = await verifyUploadedCredential(db, first.credential, ORIGIN);
    expect(verified).toMatchObject({ valid: true, revoked: false, statusChecked: true });
    const keys = await listIssuerKeys(db);
    expect(keys.map((k) => [k.kid, k.retiredAt === null, k.credentials])).toEqual([
      [newest, true, 1],
      [rotated, false, 0],
      [old, false, 1],
    ]);
    const audit = await db.auditEvent.findMany({
      where: { action: "certificate.key_rotated" },
      orderBy: { at: "asc" },
    });
    expect(audit.map((e) => e.entityId)).toEqual([rotated, newest]);
  });

  it("[CERTIFICATES][KEY]: withdrawn, a key is no longer published, and every credential it signed is signed again, unchanged, with the key in use", async () => {
    vi.stubEnv("AUTH_SECRET", "deployment-secret-one");
    const { db } = await database();
    const { cohort, admin, users } = await cohortOf(db, 3);
    const issued = [];
    for (const user of users) issued.push(await issue(db, user.id, cohort.id));
    expect(await revokeCertificate(db, admin.id, issued[2]!.id, "issued in error")).toBe(true);
    const old = kidOf(issued[0]!.credential);

    await expect(withdrawSigningKeys(db, [old, "no-such-key"])).rejects.toBeInstanceOf(UnknownKeyError);
    expect((await publicKeys(db)).map((k) => k.kid)).toEqual([old]);

    const progress: [number, number][] = [];
    const result = await withdrawSigningKeys(db, [old], {
      onProgress: (done, resigned) => progress.push([done, resigned]),
    });
    expect(result).toMatchObject({ withdrawn: [old], resigned: 3 });
    expect(result.signingKid).not.toBe(old);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect((await publicKeys(db)).map((k) => k.kid)).toEqual([result.signingKid]);

    for (const before of issued) {
      const after = await db.certificate.findUniqueOrThrow({ where: { id: before.id } });
      expect(kidOf(after.credential)).toBe(result.signingKid);
      expect(decodeJwt(after.credential)).toEqual(decodeJwt(before.credential));
      // The file downloaded before the withdrawal no longer verifies; the one signed again does.
      expect(await verifyUploadedCredential(db, before.credential, ORIGIN)).toMatchObject({
        valid: false,
        reason: expect.stringContaining("not in the issuer's key set"),
      });
      expect(await verifyUploadedCredential(db, after.credential, ORIGIN)).toMatchObject({
        valid: true,
        revoked: before.id === issued[2]!.id,
        statusChecked: true,
      });
    }
    const audit = await db.auditEvent.findMany({ where: { action: "certificate.key_withdrawn" } });
    expect(audit.map((e) => e.entityId)).toEqual([old]);
    // The holders of the two valid certificates are told, and e-mailed by a job; the revoked one's is not.
    const notices = await db.notice.findMany({ where: { kind: "certificate.resigned" }, orderBy: { userId: "asc" } });
    expect(notices.map((n) => [n.userId, n.data])).toEqual(
      [issued[0]!, issued[1]!]
        .map((c) => [c.userId, { certificateId: c.id, code: c.code }] as const)
        .sort((a, b) => a[0].localeCompare(b[0])),
    );
    const jobs = await db.$queryRaw<{ key: string }[]>`
      SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'send-notice' ORDER BY key`;
    expect(jobs.map((j) => j.key)).toEqual(expect.arrayContaining(notices.map((n) => `notice:${n.id}`)));
    expect(await withdrawSigningKeys(db, [])).toMatchObject({ resigned: 0, signingKid: result.signingKid });
  });

  it("[CERTIFICATES][KEY]: after AUTH_SECRET leaked: under a new secret the old key does not open, and withdrawn, what it signed is signed by the new secret's key", async () => {
    vi.stubEnv("AUTH_SECRET", "leaked-secret");
    const { db, url } = await database();
    const { cohort, users } = await cohortOf(db, 1);
    const issued = await issue(db, users[0]!.id, cohort.id);
    const old = kidOf(issued.credential);

    vi.stubEnv("AUTH_SECRET", "new-secret");
    const restarted = anotherProcess(url);
    const before = await listIssuerKeys(restarted);
    expect(before.map((k) => [k.kid, k.opens, k.retiredAt === null])).toEqual([[old, false, true]]);
    const result = await withdrawSigningKeys(restarted, [old]);
    expect(result).toMatchObject({ withdrawn: [old], resigned: 1 });
    const keys = await listIssuerKeys(restarted);
    expect(keys.map((k) => [k.kid, k.opens, k.withdrawnAt !== null])).toEqual([
      [result.signingKid, true, false],
      [old, false, true],
    ]);
    const after = await db.certificate.findUniqueOrThrow({ where: { id: issued.id } });
    expect(kidOf(after.credential)).toBe(result.signingKid);
    expect(await verifyUploadedCredential(restarted, after.credential, ORIGIN)).toMatchObject({ valid: true });
    expect(await verifyUploadedCredential(restarted, issued.credential, ORIGIN)).toMatchObject({ valid: false });
  });

  it("[CERTIFICATES][KEY]: a withdrawal waits for a transaction that holds the key to sign, then signs again what that transaction stored", async () => {
    vi.stubEnv("AUTH_SECRET", "deployment-secret-one");
    const { db, url } = await database();
    const { cohort, users } = await cohortOf(db, 2);
    const first = await issue(db, users[0]!.id, cohort.id);
    const old = kidOf(first.credential);

    let withdrawal: Promise<unknown> | undefined;
    await db.$transaction(
      async (tx) => {
        const key = await signingKeyInUse(db, tx);
        expect(key.kid).toBe(old);
        withdrawal = withdrawSigningKeys(anotherProcess(url), [old]);
        await waitForLockWait(url, "UPDATE issuer_keys");
        // Still the transaction's key: it stores what it signed with it.
        const copy = await tx.certificate.findUniqueOrThrow({ where: { id: first.id } });
        await tx.certificate.update({ where: { id: first.id }, data: { credential: copy.credential } });
      },
      { timeout: 60_000 },
    );
    await withdrawal;
    const after = await db.certificate.findUniqueOrThrow({ where: { id: first.id } });
    expect(kidOf(after.credential)).not.toBe(old);
    expect(kidOf((await issue(db, users[1]!.id, cohort.id)).credential)).toBe(kidOf(after.credential));
  });
});

/** Until a backend's statement starting with `statement` waits for a lock (30 s at most). */
async function waitForLockWait(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      const { rows } = await client.query(
        "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%' || $1 || '%'",
        [statement],
      );
      if (rows.length > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no "${statement}" waited for a lock within 30 s`);
  } finally {
    await client.end();
  }
}
