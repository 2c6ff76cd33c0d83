import { describe, expect, it } from "vitest";
import {
  enrolFromListing,
  enrolWithInvite,
  listOwnEnrolments,
  previewEnrolment,
  rotateInviteCode,
} from "@/lib/db/enrolments";
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
const person = async () => t.db.user.create({ data: { email: `p${++n}@example.org` } });
const DAY = 24 * 60 * 60 * 1000;
/** `days` from the moment the test runs: enrolment windows are read against the clock. */
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

describe("enrolWithInvite", () => {
  it("enrols at once in an open cohort, once; the second visit says so", async () => {
    const c = await cohort();
    const u = await person();
    expect(await enrolWithInvite(t.db, u.id, c.inviteCode)).toEqual({
      outcome: "enrolled",
      cohort: { name: c.name, slug: c.slug },
    });
    expect((await enrolWithInvite(t.db, u.id, c.inviteCode)).outcome).toBe("already-enrolled");
    expect(await t.db.enrolment.count({ where: { cohortId: c.id } })).toBe(1);
    expect(await listOwnEnrolments(t.db, u.id)).toEqual([
      { status: "ACTIVE", cohort: expect.objectContaining({ name: c.name }) },
    ]);
    expect(await t.db.auditEvent.count({ where: { action: "enrolment.create", actorId: u.id } })).toBe(1);
  });

  it("files a request in an approval cohort", async () => {
    const c = await cohort({ enrolmentMode: "APPROVAL" });
    const u = await person();
    expect((await enrolWithInvite(t.db, u.id, c.inviteCode)).outcome).toBe("requested");
    expect((await t.db.enrolment.findFirstOrThrow({ where: { userId: u.id } })).status).toBe("PENDING");
  });

  it.each([
    ["closed", { enrolmentClosesAt: daysFromNow(-1) }],
    ["not-yet-open", { enrolmentOpensAt: daysFromNow(1) }],
    ["archived", { archivedAt: daysFromNow(-1) }],
    ["invite-only", { enrolmentMode: "INVITE_ONLY" }],
  ])("answers %s and writes nothing", async (outcome, data) => {
    const c = await cohort(data);
    const u = await person();
    expect((await enrolWithInvite(t.db, u.id, c.inviteCode)).outcome).toBe(outcome);
    expect(await t.db.enrolment.count({ where: { cohortId: c.id } })).toBe(0);
  });

  it("refuses a rotated code: old links stop working, the new one works", async () => {
    const admin = await t.db.user.create({ data: { email: `admin${++n}@example.org`, role: "ADMIN" } });
    const c = await cohort();
    const u = await person();
    expect(await rotateInviteCode(t.db, admin.id, c.id)).toBe(true);
    expect((await enrolWithInvite(t.db, u.id, c.inviteCode)).outcome).toBe("invalid-code");
    const fresh = await t.db.cohort.findUniqueOrThrow({ where: { id: c.id } });
    expect(fresh.inviteCode).not.toBe(c.inviteCode);
    expect(fresh.inviteCode).toMatch(/^[0-9a-f]{32}$/);
    expect((await enrolWithInvite(t.db, u.id, fresh.inviteCode)).outcome).toBe("enrolled");
    expect(await t.db.auditEvent.count({ where: { action: "cohort.invite_rotate", entityId: c.id } })).toBe(1);
    expect(await rotateInviteCode(t.db, admin.id, "no-such-cohort")).toBe(false);
  });

  it("never overfills: 20 people at once for 5 places get 5 enrolments and 15 'full'", async () => {
    const c = await cohort({ capacity: 5 });
    const people = await Promise.all(Array.from({ length: 20 }, person));
    const results = await Promise.all(people.map((p) => enrolWithInvite(t.db, p.id, c.inviteCode)));
    const outcomes = results.map((r) => r.outcome).sort();
    expect(outcomes.filter((o) => o === "enrolled")).toHaveLength(5);
    expect(outcomes.filter((o) => o === "full")).toHaveLength(15);
    expect(await t.db.enrolment.count({ where: { cohortId: c.id, status: "ACTIVE" } })).toBe(5);
  });
});

describe("enrolFromListing (the landing page's Enrol / Request a place)", () => {
  it("enrols in an open cohort by its slug, once, and audit-logs it", async () => {
    const c = await cohort();
    const u = await person();
    expect(await enrolFromListing(t.db, u.id, c.slug)).toEqual({
      outcome: "enrolled",
      cohort: { name: c.name, slug: c.slug },
    });
    expect((await enrolFromListing(t.db, u.id, c.slug)).outcome).toBe("already-enrolled");
    expect(
      await t.db.enrolment.findMany({ where: { cohortId: c.id }, select: { userId: true, status: true } }),
    ).toEqual([{ userId: u.id, status: "ACTIVE" }]);
    expect(await t.db.auditEvent.count({ where: { action: "enrolment.create", actorId: u.id } })).toBe(1);
  });

  it("files a request in an approval cohort", async () => {
    const c = await cohort({ enrolmentMode: "APPROVAL" });
    const u = await person();
    expect((await enrolFromListing(t.db, u.id, c.slug)).outcome).toBe("requested");
    expect((await t.db.enrolment.findFirstOrThrow({ where: { userId: u.id } })).status).toBe("PENDING");
  });

  it.each([
    ["invite-only", { enrolmentMode: "INVITE_ONLY" }],
    ["closed", { enrolmentClosesAt: daysFromNow(-1) }],
    ["full", { capacity: 1 }],
  ])("answers %s and gives no place", async (outcome, data) => {
    const c = await cohort(data);
    if (outcome === "full") await enrolWithInvite(t.db, (await person()).id, c.inviteCode);
    const u = await person();
    expect((await enrolFromListing(t.db, u.id, c.slug)).outcome).toBe(outcome);
    expect(await t.db.enrolment.count({ where: { cohortId: c.id, userId: u.id } })).toBe(0);
  });

  it("knows no cohort by an unknown slug", async () => {
    const u = await person();
    expect(await enrolFromListing(t.db, u.id, "no-such-cohort")).toEqual({ outcome: "invalid-code" });
    expect(await t.db.enrolment.count({ where: { userId: u.id } })).toBe(0);
  });
});

describe("previewEnrolment (what the invite and cohort pages offer before anyone presses)", () => {
  it.each([
    ["enrolled", {}, null],
    ["requested", { enrolmentMode: "APPROVAL" }, null],
    ["invite-only", { enrolmentMode: "INVITE_ONLY" }, null],
    ["closed", { enrolmentClosesAt: daysFromNow(-1) }, null],
    ["not-yet-open", { enrolmentOpensAt: daysFromNow(1) }, null],
    ["archived", { archivedAt: daysFromNow(-1) }, null],
    ["full", { capacity: 1 }, null],
    ["already-enrolled", {}, "ACTIVE"],
    ["already-requested", { enrolmentMode: "APPROVAL" }, "PENDING"],
    ["rejected", { enrolmentMode: "APPROVAL" }, "REJECTED"],
  ] as const)("%s, by invite code and by slug, and writes nothing", async (outcome, data, own) => {
    const c = await cohort(data);
    if (outcome === "full") await enrolWithInvite(t.db, (await person()).id, c.inviteCode);
    const u = await person();
    if (own) await t.db.enrolment.create({ data: { userId: u.id, cohortId: c.id, status: own } });
    const before = await t.db.enrolment.count();
    const asWhom = own ? u.id : null;
    expect(await previewEnrolment(t.db, { inviteCode: c.inviteCode }, asWhom)).toBe(outcome);
    expect(await previewEnrolment(t.db, { slug: c.slug }, asWhom)).toBe(outcome);
    expect(await t.db.enrolment.count()).toBe(before);
  });

  it("a person not signed in sees the cohort as anyone new does; an unknown code is invalid", async () => {
    const c = await cohort();
    const u = await person();
    await enrolWithInvite(t.db, u.id, c.inviteCode);
    expect(await previewEnrolment(t.db, { inviteCode: c.inviteCode }, null)).toBe("enrolled");
    expect(await previewEnrolment(t.db, { inviteCode: c.inviteCode }, u.id)).toBe("already-enrolled");
    expect(await previewEnrolment(t.db, { inviteCode: "0".repeat(32) }, null)).toBe("invalid-code");
  });
});
