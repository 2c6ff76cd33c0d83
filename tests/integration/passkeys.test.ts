import { describe, expect, it } from "vitest";
import {
  addPasskey,
  consumeChallenge,
  countPasskeys,
  findUserPasskey,
  removePasskey,
  sessionPasskeyState,
  storeChallenge,
} from "@/lib/db/passkeys";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
let n = 0;

async function adminWithSession() {
  n += 1;
  const user = await t.db.user.create({ data: { email: `passkey-admin-${n}@example.org`, role: "ADMIN" } });
  const sessionToken = `token-${n}`;
  await t.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  return { userId: user.id, sessionToken };
}

const key = (userId: string, sessionToken: string, credentialId: string) => ({
  userId,
  sessionToken,
  credentialId,
  publicKey: new Uint8Array([1, 2, 3]),
  counter: 0,
  transports: ["internal"],
  name: credentialId,
});

describe("passkey challenges", () => {
  it("answer one ceremony only: the second take of the same challenge finds none", async () => {
    const { sessionToken } = await adminWithSession();
    const now = new Date();
    await storeChallenge(t.db, {
      sessionToken,
      purpose: "authenticate",
      challenge: "c1",
      expiresAt: new Date(now.getTime() + 60_000),
    });
    const [first, second] = await Promise.all([
      consumeChallenge(t.db, sessionToken, "authenticate", now),
      consumeChallenge(t.db, sessionToken, "authenticate", now),
    ]);
    expect([first, second].sort()).toEqual(["c1", null].sort());
  });

  it("are kept per purpose, replaced by a newer one, and refused once expired", async () => {
    const { sessionToken } = await adminWithSession();
    const now = new Date();
    const later = new Date(now.getTime() + 60_000);
    await storeChallenge(t.db, { sessionToken, purpose: "register", challenge: "old", expiresAt: later });
    await storeChallenge(t.db, { sessionToken, purpose: "register", challenge: "new", expiresAt: later });
    await storeChallenge(t.db, { sessionToken, purpose: "authenticate", challenge: "auth", expiresAt: later });
    expect(await consumeChallenge(t.db, sessionToken, "register", now)).toBe("new");
    expect(await consumeChallenge(t.db, sessionToken, "authenticate", new Date(later.getTime() + 1))).toBeNull();
  });
});

describe("passkeys", () => {
  it("registering marks the registering session as checked; another session of the admin is held", async () => {
    const { userId, sessionToken } = await adminWithSession();
    const other = `other-${n}`;
    await t.db.session.create({ data: { sessionToken: other, userId, expires: new Date(Date.now() + 86_400_000) } });
    expect(await sessionPasskeyState(t.db, sessionToken, userId)).toEqual({ passkeys: 0, secondFactorAt: null });
    await addPasskey(t.db, key(userId, sessionToken, `cred-${n}`));
    expect((await sessionPasskeyState(t.db, sessionToken, userId)).secondFactorAt).toBeInstanceOf(Date);
    expect(await sessionPasskeyState(t.db, other, userId)).toEqual({ passkeys: 1, secondFactorAt: null });
    const audit = await t.db.auditEvent.findMany({ where: { actorId: userId }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["auth.passkey_registered"]);
  });

  it("another user's credential is not found for this user", async () => {
    const a = await adminWithSession();
    const b = await adminWithSession();
    await addPasskey(t.db, key(a.userId, a.sessionToken, `cred-a-${n}`));
    expect(await findUserPasskey(t.db, b.userId, `cred-a-${n}`)).toBeNull();
    expect((await findUserPasskey(t.db, a.userId, `cred-a-${n}`))?.publicKey).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("the last one goes only with a passkey check, even when two removals race", async () => {
    const { userId, sessionToken } = await adminWithSession();
    const first = await addPasskey(t.db, key(userId, sessionToken, `race-1-${n}`));
    const second = await addPasskey(t.db, key(userId, sessionToken, `race-2-${n}`));
    const results = await Promise.all([
      removePasskey(t.db, { userId, id: first.id, checked: false }),
      removePasskey(t.db, { userId, id: second.id, checked: false }),
    ]);
    expect(results.sort()).toEqual(["needs-check", "removed"]);
    expect(await countPasskeys(t.db, userId)).toBe(1);
    const left = await t.db.passkey.findFirstOrThrow({ where: { userId } });
    expect(await removePasskey(t.db, { userId, id: left.id, checked: true })).toBe("removed");
    expect(await countPasskeys(t.db, userId)).toBe(0);
  });

  it("a passkey of another user cannot be removed", async () => {
    const a = await adminWithSession();
    const b = await adminWithSession();
    const created = await addPasskey(t.db, key(a.userId, a.sessionToken, `mine-${n}`));
    expect(await removePasskey(t.db, { userId: b.userId, id: created.id, checked: true })).toBe("not-found");
    expect(await countPasskeys(t.db, a.userId)).toBe(1);
  });
});
