import { describe, expect, it } from "vitest";
import { readSession } from "@/lib/db/sessions-auth";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const DAY = 24 * 60 * 60;
const opts = { maxAgeSeconds: 30 * DAY, updateAgeSeconds: DAY };

describe("readSession", () => {
  it("returns the user of a live session, nothing for an expired or unknown one", async () => {
    const user = await t.db.user.create({
      data: { email: "reader@example.org", role: "ADMIN", timeZone: "Asia/Tehran", profileCompletedAt: new Date() },
    });
    const now = new Date("2026-11-26T12:00:00Z");
    await t.db.session.create({
      data: { sessionToken: "live", userId: user.id, expires: new Date("2026-12-26T00:00:00Z") },
    });
    await t.db.session.create({
      data: { sessionToken: "gone", userId: user.id, expires: new Date("2026-11-26T11:59:59Z") },
    });
    expect(await readSession(t.db, "live", opts, now)).toEqual({
      id: user.id,
      email: "reader@example.org",
      name: null,
      image: null,
      role: "ADMIN",
      profileComplete: true,
      timeZone: "Asia/Tehran",
    });
    expect(await readSession(t.db, "gone", opts, now)).toBeNull();
    expect(await readSession(t.db, "nobody", opts, now)).toBeNull();
    // A session used within a day of its last extension is not written to.
    expect((await t.db.session.findUniqueOrThrow({ where: { sessionToken: "live" } })).expires).toEqual(
      new Date("2026-12-26T00:00:00Z"),
    );
  });

  it("extends a session last extended more than a day ago, as Auth.js does", async () => {
    const user = await t.db.user.create({ data: { email: "extend@example.org" } });
    const now = new Date("2026-11-26T12:00:00Z");
    await t.db.session.create({
      data: { sessionToken: "old", userId: user.id, expires: new Date("2026-12-24T12:00:00Z") },
    }); // extended 2 days ago
    expect(await readSession(t.db, "old", opts, now)).toMatchObject({
      id: user.id,
      profileComplete: false,
      timeZone: "UTC",
    });
    expect((await t.db.session.findUniqueOrThrow({ where: { sessionToken: "old" } })).expires).toEqual(
      new Date("2026-12-26T12:00:00Z"),
    );
  });

  it("sees a change of role at once (sessions live in the database)", async () => {
    const user = await t.db.user.create({ data: { email: "demoted@example.org", role: "ADMIN" } });
    await t.db.session.create({
      data: { sessionToken: "demote", userId: user.id, expires: new Date(Date.now() + DAY * 1000) },
    });
    expect((await readSession(t.db, "demote", opts))?.role).toBe("ADMIN");
    await t.db.user.update({ where: { id: user.id }, data: { role: "PARTICIPANT" } });
    expect((await readSession(t.db, "demote", opts))?.role).toBe("PARTICIPANT");
  });
});
