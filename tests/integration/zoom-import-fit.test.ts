import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commitZoomImport, previewZoomImport, stageZoomImport } from "@/lib/db/zoom-import";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
// The sample report's times are Asia/Shanghai wall-clock times, 15 Dec 2021 around 09:00-12:00.
const report = readFileSync(path.join(process.cwd(), "tests/fixtures/zoom/with-meeting-block.csv"), "utf8");

/** A cohort in Shanghai with the report's session (01:00-04:00 UTC, fixed data, never compared with the clock), read in `timeZone`. */
async function stagedIn(slug: string, timeZone: string) {
  const cohort = await t.db.cohort.create({
    data: {
      slug,
      name: slug,
      timeZone: "Asia/Shanghai",
      startsOn: new Date("2021-12-15"),
      endsOn: new Date("2021-12-15"),
    },
  });
  const admin = await t.db.user.create({ data: { email: `${slug}-admin@example.org`, role: "ADMIN" } });
  const session = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: "nhz-policy-framework",
      startsAt: new Date("2021-12-15T01:00:00Z"),
      endsAt: new Date("2021-12-15T04:00:00Z"),
    },
  });
  for (const email of ["ali.raza@student.example.org", "bilal.khan@student.example.org"]) {
    const u = await t.db.user.create({ data: { email: `${slug}.${email}` } });
    await t.db.enrolment.create({ data: { userId: u.id, cohortId: cohort.id, status: "ACTIVE" } });
  }
  const ali = await t.db.user.findFirstOrThrow({ where: { email: `${slug}.ali.raza@student.example.org` } });
  const { id } = await stageZoomImport(t.db, admin.id, session.id, { fileName: "zoom.csv", content: report, timeZone });
  const first = (await previewZoomImport(t.db, cohort.id, session.id, id))!;
  // Everyone in the report is someone the admin ignores, but for Ali, chosen by hand.
  const assignments = Object.fromEntries(
    first.plan!.review.map((r) => [
      r.person.key,
      r.person.email === "ali.raza@student.example.org" ? ali.id : "ignore",
    ]),
  );
  return { cohort, admin, session, id, ali, assignments };
}

describe("a Zoom report whose times do not fit the session", () => {
  it("is flagged with the zone that fits, is refused without an explicit choice, and imports as expected read in that zone", async () => {
    const { cohort, admin, session, id, ali, assignments } = await stagedIn("zoom-utc", "UTC");
    const preview = (await previewZoomImport(t.db, cohort.id, session.id, id, { assignments, overrides: new Set() }))!;
    expect(preview.timeZone).toBe("UTC");
    expect(preview.fit).toMatchObject({ kind: "shifted", share: 0, offsetMinutes: 480 });
    expect(preview.fit?.kind === "shifted" && preview.fit.zones[0]).toBe("Asia/Shanghai"); // the cohort's zone first
    expect(preview.plan!.proposals.every((p) => p.status === "ABSENT")).toBe(true);

    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, session.id, id, { assignments, overrides: new Set() }),
    ).toEqual({ ok: false, error: "misfit" });
    expect(await t.db.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(0);
    expect((await t.db.zoomImport.findUniqueOrThrow({ where: { id } })).committedAt).toBeNull();

    const reread = { assignments, overrides: new Set<string>(), timeZone: "Asia/Shanghai" };
    const fitted = (await previewZoomImport(t.db, cohort.id, session.id, id, reread))!;
    expect(fitted.fit?.kind).toBe("fits");
    expect(fitted.plan!.proposals.find((p) => p.userId === ali.id)).toMatchObject({
      status: "PRESENT",
      minutes: 166.9,
    });
    expect(await commitZoomImport(t.db, admin.id, cohort.id, session.id, id, reread)).toEqual({
      ok: true,
      set: 2,
      alreadyCommitted: false,
    });
    const records = await t.db.attendanceRecord.findMany({ where: { sessionId: session.id } });
    expect(records.find((r) => r.userId === ali.id)?.status).toBe("PRESENT");
    // The import records the zone its times were applied in.
    expect((await t.db.zoomImport.findUniqueOrThrow({ where: { id } })).timeZone).toBe("Asia/Shanghai");
  });

  it("imports as it is (everyone absent) only when the admin ticks Import anyway", async () => {
    const { cohort, admin, session, id, assignments } = await stagedIn("zoom-anyway", "UTC");
    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, session.id, id, { assignments, overrides: new Set() }),
    ).toEqual({ ok: false, error: "misfit" });
    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, session.id, id, {
        assignments,
        overrides: new Set(),
        acceptMisfit: true,
      }),
    ).toEqual({ ok: true, set: 2, alreadyCommitted: false });
    const records = await t.db.attendanceRecord.findMany({ where: { sessionId: session.id } });
    expect(records.map((r) => r.status)).toEqual(["ABSENT", "ABSENT"]);
    expect((await t.db.zoomImport.findUniqueOrThrow({ where: { id } })).timeZone).toBe("UTC");
  });

  it("a report read in the right zone needs no such choice", async () => {
    const { cohort, admin, session, id, assignments } = await stagedIn("zoom-fits", "Asia/Shanghai");
    const preview = (await previewZoomImport(t.db, cohort.id, session.id, id, { assignments, overrides: new Set() }))!;
    expect(preview.fit?.kind).toBe("fits");
    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, session.id, id, { assignments, overrides: new Set() }),
    ).toMatchObject({ ok: true, set: 2 });
  });
});
