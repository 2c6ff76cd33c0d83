import { describe, expect, it } from "vitest";
import { cohortAttendance } from "@/lib/db/attendance";
import { cohortAttendancePage, markUnmarked, sessionRegister } from "@/lib/db/attendance-register";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
let n = 0;
const HOUR = 60 * 60 * 1000;
/** `hours` from the moment the test runs: which sessions count as held depends on the clock. */
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * HOUR);
const pad = (i: number) => String(i).padStart(3, "0");

/** A cohort of `size` active people named "Person 001"…, a withdrawn one, and a held session. */
async function cohortOf(size: number, label: string) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `reg-${n}`,
      name: `Register ${n}`,
      timeZone: "UTC",
      startsOn: hoursFromNow(-48),
      endsOn: hoursFromNow(31 * 24),
    },
  });
  await t.db.user.createMany({
    data: Array.from({ length: size }, (_, i) => ({
      email: `${label.toLowerCase()}-${pad(i + 1)}-${n}@example.org`,
      certificateName: `${label} Person ${pad(i + 1)}`,
    })),
  });
  const people = await t.db.user.findMany({
    where: { email: { startsWith: `${label.toLowerCase()}-`, endsWith: `-${n}@example.org` } },
    orderBy: { certificateName: "asc" },
  });
  await t.db.enrolment.createMany({
    data: people.map((p) => ({ userId: p.id, cohortId: cohort.id, status: "ACTIVE" as const })),
  });
  const gone = await t.db.user.create({
    data: { email: `${label.toLowerCase()}-gone-${n}@example.org`, certificateName: "Gone" },
  });
  await t.db.enrolment.create({ data: { userId: gone.id, cohortId: cohort.id, status: "WITHDRAWN" } });
  const session = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: "nhz-policy-framework",
      startsAt: hoursFromNow(-30),
      endsAt: hoursFromNow(-29),
    },
  });
  return { cohort, people, gone, session };
}

async function setup() {
  const admin = await t.db.user.create({ data: { email: `reg-admin-${n}@example.org`, role: "ADMIN" } });
  const a = await cohortOf(250, "Alpha");
  const b = await cohortOf(5, "Beta");
  return { admin, a, b };
}

const all = { show: "all" as const, q: "", page: 1, pageSize: 100 };

describe("session register, a page at a time", () => {
  it("pages the cohort's active people by name, and reads a page past the end as the last one", async () => {
    const { a } = await setup();
    const first = await sessionRegister(t.db, a.cohort.id, a.session.id, all);
    expect(first?.window).toMatchObject({ page: 1, pages: 3, total: 250, from: 1, to: 100 });
    expect(first?.rows).toHaveLength(100);
    expect(first?.rows[0]?.user.certificateName).toBe("Alpha Person 001");
    const third = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, page: 3 });
    expect(third?.rows.map((r) => r.user.certificateName)).toEqual(
      Array.from({ length: 50 }, (_, i) => `Alpha Person ${pad(201 + i)}`),
    );
    const past = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, page: 9 });
    expect(past?.window).toMatchObject({ page: 3, from: 201, to: 250 });
    expect(first?.counts).toMatchObject({ all: 250, unmarked: 250, PRESENT: 0 });
  });

  it("filters by status and searches name, e-mail and the cohort's remembered Zoom names, in any case", async () => {
    const { admin, a, b } = await setup();
    const late = a.people.slice(140, 143);
    await t.db.attendanceRecord.createMany({
      data: [
        ...late.map((p) => ({
          sessionId: a.session.id,
          userId: p.id,
          status: "LATE" as const,
          source: "MANUAL" as const,
        })),
        { sessionId: a.session.id, userId: a.people[0]!.id, status: "PRESENT", source: "MANUAL" },
        // A withdrawn person's record counts nowhere.
        { sessionId: a.session.id, userId: a.gone.id, status: "LATE", source: "MANUAL" },
      ],
    });
    const lateOnly = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, show: "LATE" });
    expect(lateOnly?.rows.map((r) => r.user.id)).toEqual(late.map((p) => p.id));
    expect(lateOnly?.counts).toMatchObject({ all: 250, unmarked: 246, LATE: 3, PRESENT: 1, ABSENT: 0 });
    const unmarked = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, show: "unmarked" });
    expect(unmarked?.window.total).toBe(246);

    const byName = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, q: "alpha person 207" });
    expect(byName?.rows.map((r) => r.user.certificateName)).toEqual(["Alpha Person 207"]);
    const byEmail = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, q: "ALPHA-199-" });
    expect(byEmail?.rows.map((r) => r.user.certificateName)).toEqual(["Alpha Person 199"]);

    const person = a.people[230]!;
    for (const [cohortId, zoomName] of [
      [a.cohort.id, "Laptop of Zhang"],
      [b.cohort.id, "Tablet of Kim"],
    ] as const)
      await t.db.zoomNameMatch.create({
        data: { cohortId, zoomKey: `name:${zoomName}`, zoomName, userId: person.id, confirmedById: admin.id },
      });
    const byZoom = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, q: "laptop of" });
    expect(byZoom?.rows.map((r) => r.user.id)).toEqual([person.id]);
    // A name remembered in another cohort is that cohort's business.
    const otherCohorts = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, q: "tablet of" });
    expect(otherCohorts?.rows).toEqual([]);
    expect(otherCohorts?.window).toMatchObject({ total: 0, from: 0, to: 0 });
  });

  it("never shows another cohort's people or sessions", async () => {
    const { a, b } = await setup();
    expect(await sessionRegister(t.db, a.cohort.id, b.session.id, all)).toBeNull();
    const beta = await sessionRegister(t.db, a.cohort.id, a.session.id, { ...all, q: "beta" });
    expect(beta?.rows).toEqual([]);
    const onlyB = await sessionRegister(t.db, b.cohort.id, b.session.id, { ...all, q: "person" });
    expect(onlyB?.rows.map((r) => r.user.email)).toEqual(b.people.map((p) => p.email));
  });

  it("marks everyone not marked yet in one statement, with an audit entry each, and nobody else", async () => {
    const { admin, a, b } = await setup();
    await t.db.attendanceRecord.create({
      data: { sessionId: a.session.id, userId: a.people[5]!.id, status: "ABSENT", source: "MANUAL" },
    });
    expect(await markUnmarked(t.db, admin.id, a.cohort.id, b.session.id, "PRESENT")).toBeNull();
    const marked = await markUnmarked(t.db, admin.id, a.cohort.id, a.session.id, "PRESENT");
    expect(marked).toHaveLength(249);
    expect(marked).not.toContain(a.people[5]!.id);
    expect(marked).not.toContain(a.gone.id);
    const records = await t.db.attendanceRecord.groupBy({
      by: ["status"],
      where: { sessionId: a.session.id },
      _count: { _all: true },
    });
    expect(Object.fromEntries(records.map((r) => [r.status, r._count._all]))).toEqual({ PRESENT: 249, ABSENT: 1 });
    expect(await t.db.attendanceRecord.count({ where: { sessionId: b.session.id } })).toBe(0);
    const audit = await t.db.auditEvent.findMany({
      where: { action: "attendance.mark", entityId: { startsWith: `${a.session.id}:` } },
    });
    expect(audit).toHaveLength(249);
    expect(audit[0]).toMatchObject({ actorId: admin.id, entity: "attendance" });
    expect(audit[0]?.after).toMatchObject({ status: "PRESENT", source: "MANUAL", sessionId: a.session.id });
    expect(await markUnmarked(t.db, admin.id, a.cohort.id, a.session.id, "PRESENT")).toEqual([]);
  });
});

describe("attendance matrix, a page at a time", () => {
  it("pages the people, searches, and still rates each session over the whole cohort", async () => {
    const { a, b } = await setup();
    await t.db.attendanceRecord.createMany({
      data: [
        ...a.people.slice(0, 100).map((p) => ({
          sessionId: a.session.id,
          userId: p.id,
          status: "PRESENT" as const,
          source: "MANUAL" as const,
        })),
        ...a.people.slice(240).map((p) => ({
          sessionId: a.session.id,
          userId: p.id,
          status: "ABSENT" as const,
          source: "MANUAL" as const,
        })),
      ],
    });
    const whole = await cohortAttendance(t.db, a.cohort.id);
    const second = await cohortAttendancePage(t.db, a.cohort.id, { q: "", page: 2, pageSize: 100 });
    expect(second.window).toMatchObject({ page: 2, pages: 3, total: 250, from: 101, to: 200 });
    expect(second.rows.map((r) => r.user.id)).toEqual(whole.rows.slice(100, 200).map((r) => r.user.id));
    expect(second.rows.map((r) => r.rate)).toEqual(whole.rows.slice(100, 200).map((r) => r.rate));
    expect(second.perSession).toEqual(whole.perSession);
    expect(second.perSession).toEqual([40]);
    const found = await cohortAttendancePage(t.db, a.cohort.id, { q: "PERSON 245", page: 1 });
    expect(found.rows.map((r) => [r.user.certificateName, r.statuses, r.rate])).toEqual([
      ["Alpha Person 245", ["ABSENT"], 0],
    ]);
    const other = await cohortAttendancePage(t.db, b.cohort.id, { q: "", page: 1 });
    expect(other.rows.map((r) => r.user.email)).toEqual(b.people.map((p) => p.email));
  });
});
