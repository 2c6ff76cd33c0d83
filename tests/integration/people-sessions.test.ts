import { describe, expect, it } from "vitest";
import { changeRole, getPerson, searchPeople } from "@/lib/db/people";
import { recordRefusal, REFUSALS_PER_IP, REFUSALS_PER_USER, SECURITY_REFUSED } from "@/lib/db/security-events";
import { endAllSessionsOf, endOwnSession, listOwnSessions } from "@/lib/db/user-sessions";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const DAY = 24 * 60 * 60 * 1000;

async function person(email: string, role: "ADMIN" | "PARTICIPANT" = "PARTICIPANT") {
  return t.db.user.create({ data: { email, role, name: email.split("@")[0] } });
}
async function session(userId: string, token: string) {
  return t.db.session.create({ data: { sessionToken: token, userId, expires: new Date(Date.now() + DAY) } });
}
const tokens = async (userId: string) =>
  (await t.db.session.findMany({ where: { userId }, orderBy: { sessionToken: "asc" } })).map((s) => s.sessionToken);

describe("own sessions", () => {
  it("lists a person's live sessions with the current one marked, never the token", async () => {
    const me = await person("lister@example.org");
    await session(me.id, "lister-laptop");
    await session(me.id, "lister-phone");
    await t.db.session.create({
      data: { sessionToken: "lister-old", userId: me.id, expires: new Date(Date.now() - 1) },
    });
    const listed = await listOwnSessions(t.db, me.id, "lister-phone");
    expect(listed).toHaveLength(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain("lister-");
  });

  it("ends one's own session, and another person's session id changes nothing", async () => {
    const me = await person("ender@example.org");
    const other = await person("victim@example.org");
    const mine = await session(me.id, "ender-a");
    await session(me.id, "ender-b");
    const theirs = await session(other.id, "victim-a");
    expect(await endOwnSession(t.db, me.id, theirs.id)).toBe(false);
    expect(await tokens(other.id)).toEqual(["victim-a"]);
    expect(await endOwnSession(t.db, me.id, mine.id)).toBe(true);
    expect(await tokens(me.id)).toEqual(["ender-b"]);
    expect(await t.db.auditEvent.count({ where: { action: "session.ended", actorId: me.id } })).toBe(1);
  });

  it("an admin ends every session of a person, audit-logged with the count", async () => {
    const admin = await person("ending-admin@example.org", "ADMIN");
    const user = await person("ended@example.org");
    await session(user.id, "ended-1");
    await session(user.id, "ended-2");
    await session(admin.id, "ending-admin-1");
    expect(await endAllSessionsOf(t.db, admin.id, user.id)).toBe(2);
    expect(await tokens(user.id)).toEqual([]);
    expect(await tokens(admin.id)).toEqual(["ending-admin-1"]);
    const entry = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "user.sessions_ended", entityId: user.id },
    });
    expect(entry).toMatchObject({ actorId: admin.id, subject: "ended@example.org", after: { ended: 2 } });
  });
});

describe("people and roles", () => {
  it("finds people by part of their e-mail or name", async () => {
    await person("findme-xq@example.org");
    expect((await searchPeople(t.db, "FINDME-XQ")).map((p) => p.email)).toEqual(["findme-xq@example.org"]);
    expect(await searchPeople(t.db, "nobody-by-this-name")).toEqual([]);
  });

  it("counts a person's live sessions by the same rule as the session check", async () => {
    const user = await person("counted@example.org");
    const now = Date.now();
    await session(user.id, "counted-live");
    await t.db.session.create({
      data: {
        sessionToken: "counted-idle",
        userId: user.id,
        updatedAt: new Date(now - 8 * DAY),
        expires: new Date(now + 20 * DAY),
      },
    });
    expect(await getPerson(t.db, user.id)).toMatchObject({ email: "counted@example.org", sessions: 1 });
    expect(await getPerson(t.db, "no-such-person")).toBeNull();
  });

  it("changes a role with an audit entry, and keeps the last admin", async () => {
    // This database's only admins are the ones this test makes.
    await t.db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "PARTICIPANT" } });
    const admin = await person("sole-admin@example.org", "ADMIN");
    const user = await person("promoted@example.org");
    expect(await changeRole(t.db, admin.id, admin.id, "PARTICIPANT")).toEqual({ ok: false, error: "last-admin" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    expect(await changeRole(t.db, admin.id, user.id, "ADMIN")).toEqual({ ok: true, changed: true });
    const entry = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.role_changed", entityId: user.id } });
    expect(entry).toMatchObject({ actorId: admin.id, before: { role: "PARTICIPANT" }, after: { role: "ADMIN" } });
    // Two admins demoting each other at once: one of them stays an admin.
    const results = await Promise.all([
      changeRole(t.db, admin.id, user.id, "PARTICIPANT"),
      changeRole(t.db, user.id, admin.id, "PARTICIPANT"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db.user.count({ where: { role: "ADMIN" } })).toBe(1);
    expect(await changeRole(t.db, admin.id, "no-such-user", "ADMIN")).toEqual({ ok: false, error: "not-found" });
  });
});

describe("security events", () => {
  it("records a refusal with who, what and from where", async () => {
    const user = await person("refused@example.org");
    expect(
      await recordRefusal(t.db, { userId: user.id, email: user.email, target: "/admin/cohorts", ip: "203.0.113.9" }),
    ).toBe(true);
    const entry = await t.db.auditEvent.findFirstOrThrow({ where: { action: SECURITY_REFUSED, actorId: user.id } });
    expect(entry).toMatchObject({ entity: "request", entityId: "/admin/cohorts", ip: "203.0.113.9" });
  });

  it("caps the entries per client and per person, so refusals cannot flood the audit table", async () => {
    const user = await person("flooder@example.org");
    const results = [];
    for (let i = 0; i < REFUSALS_PER_USER.points + 5; i++)
      results.push(
        await recordRefusal(t.db, { userId: user.id, email: user.email, target: `/x/${i}`, ip: `198.51.100.${i}` }),
      );
    expect(results.filter(Boolean)).toHaveLength(REFUSALS_PER_USER.points);
    expect(await t.db.auditEvent.count({ where: { action: SECURITY_REFUSED, actorId: user.id } })).toBe(
      REFUSALS_PER_USER.points,
    );
    // One client cycling through many accounts is held by the per-client cap.
    const ip = "192.0.2.77";
    let recorded = 0;
    for (let i = 0; i < REFUSALS_PER_IP.points + 5; i++) {
      const other = await person(`cycler-${i}@example.org`);
      if (await recordRefusal(t.db, { userId: other.id, email: other.email, target: "/admin", ip })) recorded++;
    }
    expect(recorded).toBe(REFUSALS_PER_IP.points);
    expect(await t.db.auditEvent.count({ where: { action: SECURITY_REFUSED, ip } })).toBe(REFUSALS_PER_IP.points);
  });
});
