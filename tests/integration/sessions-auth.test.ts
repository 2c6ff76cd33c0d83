import { describe, expect, it } from "vitest";
import { readSession } from "@/lib/db/sessions-auth";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const now = new Date("2026-11-26T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const ahead = (ms: number) => new Date(now.getTime() + ms);

async function session(token: string, userId: string, times: { createdAt: Date; updatedAt: Date; expires: Date }) {
  await t.db.session.create({ data: { sessionToken: token, userId, ...times } });
}
const stored = (token: string) => t.db.session.findUnique({ where: { sessionToken: token } });

describe("readSession", () => {
  it("returns the user of a live session, nothing for an expired or unknown one", async () => {
    const user = await t.db.user.create({
      data: { email: "reader@example.org", role: "ADMIN", timeZone: "Asia/Tehran", profileCompletedAt: new Date() },
    });
    await session("live", user.id, { createdAt: ago(HOUR), updatedAt: ago(60_000), expires: ahead(7 * DAY) });
    await session("gone", user.id, { createdAt: ago(HOUR), updatedAt: ago(HOUR), expires: ago(1000) });
    expect(await readSession(t.db, "live", undefined, now)).toEqual({
      id: user.id,
      email: "reader@example.org",
      name: null,
      image: null,
      role: "ADMIN",
      profileComplete: true,
      timeZone: "Asia/Tehran",
    });
    expect(await readSession(t.db, "gone", undefined, now)).toBeNull();
    expect(await readSession(t.db, "nobody", undefined, now)).toBeNull();
    // A session used within the hour is not written to.
    expect((await stored("live"))?.expires).toEqual(ahead(7 * DAY));
  });

  it("records the use of a session last used more than an hour ago: 7 more idle days, within 30 days of sign-in", async () => {
    const user = await t.db.user.create({ data: { email: "extend@example.org" } });
    await session("used", user.id, { createdAt: ago(2 * DAY), updatedAt: ago(2 * HOUR), expires: ahead(5 * DAY) });
    await session("late", user.id, { createdAt: ago(28 * DAY), updatedAt: ago(DAY), expires: ahead(6 * DAY) });
    expect(await readSession(t.db, "used", undefined, now)).toMatchObject({ id: user.id, profileComplete: false });
    expect(await stored("used")).toMatchObject({ expires: ahead(7 * DAY), updatedAt: now });
    expect(await readSession(t.db, "late", undefined, now)).toMatchObject({ id: user.id });
    expect((await stored("late"))?.expires).toEqual(ahead(2 * DAY));
  });

  it("refuses and deletes a session 30 days after sign-in, however recently used and whatever its stored expiry", async () => {
    const user = await t.db.user.create({ data: { email: "absolute@example.org" } });
    await session("old", user.id, { createdAt: ago(30 * DAY), updatedAt: ago(HOUR), expires: ahead(29 * DAY) });
    expect(await readSession(t.db, "old", undefined, now)).toBeNull();
    expect(await stored("old")).toBeNull();
  });

  it("refuses and deletes a session unused for 7 days, whatever its stored expiry", async () => {
    const user = await t.db.user.create({ data: { email: "idle@example.org" } });
    await session("idle", user.id, { createdAt: ago(9 * DAY), updatedAt: ago(7 * DAY), expires: ahead(23 * DAY) });
    await session("recent", user.id, { createdAt: ago(9 * DAY), updatedAt: ago(6 * DAY), expires: ahead(23 * DAY) });
    expect(await readSession(t.db, "idle", undefined, now)).toBeNull();
    expect(await stored("idle")).toBeNull();
    expect(await readSession(t.db, "recent", undefined, now)).toMatchObject({ id: user.id });
  });

  it("sees a change of role at once (sessions live in the database)", async () => {
    const user = await t.db.user.create({ data: { email: "demoted@example.org", role: "ADMIN" } });
    await t.db.session.create({
      data: { sessionToken: "demote", userId: user.id, expires: new Date(Date.now() + DAY) },
    });
    expect((await readSession(t.db, "demote"))?.role).toBe("ADMIN");
    await t.db.user.update({ where: { id: user.id }, data: { role: "PARTICIPANT" } });
    expect((await readSession(t.db, "demote"))?.role).toBe("PARTICIPANT");
  });
});
