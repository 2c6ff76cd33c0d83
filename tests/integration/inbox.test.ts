import { describe, expect, it } from "vitest";
import {
  countCohortInbox,
  countPendingByCohort,
  decideEnrolmentsInBulk,
  decideExcusesInBulk,
  listPendingEnrolments,
  listPendingExcuses,
} from "@/lib/db/inbox";
import { setUpTestDatabase } from "./support/database";
import { countStatements } from "./support/statements";

const t = setUpTestDatabase();
let n = 0;
const MINUTE = 60_000;
/** Built from the moment the test runs: nothing here depends on the date. */
const minutesAgo = (m: number) => new Date(Date.now() - m * MINUTE);

async function cohort(capacity: number | null = null) {
  n += 1;
  return t.db.cohort.create({
    data: {
      slug: `inbox-${n}`,
      name: `Inbox ${n}`,
      timeZone: "UTC",
      startsOn: minutesAgo(60 * 24 * 7),
      endsOn: minutesAgo(-60 * 24 * 30),
      capacity,
      enrolmentMode: "APPROVAL",
    },
  });
}
const admin = () => t.db.user.create({ data: { email: `inbox-admin${++n}@example.org`, role: "ADMIN" } });
const person = () => t.db.user.create({ data: { email: `inbox-p${++n}@example.org`, name: `Person ${n}` } });

/** A place in the cohort, asked `age` minutes ago (a larger age is an older request). */
async function place(cohortId: string, status: "PENDING" | "ACTIVE" | "REJECTED" | "WITHDRAWN", age = 10) {
  const u = await person();
  return t.db.enrolment.create({ data: { userId: u.id, cohortId, status, createdAt: minutesAgo(age) } });
}

async function excuse(cohortId: string, status: "PENDING" | "APPROVED" | "REJECTED" = "PENDING", age = 10) {
  const u = await person();
  await t.db.enrolment.create({ data: { userId: u.id, cohortId, status: "ACTIVE" } });
  const session = await t.db.liveSession.create({
    data: {
      cohortId,
      lectureSlug: "nhz-policy-framework",
      startsAt: minutesAgo(-60 * 24),
      endsAt: minutesAgo(-60 * 25),
    },
  });
  return t.db.excuseRequest.create({
    data: {
      sessionId: session.id,
      userId: u.id,
      reason: "A conference abroad",
      status,
      createdAt: minutesAgo(age),
      decidedAt: status === "PENDING" ? null : minutesAgo(1),
    },
  });
}

const statusOf = async (id: string) => (await t.db.enrolment.findUniqueOrThrow({ where: { id } })).status;
const auditsOf = (action: string, ids: string[]) =>
  t.db.auditEvent.findMany({ where: { action, entityId: { in: ids } } });

describe("bulk decisions on enrolment requests", () => {
  it("approves every chosen request when there is room, one audit entry each", async () => {
    const a = await admin();
    const c = await cohort(10);
    const requests = [await place(c.id, "PENDING"), await place(c.id, "PENDING"), await place(c.id, "PENDING")];
    const ids = requests.map((r) => r.id);
    const result = await decideEnrolmentsInBulk(t.db, a.id, { cohortId: c.id, ids, decision: "approve" });
    expect(result.ok && [...result.outcomes.values()]).toEqual(["done", "done", "done"]);
    for (const id of ids) expect(await statusOf(id)).toBe("ACTIVE");
    const audits = await auditsOf("enrolment.approve", ids);
    expect(audits).toHaveLength(3);
    for (const e of audits) {
      expect(e.actorId).toBe(a.id);
      expect(e.before).toMatchObject({ status: "PENDING", cohortId: c.id });
      expect(e.after).toMatchObject({ status: "ACTIVE", cohortId: c.id });
    }
  });

  it("over capacity, approves the oldest requests up to the free places and leaves the rest pending, reported as full", async () => {
    const a = await admin();
    const c = await cohort(3);
    await place(c.id, "ACTIVE");
    // Chosen in another order than they were asked: the oldest get the places.
    const newest = await place(c.id, "PENDING", 1);
    const oldest = await place(c.id, "PENDING", 40);
    const second = await place(c.id, "PENDING", 30);
    const third = await place(c.id, "PENDING", 20);
    const ids = [newest.id, third.id, oldest.id, second.id];
    const result = await decideEnrolmentsInBulk(t.db, a.id, { cohortId: c.id, ids, decision: "approve" });
    expect(result.ok && Object.fromEntries(result.outcomes)).toEqual({
      [oldest.id]: "done",
      [second.id]: "done",
      [third.id]: "full",
      [newest.id]: "full",
    });
    expect(await statusOf(oldest.id)).toBe("ACTIVE");
    expect(await statusOf(second.id)).toBe("ACTIVE");
    expect(await statusOf(third.id)).toBe("PENDING");
    expect(await statusOf(newest.id)).toBe("PENDING");
    expect(await t.db.enrolment.count({ where: { cohortId: c.id, status: "ACTIVE" } })).toBe(3);
    expect(await auditsOf("enrolment.approve", ids)).toHaveLength(2);
  });

  it("skips another cohort's requests, decided ones and unknown ids, and writes nothing for them", async () => {
    const a = await admin();
    const c = await cohort();
    const other = await cohort();
    const mine = await place(c.id, "PENDING");
    const foreign = await place(other.id, "PENDING");
    const active = await place(c.id, "ACTIVE");
    const rejected = await place(c.id, "REJECTED");
    const ids = [mine.id, foreign.id, active.id, rejected.id, "no-such-id"];
    const result = await decideEnrolmentsInBulk(t.db, a.id, { cohortId: c.id, ids, decision: "reject" });
    expect(result.ok && Object.fromEntries(result.outcomes)).toEqual({
      [mine.id]: "done",
      [foreign.id]: "skipped",
      [active.id]: "skipped",
      [rejected.id]: "skipped",
      "no-such-id": "skipped",
    });
    expect(await statusOf(mine.id)).toBe("REJECTED");
    expect(await statusOf(foreign.id)).toBe("PENDING");
    expect(await statusOf(active.id)).toBe("ACTIVE");
    expect((await auditsOf("enrolment.reject", ids)).map((e) => e.entityId)).toEqual([mine.id]);
  });

  it("refuses someone who is not an admin, and writes nothing", async () => {
    const participant = await person();
    const c = await cohort();
    const request = await place(c.id, "PENDING");
    expect(
      await decideEnrolmentsInBulk(t.db, participant.id, { cohortId: c.id, ids: [request.id], decision: "approve" }),
    ).toEqual({ ok: false, error: "not-allowed" });
    expect(await statusOf(request.id)).toBe("PENDING");
    expect(await t.db.auditEvent.count({ where: { entityId: request.id } })).toBe(0);
  });

  it("an unknown cohort is not found", async () => {
    const a = await admin();
    expect(await decideEnrolmentsInBulk(t.db, a.id, { cohortId: "nope", ids: ["x"], decision: "approve" })).toEqual({
      ok: false,
      error: "not-found",
    });
  });
});

describe("bulk decisions on excuse requests", () => {
  it("accepts with a message: the requests are approved, the sessions excused, each step audit-logged", async () => {
    const a = await admin();
    const c = await cohort();
    const x1 = await excuse(c.id);
    const x2 = await excuse(c.id);
    const result = await decideExcusesInBulk(t.db, a.id, {
      cohortId: c.id,
      ids: [x1.id, x2.id],
      decision: "approve",
      note: "  Watch the recording.  ",
    });
    expect(result.ok && Object.fromEntries(result.outcomes)).toEqual({ [x1.id]: "done", [x2.id]: "done" });
    for (const x of [x1, x2]) {
      const after = await t.db.excuseRequest.findUniqueOrThrow({ where: { id: x.id } });
      expect(after).toMatchObject({ status: "APPROVED", decidedById: a.id, decisionNote: "Watch the recording." });
      const record = await t.db.attendanceRecord.findUniqueOrThrow({
        where: { sessionId_userId: { sessionId: x.sessionId, userId: x.userId } },
      });
      expect(record.status).toBe("EXCUSED");
    }
    const audits = await auditsOf("excuse.approve", [x1.id, x2.id]);
    expect(audits).toHaveLength(2);
    expect(audits[0]!.after).toEqual({ status: "APPROVED", note: "Watch the recording." });
    expect(await t.db.auditEvent.count({ where: { action: "attendance.mark", actorId: a.id } })).toBe(2);
  });

  it("refuses with a reason; other cohorts' and decided requests are skipped and left as they were", async () => {
    const a = await admin();
    const c = await cohort();
    const other = await cohort();
    const mine = await excuse(c.id);
    const foreign = await excuse(other.id);
    const decided = await excuse(c.id, "APPROVED");
    const ids = [mine.id, foreign.id, decided.id];
    const result = await decideExcusesInBulk(t.db, a.id, {
      cohortId: c.id,
      ids,
      decision: "reject",
      note: "The session is required.",
    });
    expect(result.ok && Object.fromEntries(result.outcomes)).toEqual({
      [mine.id]: "done",
      [foreign.id]: "skipped",
      [decided.id]: "skipped",
    });
    expect(await t.db.excuseRequest.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({
      status: "REJECTED",
      decisionNote: "The session is required.",
    });
    expect(await t.db.excuseRequest.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      status: "PENDING",
      decisionNote: null,
    });
    expect(await t.db.excuseRequest.findUniqueOrThrow({ where: { id: decided.id } })).toMatchObject({
      status: "APPROVED",
      decisionNote: null,
    });
    expect(await t.db.attendanceRecord.count({ where: { userId: mine.userId } })).toBe(0);
    expect((await auditsOf("excuse.reject", ids)).map((e) => e.entityId)).toEqual([mine.id]);
  });

  it("refuses someone who is not an admin, and writes nothing", async () => {
    const participant = await person();
    const c = await cohort();
    const x = await excuse(c.id);
    expect(
      await decideExcusesInBulk(t.db, participant.id, { cohortId: c.id, ids: [x.id], decision: "reject" }),
    ).toEqual({ ok: false, error: "not-allowed" });
    expect((await t.db.excuseRequest.findUniqueOrThrow({ where: { id: x.id } })).status).toBe("PENDING");
  });
});

describe("the inbox's lists and counts", () => {
  it("counts every cohort's pending requests in one statement", async () => {
    const c1 = await cohort();
    const c2 = await cohort();
    const c3 = await cohort();
    await place(c1.id, "PENDING");
    await place(c1.id, "PENDING");
    await place(c1.id, "ACTIVE");
    await excuse(c1.id);
    await excuse(c1.id, "REJECTED");
    await excuse(c2.id);
    await place(c3.id, "WITHDRAWN");
    const { result, statements } = await countStatements(() => countPendingByCohort(t.db));
    expect(statements).toHaveLength(1);
    expect(result.get(c1.id)).toEqual({ enrolments: 2, excuses: 1 });
    expect(result.get(c2.id)).toEqual({ enrolments: 0, excuses: 1 });
    expect(result.has(c3.id)).toBe(false);
    expect(await countCohortInbox(t.db, c1.id)).toEqual({ enrolments: 2, excuses: 1 });
  });

  it("lists a cohort's pending requests only, oldest first", async () => {
    const c = await cohort();
    const other = await cohort();
    const late = await place(c.id, "PENDING", 5);
    const early = await place(c.id, "PENDING", 50);
    await place(c.id, "ACTIVE");
    await place(other.id, "PENDING");
    expect((await listPendingEnrolments(t.db, c.id, 1)).map((e) => e.id)).toEqual([early.id, late.id]);
    const x2 = await excuse(c.id, "PENDING", 5);
    const x1 = await excuse(c.id, "PENDING", 50);
    await excuse(c.id, "APPROVED");
    await excuse(other.id);
    expect((await listPendingExcuses(t.db, c.id, 1)).map((x) => x.id)).toEqual([x1.id, x2.id]);
    expect(await listPendingExcuses(t.db, c.id, 2)).toEqual([]);
  });
});
