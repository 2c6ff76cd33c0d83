import { describe, expect, it } from "vitest";
import {
  createSession,
  deleteSession,
  getCohortSession,
  getOwnCohortSchedule,
  listCohortSessions,
  listOwnCohortSchedules,
  updateSession,
} from "@/lib/db/sessions";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
let n = 0;

async function cohort(data: Record<string, unknown> = {}) {
  n += 1;
  return t.db.cohort.create({
    data: {
      slug: `s-${n}`,
      name: `Cohort ${n}`,
      timeZone: "Asia/Karachi",
      startsOn: new Date("2021-12-15"),
      endsOn: new Date("2021-12-16"),
      ...data,
    },
  });
}
const person = async (role: "ADMIN" | "PARTICIPANT" = "PARTICIPANT") =>
  t.db.user.create({ data: { email: `u${++n}@example.org`, role } });
const slot = (start: string, end: string, lectureSlug = "nhz-policy-framework") => ({
  lectureSlug,
  startsAt: new Date(start),
  endsAt: new Date(end),
  joinUrl: "https://zoom.us/j/1",
});

describe("live sessions", () => {
  it("creates, updates and deletes, each audit-logged with before and after", async () => {
    const a = await person("ADMIN");
    const c = await cohort();
    const s = await createSession(t.db, a.id, c.id, slot("2021-12-15T04:00:00Z", "2021-12-15T05:00:00Z"));
    expect(
      await updateSession(
        t.db,
        a.id,
        c.id,
        s.id,
        slot("2021-12-15T05:00:00Z", "2021-12-15T06:30:00Z", "china-st-system-reform"),
      ),
    ).toBe(true);
    expect(await getCohortSession(t.db, c.id, s.id)).toMatchObject({
      lectureSlug: "china-st-system-reform",
      endsAt: new Date("2021-12-15T06:30:00Z"),
    });
    const update = await t.db.auditEvent.findFirstOrThrow({ where: { action: "session.update", entityId: s.id } });
    expect(update.before).toMatchObject({ lectureSlug: "nhz-policy-framework" });
    expect(update.after).toMatchObject({ lectureSlug: "china-st-system-reform" });
    expect(await deleteSession(t.db, a.id, c.id, s.id)).toBe("deleted");
    expect(await listCohortSessions(t.db, c.id)).toEqual([]);
    expect(await t.db.auditEvent.count({ where: { entityId: s.id } })).toBe(3);
  });

  it("will not touch a session through another cohort's id", async () => {
    const a = await person("ADMIN");
    const [mine, other] = [await cohort(), await cohort()];
    const s = await createSession(t.db, a.id, other.id, slot("2021-12-15T04:00:00Z", "2021-12-15T05:00:00Z"));
    expect(await updateSession(t.db, a.id, mine.id, s.id, slot("2021-12-15T06:00:00Z", "2021-12-15T07:00:00Z"))).toBe(
      false,
    );
    expect(await deleteSession(t.db, a.id, mine.id, s.id)).toBe("not-found");
    expect(await getCohortSession(t.db, mine.id, s.id)).toBeNull();
    expect((await listCohortSessions(t.db, other.id)).map((x) => x.startsAt)).toEqual([
      new Date("2021-12-15T04:00:00Z"),
    ]);
  });

  it("the database refuses a session that ends before it starts, or a join link that is not https", async () => {
    const c = await cohort();
    await expect(
      t.db.liveSession.create({ data: { cohortId: c.id, ...slot("2021-12-15T05:00:00Z", "2021-12-15T04:00:00Z") } }),
    ).rejects.toThrow(/live_sessions_times_check/);
    await expect(
      t.db.liveSession.create({
        data: {
          cohortId: c.id,
          ...slot("2021-12-15T04:00:00Z", "2021-12-15T05:00:00Z"),
          joinUrl: "javascript:alert(1)",
        },
      }),
    ).rejects.toThrow(/live_sessions_join_url_check/);
  });
});

describe("a participant's schedule: own cohorts only", () => {
  it("shows the schedule of an active place, hides it while pending, and never shows another cohort's", async () => {
    const a = await person("ADMIN");
    const [cohortA, cohortB, cohortC] = [await cohort(), await cohort(), await cohort()];
    await createSession(t.db, a.id, cohortA.id, slot("2021-12-15T04:00:00Z", "2021-12-15T05:00:00Z"));
    await createSession(t.db, a.id, cohortB.id, slot("2021-12-15T06:00:00Z", "2021-12-15T07:00:00Z"));
    await createSession(t.db, a.id, cohortC.id, slot("2021-12-15T08:00:00Z", "2021-12-15T09:00:00Z"));
    const p = await person();
    await t.db.enrolment.create({ data: { userId: p.id, cohortId: cohortA.id, status: "ACTIVE" } });
    await t.db.enrolment.create({ data: { userId: p.id, cohortId: cohortC.id, status: "PENDING" } });

    const own = await listOwnCohortSchedules(t.db, p.id);
    expect(
      own
        .map((e) => [e.cohort.name, e.status, e.cohort.sessions.length])
        .sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    ).toEqual([
      [cohortA.name, "ACTIVE", 1],
      [cohortC.name, "PENDING", 0],
    ]);
    expect(await getOwnCohortSchedule(t.db, p.id, cohortA.id)).toMatchObject({
      id: cohortA.id,
      sessions: [expect.objectContaining({ joinUrl: "https://zoom.us/j/1" })],
    });
    // Guessing another cohort's id gives nothing, whether the person has no place or only a pending one.
    expect(await getOwnCohortSchedule(t.db, p.id, cohortB.id)).toBeNull();
    expect(await getOwnCohortSchedule(t.db, p.id, cohortC.id)).toBeNull();
  });

  it("drops a withdrawn participant's access at once", async () => {
    const a = await person("ADMIN");
    const c = await cohort();
    await createSession(t.db, a.id, c.id, slot("2021-12-15T04:00:00Z", "2021-12-15T05:00:00Z"));
    const p = await person();
    const e = await t.db.enrolment.create({ data: { userId: p.id, cohortId: c.id, status: "ACTIVE" } });
    expect(await getOwnCohortSchedule(t.db, p.id, c.id)).not.toBeNull();
    await t.db.enrolment.update({ where: { id: e.id }, data: { status: "WITHDRAWN" } });
    expect(await getOwnCohortSchedule(t.db, p.id, c.id)).toBeNull();
    expect(await listOwnCohortSchedules(t.db, p.id)).toEqual([]);
  });
});
