import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prepareImage, type PreparedImage } from "@/lib/certificates/template-image";
import { getCohortCertificateImage, saveTemplate } from "@/lib/db/certificate-templates";
import {
  assignOrganiser,
  listCohortOrganisers,
  managesCohort,
  organisesCohort,
  removeOrganiser,
} from "@/lib/db/cohort-organisers";
import { listCohortsForAdmin } from "@/lib/db/cohorts-admin";
import { changeEnrolment, listMoveTargets } from "@/lib/db/enrolments-admin";
import { decideEnrolmentsInBulk, decideExcusesInBulk } from "@/lib/db/inbox";
import { changeRole } from "@/lib/db/people";
import { DEFAULT_ACCENT, DEFAULT_COLOUR, type TemplateFields } from "@/lib/domain/certificate-template";
import { roleChangeAllowed } from "@/lib/domain/sessions";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
/** This run's mark on every slug and e-mail address, so nothing here meets another run's rows. */
const RUN = randomBytes(3).toString("hex");
let n = 0;
const unique = () => `${RUN}-${++n}`;
const MINUTE = 60_000;
const minutesAgo = (m: number) => new Date(Date.now() - m * MINUTE);

type Role = "ADMIN" | "ORGANISER" | "PARTICIPANT";

async function cohort(data: { archivedAt?: Date; startsOn?: Date } = {}) {
  const id = unique();
  return t.db.cohort.create({
    data: {
      slug: `organised-${id}`,
      name: `Organised ${id}`,
      timeZone: "UTC",
      startsOn: minutesAgo(60 * 24 * 7),
      endsOn: minutesAgo(-60 * 24 * 30),
      enrolmentMode: "APPROVAL",
      ...data,
    },
  });
}
const user = (role: Role = "PARTICIPANT") =>
  t.db.user.create({ data: { email: `org-${role.toLowerCase()}-${unique()}@example.org`, role, name: `U ${n}` } });
const admin = () => user("ADMIN");
/** An assignment row as an admin's assignOrganiser leaves it, written directly so these tests do not rest on it. */
const assign = (userId: string, cohortId: string, assignedAt?: Date) =>
  t.db.cohortOrganiser.create({ data: { userId, cohortId, assignedAt } });
/** An organiser assigned to exactly these cohorts. */
async function organiserOf(...cohortIds: string[]) {
  const o = await user("ORGANISER");
  for (const cohortId of cohortIds) await assign(o.id, cohortId);
  return o;
}
const roleOf = async (id: string) => (await t.db.user.findUniqueOrThrow({ where: { id } })).role;
const rowsOf = (userId: string) =>
  t.db.cohortOrganiser.findMany({ where: { userId }, orderBy: { cohortId: "asc" }, select: { cohortId: true } });
const sorted = (ids: string[]) => [...ids].sort();

/**
 * The kinds of people who might act on a cohort, made for it. Only an admin and an organiser
 * assigned to it manage it; a participant who kept an assignment row (as a role change made
 * outside changeRole would leave it) does not.
 */
const ACTORS = {
  "an admin": { manages: true, make: () => admin() },
  "an organiser assigned to the cohort": { manages: true, make: (c: string) => organiserOf(c) },
  "an organiser of another cohort only": {
    manages: false,
    make: async () => organiserOf((await cohort()).id),
  },
  "an organiser assigned to no cohort": { manages: false, make: () => user("ORGANISER") },
  "a participant": { manages: false, make: () => user() },
  "a participant with an assignment row left over": {
    manages: false,
    make: async (c: string) => {
      const p = await user();
      await assign(p.id, c);
      return p;
    },
  },
} satisfies Record<string, { manages: boolean; make: (cohortId: string) => Promise<{ id: string }> }>;
const ACTOR_CASES = Object.entries(ACTORS).map(([who, a]) => [who, a.manages ? "allowed" : "refused", a] as const);

describe("organisers: who manages a cohort", () => {
  it.each([
    // who, organisesCohort, managesCohort
    ["an admin with no assignment", "ADMIN", "none", false, true],
    ["an organiser assigned to it", "ORGANISER", "this", true, true],
    ["an organiser assigned to another cohort", "ORGANISER", "other", false, false],
    ["an organiser assigned to none", "ORGANISER", "none", false, false],
    ["a participant with an assignment row left over", "PARTICIPANT", "this", true, false],
    ["a participant", "PARTICIPANT", "none", false, false],
  ] as const)(
    "%s (%s, assigned to %s cohort): organises it %s, manages it %s",
    async (_who, role, row, organises, manages) => {
      const [c, other] = [await cohort(), await cohort()];
      const u = await user(role);
      if (row !== "none") await assign(u.id, row === "this" ? c.id : other.id);
      expect(await organisesCohort(t.db, u.id, c.id)).toBe(organises);
      expect(await managesCohort(t.db, u.id, c.id)).toBe(manages);
    },
  );

  it("no one manages a cohort through an unknown user id", async () => {
    const c = await cohort();
    expect(await organisesCohort(t.db, "no-such-user", c.id)).toBe(false);
    expect(await managesCohort(t.db, "no-such-user", c.id)).toBe(false);
  });

  it("inside a transaction, decides with the rows that transaction sees", async () => {
    const c = await cohort();
    const o = await user("ORGANISER");
    await t.db.$transaction(async (tx) => {
      await tx.cohortOrganiser.create({ data: { userId: o.id, cohortId: c.id } });
      expect(await managesCohort(tx, o.id, c.id)).toBe(true);
      // Not committed yet: outside the transaction, the organiser has no cohort.
      expect(await managesCohort(t.db, o.id, c.id)).toBe(false);
    });
    expect(await managesCohort(t.db, o.id, c.id)).toBe(true);
  });

  it("lists a cohort's organisers in the order they were assigned, with who assigned them", async () => {
    const [c, other] = [await cohort(), await cohort()];
    const a = await admin();
    const later = await user("ORGANISER");
    const earlier = await user("ORGANISER");
    // Written in the other order than they were assigned: the list follows assignedAt.
    await t.db.cohortOrganiser.create({
      data: { userId: later.id, cohortId: c.id, assignedAt: minutesAgo(5), assignedById: a.id },
    });
    await t.db.cohortOrganiser.create({ data: { userId: earlier.id, cohortId: c.id, assignedAt: minutesAgo(50) } });
    await organiserOf(other.id);
    const listed = await listCohortOrganisers(t.db, c.id);
    expect(listed.map((o) => o.user)).toEqual([
      { id: earlier.id, email: earlier.email, name: earlier.name, role: "ORGANISER" },
      { id: later.id, email: later.email, name: later.name, role: "ORGANISER" },
    ]);
    expect(listed.map((o) => o.assignedBy)).toEqual([null, { email: a.email, name: a.name }]);
    expect(await listCohortOrganisers(t.db, (await cohort()).id)).toEqual([]);
  });
});

describe("organisers: assigning and removing", () => {
  it("assigning a participant makes them an organiser of that cohort, both steps audit-logged", async () => {
    const [c, other] = [await cohort(), await cohort()];
    const a = await admin();
    const p = await user();
    // The address as an admin might type it: upper case finds the stored lower-case one.
    expect(await assignOrganiser(t.db, a.id, c.id, p.email.toUpperCase())).toEqual({ ok: true, promoted: true });
    expect(await roleOf(p.id)).toBe("ORGANISER");
    expect(await t.db.cohortOrganiser.findMany({ where: { userId: p.id } })).toEqual([
      expect.objectContaining({ cohortId: c.id, userId: p.id, assignedById: a.id }),
    ]);
    expect(await managesCohort(t.db, p.id, c.id)).toBe(true);
    expect(await managesCohort(t.db, p.id, other.id)).toBe(false);
    const roleChanges = await t.db.auditEvent.findMany({ where: { action: "user.role_changed", entityId: p.id } });
    expect(roleChanges).toEqual([
      expect.objectContaining({
        actorId: a.id,
        subject: p.email,
        entity: "user",
        before: { role: "PARTICIPANT" },
        after: { role: "ORGANISER" },
      }),
    ]);
    const assigned = await t.db.auditEvent.findMany({ where: { action: "cohort.organiser_assigned", entityId: p.id } });
    expect(assigned).toEqual([
      expect.objectContaining({ actorId: a.id, subject: p.email, entity: "user", cohortId: c.id }),
    ]);
  });

  it("assigning an organiser to another cohort adds it; their role does not change and no role change is logged", async () => {
    const [first, second] = [await cohort(), await cohort()];
    const a = await admin();
    const o = await organiserOf(first.id);
    expect(await assignOrganiser(t.db, a.id, second.id, o.email)).toEqual({ ok: true, promoted: false });
    expect(await roleOf(o.id)).toBe("ORGANISER");
    expect(await rowsOf(o.id)).toEqual(sorted([first.id, second.id]).map((cohortId) => ({ cohortId })));
    expect(await t.db.auditEvent.count({ where: { action: "user.role_changed", entityId: o.id } })).toBe(0);
    const assigned = await t.db.auditEvent.findMany({ where: { action: "cohort.organiser_assigned", entityId: o.id } });
    expect(assigned.map((e) => e.cohortId)).toEqual([second.id]);
  });

  it.each<[string, string, (cohortId: string) => Promise<{ id?: string; email: string }>]>([
    ["no-account", "an address with no account", async () => ({ email: `nobody-${unique()}@example.org` })],
    ["is-admin", "an admin", async () => admin()],
    ["already", "an organiser already assigned to the cohort", async (cohortId: string) => organiserOf(cohortId)],
    [
      "erased",
      "an erased person",
      async () => {
        const p = await user();
        return t.db.user.update({ where: { id: p.id }, data: { erasedAt: new Date() } });
      },
    ],
  ])("refuses %s (%s), and writes nothing", async (error, _who, arrange) => {
    const c = await cohort();
    const a = await admin();
    const target = await arrange(c.id);
    const id = target.id;
    const before = id ? { role: await roleOf(id), rows: await rowsOf(id) } : null;
    expect(await assignOrganiser(t.db, a.id, c.id, target.email)).toEqual({ ok: false, error });
    if (id) expect({ role: await roleOf(id), rows: await rowsOf(id) }).toEqual(before);
    expect(await t.db.auditEvent.count({ where: { actorId: a.id } })).toBe(0);
  });

  it("refuses an unknown cohort (cohort-not-found), and the participant stays a participant", async () => {
    const a = await admin();
    const p = await user();
    expect(await assignOrganiser(t.db, a.id, "no-such-cohort", p.email)).toEqual({
      ok: false,
      error: "cohort-not-found",
    });
    expect(await roleOf(p.id)).toBe("PARTICIPANT");
    expect(await rowsOf(p.id)).toEqual([]);
    expect(await t.db.auditEvent.count({ where: { actorId: a.id } })).toBe(0);
  });

  it("the same person assigned twice at once: one assignment, the other is told it is already made", async () => {
    const c = await cohort();
    const [a1, a2] = [await admin(), await admin()];
    const p = await user();
    const results = await Promise.all([
      assignOrganiser(t.db, a1.id, c.id, p.email),
      assignOrganiser(t.db, a2.id, c.id, p.email),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "already")).toHaveLength(1);
    expect(await rowsOf(p.id)).toEqual([{ cohortId: c.id }]);
    expect(await t.db.auditEvent.count({ where: { action: "cohort.organiser_assigned", entityId: p.id } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "user.role_changed", entityId: p.id } })).toBe(1);
  });

  it("a person made an admin while their assignment waits is refused as an admin, and stays an admin", async () => {
    const c = await cohort();
    const a = await admin();
    const p = await user();
    let assigning: Promise<Awaited<ReturnType<typeof assignOrganiser>>> | undefined;
    await t.db.$transaction(async (tx) => {
      // Another admin's promotion holds the person's row...
      await tx.user.update({ where: { id: p.id }, data: { role: "ADMIN" } });
      assigning = assignOrganiser(t.db, a.id, c.id, p.email);
      // ...until the assignment is seen waiting for that row's lock.
      await expect
        .poll(
          async () =>
            (
              await t.db.$queryRaw<{ n: number }[]>`
                SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE '%users%' AND datname = current_database()`
            )[0]!.n,
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
    });
    expect(await assigning).toEqual({ ok: false, error: "is-admin" });
    expect(await roleOf(p.id)).toBe("ADMIN");
    expect(await rowsOf(p.id)).toEqual([]);
  });

  it("removing ends that one assignment, audit-logged; the role and the other assignments stay", async () => {
    const [c, other] = [await cohort(), await cohort()];
    const a = await admin();
    const o = await organiserOf(c.id, other.id);
    const colleague = await organiserOf(c.id);
    expect(await removeOrganiser(t.db, a.id, c.id, o.id)).toBe(true);
    expect(await rowsOf(o.id)).toEqual([{ cohortId: other.id }]);
    expect(await roleOf(o.id)).toBe("ORGANISER");
    expect(await managesCohort(t.db, o.id, c.id)).toBe(false);
    expect(await managesCohort(t.db, o.id, other.id)).toBe(true);
    expect(await managesCohort(t.db, colleague.id, c.id)).toBe(true);
    const removed = await t.db.auditEvent.findMany({ where: { action: "cohort.organiser_removed", entityId: o.id } });
    expect(removed).toEqual([
      expect.objectContaining({ actorId: a.id, subject: o.email, entity: "user", cohortId: c.id }),
    ]);
    // Removing again, or someone never assigned, changes nothing and logs nothing.
    expect(await removeOrganiser(t.db, a.id, c.id, o.id)).toBe(false);
    expect(await removeOrganiser(t.db, a.id, c.id, (await user("ORGANISER")).id)).toBe(false);
    expect(await t.db.auditEvent.count({ where: { action: "cohort.organiser_removed", actorId: a.id } })).toBe(1);
  });
});

describe("organisers: role changes", () => {
  it.each([
    // from, to, admins before, allowed
    ["ADMIN", "ORGANISER", 1, false],
    ["ADMIN", "PARTICIPANT", 1, false],
    ["ADMIN", "ORGANISER", 2, true],
    ["ADMIN", "ADMIN", 1, true],
    ["ORGANISER", "PARTICIPANT", 1, true],
    ["ORGANISER", "ADMIN", 1, true],
    ["PARTICIPANT", "ORGANISER", 1, true],
  ] as const)("roleChangeAllowed: %s to %s with %i admin(s) is %s", (from, to, admins, allowed) => {
    expect(roleChangeAllowed({ from, to, admins })).toBe(allowed);
  });

  it.each([
    // to, what becomes of their assignments, manages the cohort after
    ["PARTICIPANT", "ended", false],
    ["ADMIN", "ended", true],
    ["ORGANISER", "kept", true],
  ] as const)("an organiser made %s: their assignments are %s", async (to, assignments, managesAfter) => {
    const [c, other] = [await cohort(), await cohort()];
    const a = await admin();
    const o = await organiserOf(c.id, other.id);
    const colleague = await organiserOf(c.id);
    expect(await changeRole(t.db, a.id, o.id, to)).toEqual({ ok: true, changed: to !== "ORGANISER" });
    expect(await roleOf(o.id)).toBe(to);
    expect((await rowsOf(o.id)).length).toBe(assignments === "ended" ? 0 : 2);
    expect(await managesCohort(t.db, o.id, c.id)).toBe(managesAfter);
    // Another organiser of the same cohort keeps theirs.
    expect(await rowsOf(colleague.id)).toEqual([{ cohortId: c.id }]);
    expect(await t.db.auditEvent.findMany({ where: { action: "user.role_changed", entityId: o.id } })).toEqual(
      to === "ORGANISER"
        ? []
        : [expect.objectContaining({ actorId: a.id, before: { role: "ORGANISER" }, after: { role: to } })],
    );
  });

  it("made an organiser by role alone, a participant manages no cohort", async () => {
    const c = await cohort();
    const a = await admin();
    const p = await user();
    expect(await changeRole(t.db, a.id, p.id, "ORGANISER")).toEqual({ ok: true, changed: true });
    expect(await rowsOf(p.id)).toEqual([]);
    expect(await managesCohort(t.db, p.id, c.id)).toBe(false);
  });

  it("an organiser demoted and assigned again starts with only the new cohort", async () => {
    const [old, fresh] = [await cohort(), await cohort()];
    const a = await admin();
    const o = await organiserOf(old.id);
    await changeRole(t.db, a.id, o.id, "PARTICIPANT");
    expect(await assignOrganiser(t.db, a.id, fresh.id, o.email)).toEqual({ ok: true, promoted: true });
    expect(await rowsOf(o.id)).toEqual([{ cohortId: fresh.id }]);
    expect(await managesCohort(t.db, o.id, old.id)).toBe(false);
  });

  it("the platform's last admin cannot be made an organiser", async () => {
    // This database's only admin is the one this test makes (as in people-sessions.test.ts).
    await t.db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "PARTICIPANT" } });
    const sole = await admin();
    expect(await changeRole(t.db, sole.id, sole.id, "ORGANISER")).toEqual({ ok: false, error: "last-admin" });
    expect(await roleOf(sole.id)).toBe("ADMIN");
  });
});

/** A pending enrolment request in the cohort. */
async function request(cohortId: string) {
  const p = await user();
  return t.db.enrolment.create({ data: { userId: p.id, cohortId, status: "PENDING" } });
}
/** A pending excuse request for a session of the cohort. */
async function excuse(cohortId: string) {
  const p = await user();
  await t.db.enrolment.create({ data: { userId: p.id, cohortId, status: "ACTIVE" } });
  const session = await t.db.liveSession.create({
    data: {
      cohortId,
      lectureSlug: "nhz-policy-framework",
      startsAt: minutesAgo(-60 * 24),
      endsAt: minutesAgo(-60 * 25),
    },
  });
  return t.db.excuseRequest.create({ data: { sessionId: session.id, userId: p.id, reason: "A conference abroad" } });
}
const enrolmentStatus = async (id: string) => (await t.db.enrolment.findUniqueOrThrow({ where: { id } })).status;
const excuseStatus = async (id: string) => (await t.db.excuseRequest.findUniqueOrThrow({ where: { id } })).status;

describe("organisers: the inbox's bulk decisions", () => {
  it.each(ACTOR_CASES)("enrolment requests: %s is %s", async (_who, outcome, actor) => {
    const c = await cohort();
    const r = await request(c.id);
    const by = await actor.make(c.id);
    const result = await decideEnrolmentsInBulk(t.db, by.id, { cohortId: c.id, ids: [r.id], decision: "approve" });
    if (outcome === "allowed") {
      expect(result.ok && Object.fromEntries(result.outcomes)).toEqual({ [r.id]: "done" });
      expect(await enrolmentStatus(r.id)).toBe("ACTIVE");
      expect(await t.db.auditEvent.findMany({ where: { action: "enrolment.approve", entityId: r.id } })).toEqual([
        expect.objectContaining({ actorId: by.id, cohortId: c.id }),
      ]);
    } else {
      expect(result).toEqual({ ok: false, error: "not-allowed" });
      expect(await enrolmentStatus(r.id)).toBe("PENDING");
      expect(await t.db.auditEvent.count({ where: { entityId: r.id } })).toBe(0);
    }
  });

  it.each(ACTOR_CASES)("excuse requests: %s is %s", async (_who, outcome, actor) => {
    const c = await cohort();
    const x = await excuse(c.id);
    const by = await actor.make(c.id);
    const result = await decideExcusesInBulk(t.db, by.id, {
      cohortId: c.id,
      ids: [x.id],
      decision: "approve",
      note: "Watch the recording.",
    });
    if (outcome === "allowed") {
      expect(result.ok && Object.fromEntries(result.outcomes)).toEqual({ [x.id]: "done" });
      expect(await t.db.excuseRequest.findUniqueOrThrow({ where: { id: x.id } })).toMatchObject({
        status: "APPROVED",
        decidedById: by.id,
      });
      expect(await t.db.attendanceRecord.count({ where: { userId: x.userId, status: "EXCUSED" } })).toBe(1);
    } else {
      expect(result).toEqual({ ok: false, error: "not-allowed" });
      expect(await excuseStatus(x.id)).toBe("PENDING");
      expect(await t.db.attendanceRecord.count({ where: { userId: x.userId } })).toBe(0);
      expect(await t.db.auditEvent.count({ where: { entityId: x.id } })).toBe(0);
    }
  });

  it("the same requests: refused for another cohort's organiser, then decided by the cohort's own", async () => {
    const [c, other] = [await cohort(), await cohort()];
    const mine = await organiserOf(c.id);
    const theirs = await organiserOf(other.id);
    const r = await request(c.id);
    const x = await excuse(c.id);
    const enrolments = { cohortId: c.id, ids: [r.id], decision: "reject" } as const;
    const excuses = { cohortId: c.id, ids: [x.id], decision: "reject", note: "Required." } as const;
    expect(await decideEnrolmentsInBulk(t.db, theirs.id, enrolments)).toEqual({ ok: false, error: "not-allowed" });
    expect(await decideExcusesInBulk(t.db, theirs.id, excuses)).toEqual({ ok: false, error: "not-allowed" });
    expect([await enrolmentStatus(r.id), await excuseStatus(x.id)]).toEqual(["PENDING", "PENDING"]);
    const decidedEnrolments = await decideEnrolmentsInBulk(t.db, mine.id, enrolments);
    expect(decidedEnrolments.ok && Object.fromEntries(decidedEnrolments.outcomes)).toEqual({ [r.id]: "done" });
    const decidedExcuses = await decideExcusesInBulk(t.db, mine.id, excuses);
    expect(decidedExcuses.ok && Object.fromEntries(decidedExcuses.outcomes)).toEqual({ [x.id]: "done" });
    expect([await enrolmentStatus(r.id), await excuseStatus(x.id)]).toEqual(["REJECTED", "REJECTED"]);
  });

  it("an organiser asking about a cohort that does not exist is refused, not told it is missing", async () => {
    const o = await organiserOf((await cohort()).id);
    const input = { cohortId: "no-such-cohort", ids: ["x"], decision: "approve" } as const;
    expect(await decideEnrolmentsInBulk(t.db, o.id, input)).toEqual({ ok: false, error: "not-allowed" });
    expect(await decideExcusesInBulk(t.db, o.id, input)).toEqual({ ok: false, error: "not-allowed" });
  });

  it("an organiser whose assignment was removed can no longer decide", async () => {
    const c = await cohort();
    const a = await admin();
    const o = await organiserOf(c.id);
    const r = await request(c.id);
    await removeOrganiser(t.db, a.id, c.id, o.id);
    expect(await decideEnrolmentsInBulk(t.db, o.id, { cohortId: c.id, ids: [r.id], decision: "approve" })).toEqual({
      ok: false,
      error: "not-allowed",
    });
    expect(await enrolmentStatus(r.id)).toBe("PENDING");
  });
});

describe("organisers: moving people between cohorts", () => {
  it.each([
    // who, the cohorts they organise (from, to), outcome
    ["an admin", "ADMIN", [], "moved"],
    ["an organiser of both cohorts", "ORGANISER", ["from", "to"], "moved"],
    ["an organiser of the source cohort only", "ORGANISER", ["from"], "refused"],
    ["an organiser of the destination cohort only", "ORGANISER", ["to"], "refused"],
    ["a participant with rows for both cohorts left over", "PARTICIPANT", ["from", "to"], "refused"],
  ] as const)("a move by %s (%s)", async (_who, role, organises, outcome) => {
    const cohorts = { from: await cohort(), to: await cohort() };
    const by = await user(role);
    for (const k of organises) await assign(by.id, cohorts[k].id);
    const e = await t.db.enrolment.create({
      data: { userId: (await user()).id, cohortId: cohorts.from.id, status: "ACTIVE" },
    });
    const result = await changeEnrolment(t.db, by.id, {
      cohortId: cohorts.from.id,
      enrolmentId: e.id,
      action: "move",
      targetCohortId: cohorts.to.id,
    });
    const after = await t.db.enrolment.findUniqueOrThrow({ where: { id: e.id } });
    const audits = await t.db.auditEvent.findMany({ where: { action: "enrolment.move", entityId: e.id } });
    const notices = await t.db.notice.count({ where: { userId: e.userId } });
    if (outcome === "moved") {
      expect(result).toEqual({ ok: true, status: "ACTIVE" });
      expect(after).toMatchObject({ cohortId: cohorts.to.id, status: "ACTIVE" });
      expect(audits).toEqual([expect.objectContaining({ actorId: by.id, cohortId: cohorts.to.id })]);
      expect(notices).toBe(1);
    } else {
      expect(result).toEqual({ ok: false, error: "not-found" });
      expect(after).toMatchObject({ cohortId: cohorts.from.id, status: "ACTIVE" });
      expect(audits).toEqual([]);
      expect(notices).toBe(0);
    }
  });

  it("an organiser still decides in their own cohort without a move", async () => {
    const c = await cohort();
    const o = await organiserOf(c.id);
    const r = await request(c.id);
    expect(await changeEnrolment(t.db, o.id, { cohortId: c.id, enrolmentId: r.id, action: "approve" })).toEqual({
      ok: true,
      status: "ACTIVE",
    });
  });

  it("lists as move targets only the other open cohorts the organiser organises; an admin sees every other open one", async () => {
    const from = await cohort();
    const mineOpen = await cohort({ startsOn: minutesAgo(60) });
    const mineArchived = await cohort({ archivedAt: new Date() });
    const notMine = await cohort();
    const o = await organiserOf(from.id, mineOpen.id, mineArchived.id);
    expect(await listMoveTargets(t.db, from.id, o.id)).toEqual([{ id: mineOpen.id, name: mineOpen.name }]);
    const all = (await listMoveTargets(t.db, from.id)).map((c) => c.id);
    expect(all).toEqual(expect.arrayContaining([mineOpen.id, notMine.id]));
    expect(all).not.toContain(from.id);
    expect(all).not.toContain(mineArchived.id);
    // An organiser of the one cohort only has nowhere to move people.
    expect(await listMoveTargets(t.db, from.id, (await organiserOf(from.id)).id)).toEqual([]);
  });
});

describe("organisers: the cohorts list", () => {
  it("lists only the organiser's cohorts, archived last; without an organiser, every cohort", async () => {
    const archived = await cohort({ archivedAt: new Date() });
    const older = await cohort({ startsOn: minutesAgo(60 * 24 * 30) });
    const newer = await cohort({ startsOn: minutesAgo(60) });
    const notMine = await cohort();
    const o = await organiserOf(archived.id, older.id, newer.id);
    expect((await listCohortsForAdmin(t.db, o.id)).map((c) => c.id)).toEqual([newer.id, older.id, archived.id]);
    expect(await listCohortsForAdmin(t.db, (await user("ORGANISER")).id)).toEqual([]);
    expect((await listCohortsForAdmin(t.db)).map((c) => c.id)).toEqual(
      expect.arrayContaining([archived.id, older.id, newer.id, notMine.id]),
    );
  });
});

/** A small PNG of a colour no other image of this run has, so each is stored as its own image. */
async function image(): Promise<PreparedImage> {
  const png = await sharp({
    create: { width: 40, height: 20, channels: 4, background: `#${randomBytes(3).toString("hex")}` },
  })
    .png()
    .toBuffer();
  const prepared = await prepareImage(new Uint8Array(png));
  if (!prepared.ok) throw new Error(prepared.error);
  return prepared.image;
}
const fields = (signatories: TemplateFields["signatories"]): TemplateFields => ({
  title: "Certificate of Participation",
  intro: "This certifies that",
  body: "took part in the programme",
  colour: DEFAULT_COLOUR,
  accent: DEFAULT_ACCENT,
  organisers: ["BTBU", "ECOSF"],
  signatories,
});
const signatory = { name: "Prof. Sun Baowen", title: "President", signatureId: null };

describe("organisers: a cohort's certificate images", () => {
  it("gives an image only for a cohort whose template (any version) prints it, as a logo or a signature", async () => {
    const [a, b, bare] = [await cohort(), await cohort(), await cohort()];
    const by = await admin();
    const [logoA, signatureA, logoB, unused] = [await image(), await image(), await image(), await image()];
    await saveTemplate(t.db, by.id, a.id, {
      fields: fields([signatory]),
      logos: [{ upload: logoA }],
      signatures: [{ upload: signatureA }],
    });
    // Version 2 of cohort A prints neither image: they were still A's, in version 1.
    await saveTemplate(t.db, by.id, a.id, { fields: fields([signatory]), logos: [], signatures: [null] });
    await saveTemplate(t.db, by.id, b.id, { fields: fields([]), logos: [{ upload: logoB }], signatures: [] });
    // An image stored for no template at all.
    const stray = await t.db.certificateImage.create({
      data: {
        sha256: unused.sha256,
        png: unused.png,
        width: unused.width,
        height: unused.height,
        uploadedType: "image/png",
      },
    });
    const idOf = async (img: PreparedImage) =>
      (await t.db.certificateImage.findUniqueOrThrow({ where: { sha256: img.sha256 } })).id;
    const ids = { logoA: await idOf(logoA), signatureA: await idOf(signatureA), logoB: await idOf(logoB) };
    const cases = [
      [a.id, ids.logoA, logoA],
      [a.id, ids.signatureA, signatureA],
      [b.id, ids.logoB, logoB],
      [a.id, ids.logoB, null],
      [b.id, ids.logoA, null],
      [b.id, ids.signatureA, null],
      [bare.id, ids.logoA, null],
      [a.id, stray.id, null],
      [a.id, "no-such-image", null],
      ["no-such-cohort", ids.logoA, null],
    ] as const;
    for (const [cohortId, imageId, expected] of cases) {
      const got = await getCohortCertificateImage(t.db, cohortId, imageId);
      expect({ cohortId, imageId, png: got && Buffer.from(got.png).toString("base64") }).toEqual({
        cohortId,
        imageId,
        png: expected && Buffer.from(expected.png).toString("base64"),
      });
    }
  });
});
