import { describe, expect, it } from "vitest";
import {
  changeEnrolment,
  countCohortEnrolments,
  listAllCohortEnrolments,
  listCohortEnrolments,
} from "@/lib/db/enrolments-admin";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
let n = 0;

async function cohort(data: Record<string, unknown> = {}) {
  n += 1;
  return t.db.cohort.create({
    data: {
      slug: `c-${n}`,
      name: `Cohort ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
      ...data,
    },
  });
}
const person = async (name = `Person ${n}`) => t.db.user.create({ data: { email: `p${++n}@example.org`, name } });
const admin = async () => t.db.user.create({ data: { email: `admin${++n}@example.org`, role: "ADMIN" } });
async function place(cohortId: string, status: "PENDING" | "ACTIVE" | "WITHDRAWN" | "REJECTED") {
  const u = await person();
  return t.db.enrolment.create({ data: { userId: u.id, cohortId, status } });
}

describe("changeEnrolment", () => {
  it.each([
    ["approve", "PENDING", "ACTIVE"],
    ["reject", "PENDING", "REJECTED"],
    ["withdraw", "ACTIVE", "WITHDRAWN"],
    ["withdraw", "PENDING", "WITHDRAWN"],
    ["reinstate", "WITHDRAWN", "ACTIVE"],
    ["reinstate", "REJECTED", "ACTIVE"],
  ] as const)("%s turns %s into %s, audit-logged with before and after", async (action, from, to) => {
    const a = await admin();
    const c = await cohort();
    const e = await place(c.id, from);
    expect(await changeEnrolment(t.db, a.id, { cohortId: c.id, enrolmentId: e.id, action })).toEqual({
      ok: true,
      status: to,
    });
    expect((await t.db.enrolment.findUniqueOrThrow({ where: { id: e.id } })).status).toBe(to);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: `enrolment.${action}`, entityId: e.id } });
    expect(audit.actorId).toBe(a.id);
    expect(audit.before).toMatchObject({ status: from, cohortId: c.id });
    expect(audit.after).toMatchObject({ status: to, cohortId: c.id });
  });

  it("refuses what the status does not allow, and writes nothing", async () => {
    const a = await admin();
    const c = await cohort();
    const e = await place(c.id, "ACTIVE");
    expect(await changeEnrolment(t.db, a.id, { cohortId: c.id, enrolmentId: e.id, action: "approve" })).toEqual({
      ok: false,
      error: "not-allowed",
    });
    expect((await t.db.enrolment.findUniqueOrThrow({ where: { id: e.id } })).status).toBe("ACTIVE");
    expect(await t.db.auditEvent.count({ where: { entityId: e.id } })).toBe(0);
  });

  it("does not approve beyond capacity", async () => {
    const a = await admin();
    const c = await cohort({ capacity: 1 });
    await place(c.id, "ACTIVE");
    const waiting = await place(c.id, "PENDING");
    expect(await changeEnrolment(t.db, a.id, { cohortId: c.id, enrolmentId: waiting.id, action: "approve" })).toEqual({
      ok: false,
      error: "full",
    });
    expect(await countCohortEnrolments(t.db, c.id)).toEqual({ ACTIVE: 1, PENDING: 1, WITHDRAWN: 0, REJECTED: 0 });
  });

  it("moves a person to another cohort, keeping the status, with both cohorts in the audit entry", async () => {
    const a = await admin();
    const [from, to] = [await cohort(), await cohort()];
    const e = await place(from.id, "ACTIVE");
    expect(
      await changeEnrolment(t.db, a.id, {
        cohortId: from.id,
        enrolmentId: e.id,
        action: "move",
        targetCohortId: to.id,
      }),
    ).toEqual({ ok: true, status: "ACTIVE" });
    const moved = await t.db.enrolment.findUniqueOrThrow({ where: { id: e.id } });
    expect(moved.cohortId).toBe(to.id);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "enrolment.move", entityId: e.id } });
    expect(audit.before).toMatchObject({ cohortId: from.id });
    expect(audit.after).toMatchObject({ cohortId: to.id, status: "ACTIVE" });
  });

  it.each([
    [
      "already-in-target",
      async (to: { id: string }, userId: string) =>
        void (await t.db.enrolment.create({ data: { userId, cohortId: to.id, status: "WITHDRAWN" } })),
    ],
    [
      "target-archived",
      async (to: { id: string }) =>
        void (await t.db.cohort.update({ where: { id: to.id }, data: { archivedAt: new Date() } })),
    ],
    [
      "full",
      async (to: { id: string }) =>
        void (await t.db.cohort.update({ where: { id: to.id }, data: { capacity: 1 } }), await place(to.id, "ACTIVE")),
    ],
  ] as const)("refuses a move when %s", async (error, arrange) => {
    const a = await admin();
    const [from, to] = [await cohort(), await cohort()];
    const e = await place(from.id, "ACTIVE");
    await arrange(to, e.userId);
    expect(
      await changeEnrolment(t.db, a.id, {
        cohortId: from.id,
        enrolmentId: e.id,
        action: "move",
        targetCohortId: to.id,
      }),
    ).toEqual({ ok: false, error });
    expect((await t.db.enrolment.findUniqueOrThrow({ where: { id: e.id } })).cohortId).toBe(from.id);
  });

  it("treats an enrolment of another cohort as not found: the cohort in the URL must own it", async () => {
    const a = await admin();
    const [mine, other] = [await cohort(), await cohort()];
    const e = await place(other.id, "PENDING");
    expect(await changeEnrolment(t.db, a.id, { cohortId: mine.id, enrolmentId: e.id, action: "approve" })).toEqual({
      ok: false,
      error: "not-found",
    });
    expect((await t.db.enrolment.findUniqueOrThrow({ where: { id: e.id } })).status).toBe("PENDING");
    expect(
      await changeEnrolment(t.db, a.id, {
        cohortId: mine.id,
        enrolmentId: e.id,
        action: "move",
        targetCohortId: "nope",
      }),
    ).toEqual({ ok: false, error: "not-found" });
  });

  it("approving 10 requests at once for 3 free places approves exactly 3", async () => {
    const a = await admin();
    const c = await cohort({ capacity: 3 });
    const waiting = await Promise.all(Array.from({ length: 10 }, () => place(c.id, "PENDING")));
    const results = await Promise.all(
      waiting.map((e) => changeEnrolment(t.db, a.id, { cohortId: c.id, enrolmentId: e.id, action: "approve" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.error === "full")).toHaveLength(7);
    expect((await countCohortEnrolments(t.db, c.id)).ACTIVE).toBe(3);
  });
});

describe("listCohortEnrolments", () => {
  it("filters by status and by name or e-mail, and pages", async () => {
    const c = await cohort();
    const other = await cohort();
    await place(c.id, "ACTIVE");
    await place(c.id, "PENDING");
    const zed = await t.db.user.create({ data: { email: "zed.search@example.org", name: "Zed Searchable" } });
    await t.db.enrolment.create({ data: { userId: zed.id, cohortId: c.id, status: "ACTIVE" } });
    await place(other.id, "ACTIVE");
    expect((await listCohortEnrolments(t.db, c.id)).total).toBe(3);
    expect((await listCohortEnrolments(t.db, c.id, { status: "PENDING" })).rows.map((r) => r.status)).toEqual([
      "PENDING",
    ]);
    expect((await listCohortEnrolments(t.db, c.id, { query: "searchABLE" })).rows.map((r) => r.user.email)).toEqual([
      "zed.search@example.org",
    ]);
    expect((await listCohortEnrolments(t.db, c.id, { page: 2 })).rows).toEqual([]);
    expect((await listAllCohortEnrolments(t.db, c.id)).every((r) => r.user.email !== undefined)).toBe(true);
    expect(await listAllCohortEnrolments(t.db, c.id)).toHaveLength(3);
  });
});
