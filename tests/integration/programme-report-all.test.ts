// The programme's report across cohorts against a real database of its own (this file's):
// each cohort's figures, the summed funnel, and each enrolled person once among the countries.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { markAttendance } from "@/lib/db/attendance";
import { loadProgrammeReport, type ReportLecture } from "@/lib/db/programme-report";
import { reportLectures } from "@/lib/reports/cohort-tables";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
// Read as the report reads them, once the database is up (no question is corrected here).
let lectures: ReportLecture[];
beforeAll(async () => {
  lectures = await reportLectures(t.db);
});
const DAY = 24 * 60 * 60 * 1000;
const tag = () => randomBytes(4).toString("hex");

describe("programme report across cohorts", () => {
  it("sums the cohorts' funnels and counts each person once by country", async () => {
    const admin = await t.db.user.create({ data: { email: `admin-${tag()}@example.org`, role: "ADMIN" } });
    const cohort = (name: string, startsIn: number) =>
      t.db.cohort.create({
        data: {
          slug: `c-${tag()}`,
          name,
          timeZone: "UTC",
          startsOn: new Date(Date.now() + startsIn * DAY),
          endsOn: new Date(Date.now() + (startsIn + 30) * DAY),
        },
      });
    const first = await cohort("First cohort", -60);
    const second = await cohort("Second cohort", -10);
    const person = (country: string) =>
      t.db.user.create({ data: { email: `p-${tag()}@example.org`, certificateName: "P", country } });
    const [both, pk, ir] = [await person("PK"), await person("PK"), await person("IR")];
    const enrol = (userId: string, cohortId: string, status: "ACTIVE" | "WITHDRAWN" = "ACTIVE") =>
      t.db.enrolment.create({ data: { userId, cohortId, status } });
    await enrol(both.id, first.id);
    await enrol(pk.id, first.id);
    await enrol(both.id, second.id);
    await enrol(ir.id, second.id);
    await enrol(pk.id, second.id, "WITHDRAWN");
    const held = await t.db.liveSession.create({
      data: {
        cohortId: first.id,
        lectureSlug: lectures[0]!.slug,
        startsAt: new Date(Date.now() - 50 * DAY),
        endsAt: new Date(Date.now() - 50 * DAY + 3_600_000),
        joinUrl: "https://zoom.example.org/j/1",
      },
    });
    await markAttendance(t.db, admin.id, first.id, held.id, [
      { userId: both.id, status: "PRESENT", note: null },
      { userId: pk.id, status: "ABSENT", note: null },
    ]);

    const report = await loadProgrammeReport(t.db, lectures);
    expect(report.cohorts.map((c) => [c.cohort.name, c.report.funnel.invited, c.report.funnel.enrolled])).toEqual([
      ["First cohort", 2, 2],
      ["Second cohort", 3, 2],
    ]);
    expect(report.funnel).toMatchObject({ invited: 5, enrolled: 4, active: { count: 1, of: 4, percent: null } });
    expect(report.sessionsHeld).toBe(1);
    expect(report.attended).toEqual({ count: 1, of: 2, percent: null });
    expect(report.people).toBe(3);
    expect(report.countries.map((c) => [c.key, c.count])).toEqual([
      ["PK", 2],
      ["IR", 1],
    ]);
  });
});
