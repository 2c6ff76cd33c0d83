import { beforeEach, describe, expect, it } from "vitest";
import { getListedCohort, listOpenCohorts } from "@/lib/db/cohorts";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
beforeEach(() => t.db.cohort.deleteMany());

const now = new Date("2026-06-15T12:00:00Z");
const base = { timeZone: "Asia/Karachi", startsOn: new Date("2026-07-01"), endsOn: new Date("2026-07-02") };

describe("listOpenCohorts", () => {
  it("lists only cohorts open for enrolment, soonest first, with public fields only", async () => {
    await t.db.cohort.createMany({
      data: [
        {
          ...base,
          slug: "open-later",
          name: "Open later start",
          startsOn: new Date("2026-09-01"),
          endsOn: new Date("2026-09-02"),
        },
        {
          ...base,
          slug: "open-soon",
          name: "Open soon",
          enrolmentClosesAt: new Date("2026-06-30T00:00:00Z"),
          capacity: 40,
        },
        { ...base, slug: "closed", name: "Closed", enrolmentClosesAt: new Date("2026-06-01T00:00:00Z") },
        { ...base, slug: "archived", name: "Archived", archivedAt: new Date("2026-06-01T00:00:00Z") },
        { ...base, slug: "not-yet", name: "Not yet open", enrolmentOpensAt: new Date("2026-06-20T00:00:00Z") },
      ],
    });
    const cohorts = await listOpenCohorts(now, t.db);
    expect(cohorts.map((c) => c.slug)).toEqual(["open-soon", "open-later"]);
    expect(cohorts[0]).toEqual({
      slug: "open-soon",
      name: "Open soon",
      description: "",
      timeZone: "Asia/Karachi",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
      enrolmentClosesAt: new Date("2026-06-30T00:00:00Z"),
      enrolmentMode: "OPEN",
      capacity: 40,
      hasLiveSessions: false,
      nextSession: null,
    });
  });

  it("leaves out invitation-only cohorts, keeps those taking requests, and never carries the invite code", async () => {
    await t.db.cohort.createMany({
      data: [
        { ...base, slug: "open", name: "Open", enrolmentMode: "OPEN" },
        { ...base, slug: "approval", name: "Approval", enrolmentMode: "APPROVAL" },
        { ...base, slug: "invite-only", name: "Invite only", enrolmentMode: "INVITE_ONLY" },
      ],
    });
    const cohorts = await listOpenCohorts(now, t.db);
    expect(cohorts.map((c) => [c.slug, c.enrolmentMode])).toEqual([
      ["approval", "APPROVAL"],
      ["open", "OPEN"],
    ]);
    for (const c of cohorts) expect(Object.keys(c)).not.toContain("inviteCode");
  });

  it("names the session on now or coming next, and tells a cohort whose sessions are all held from a self-paced one", async () => {
    await t.db.cohort.createMany({
      data: [
        { ...base, slug: "live", name: "A live" },
        { ...base, slug: "held", name: "B held" },
        { ...base, slug: "self-paced", name: "C self-paced" },
      ],
    });
    const id = async (slug: string) => (await t.db.cohort.findUniqueOrThrow({ where: { slug } })).id;
    const hour = 60 * 60 * 1000;
    const session = (cohortId: string, lectureSlug: string, startsIn: number) => ({
      cohortId,
      lectureSlug,
      startsAt: new Date(now.getTime() + startsIn * hour),
      endsAt: new Date(now.getTime() + (startsIn + 2) * hour),
    });
    const live = await id("live");
    const held = await id("held");
    await t.db.liveSession.createMany({
      data: [
        session(live, "lecture-past", -48),
        session(live, "lecture-later", 72),
        session(live, "lecture-on-now", -1), // started an hour ago, ends in an hour
        session(live, "lecture-next", 24),
        session(held, "lecture-past", -48),
      ],
    });
    const cohorts = await listOpenCohorts(now, t.db);
    expect(cohorts.map((c) => [c.slug, c.hasLiveSessions, c.nextSession?.lectureSlug ?? null])).toEqual([
      ["live", true, "lecture-on-now"],
      ["held", true, null],
      ["self-paced", false, null],
    ]);
  });
});

describe("getListedCohort (a listed cohort's public page)", () => {
  it("finds a cohort a person can join or ask to join, even once enrolment has closed", async () => {
    await t.db.cohort.createMany({
      data: [
        { ...base, slug: "approval", name: "Approval", enrolmentMode: "APPROVAL" },
        { ...base, slug: "closed", name: "Closed", enrolmentClosesAt: new Date("2026-06-01T00:00:00Z") },
      ],
    });
    expect(await getListedCohort("approval", now, t.db)).toMatchObject({ name: "Approval", enrolmentMode: "APPROVAL" });
    expect(await getListedCohort("closed", now, t.db)).toMatchObject({
      name: "Closed",
      enrolmentClosesAt: new Date("2026-06-01T00:00:00Z"),
    });
  });

  it("has no page for an invitation-only cohort, nor for an unknown slug", async () => {
    await t.db.cohort.create({
      data: { ...base, slug: "invite-only", name: "Invite only", enrolmentMode: "INVITE_ONLY" },
    });
    expect(await getListedCohort("invite-only", now, t.db)).toBeNull();
    expect(await getListedCohort("nobody", now, t.db)).toBeNull();
  });
});

describe("database constraints", () => {
  it.each([
    [
      "an end before the start",
      { ...base, slug: "bad-dates", name: "x", endsOn: new Date("2026-06-01") },
      "cohorts_dates_check",
    ],
    ["a zero capacity", { ...base, slug: "bad-capacity", name: "x", capacity: 0 }, "cohorts_capacity_check"],
    ["a slug with spaces", { ...base, slug: "Bad Slug", name: "x" }, "cohorts_slug_check"],
    [
      "an enrolment window closing before it opens",
      {
        ...base,
        slug: "bad-window",
        name: "x",
        enrolmentOpensAt: new Date("2026-06-10"),
        enrolmentClosesAt: new Date("2026-06-01"),
      },
      "cohorts_enrolment_window_check",
    ],
  ])("reject a cohort with %s", async (_, data, constraint) => {
    await expect(t.db.cohort.create({ data })).rejects.toThrow(constraint);
    expect(await t.db.cohort.count()).toBe(0);
  });

  it("rejects a duplicate slug", async () => {
    await t.db.cohort.create({ data: { ...base, slug: "same", name: "One" } });
    await expect(t.db.cohort.create({ data: { ...base, slug: "same", name: "Two" } })).rejects.toThrow(
      /Unique constraint/,
    );
  });

  it("stores e-mail addresses lower-case only", async () => {
    await expect(t.db.user.create({ data: { email: "Someone@Example.org" } })).rejects.toThrow(
      "users_email_lower_check",
    );
    await t.db.user.create({ data: { email: "someone@example.org" } });
    await expect(t.db.user.create({ data: { email: "someone@example.org" } })).rejects.toThrow(/Unique constraint/);
  });
});
