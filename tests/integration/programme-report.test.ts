// A cohort's programme report against a real database: each figure counted from the rows
// the cohort's people left, and nothing of another cohort.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { markAttendance } from "@/lib/db/attendance";
import { setLectureStudied } from "@/lib/db/lecture-marks";
import { loadCohortReport, type ReportLecture } from "@/lib/db/programme-report";
import { startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse } from "@/lib/domain/quiz";
import { reportLectures } from "@/lib/reports/cohort-tables";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
// Read as the report reads them, once the database is up (no question is corrected here).
let lectures: ReportLecture[];
let first: ReportLecture;
beforeAll(async () => {
  lectures = await reportLectures(t.db);
  first = lectures[0]!;
});
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const tag = () => randomBytes(4).toString("hex");
let issued = 0;

async function cohortWithPeople() {
  const admin = await t.db.user.create({ data: { email: `admin-${tag()}@example.org`, role: "ADMIN" } });
  const cohort = await t.db.cohort.create({
    data: {
      slug: `report-${tag()}`,
      name: "Report cohort",
      timeZone: "Asia/Karachi",
      startsOn: new Date(Date.now() - 10 * DAY),
      endsOn: new Date(Date.now() + 30 * DAY),
    },
  });
  const person = async (
    country: string | null,
    position: string | null,
    status: "ACTIVE" | "WITHDRAWN" | "PENDING" = "ACTIVE",
    organisationType: "UNIVERSITY" | "GOVERNMENT" | null = null,
  ) => {
    const user = await t.db.user.create({
      data: {
        email: `p-${tag()}@example.org`,
        certificateName: `Person ${tag()}`,
        country,
        position,
        organisationType,
      },
    });
    await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status } });
    return user.id;
  };
  const [studied, quizzed, attended, idle] = [
    await person("PK", "Professor", "ACTIVE", "UNIVERSITY"),
    await person("PK", "Researcher", "ACTIVE", "GOVERNMENT"),
    await person("IR", "Professor", "ACTIVE", "UNIVERSITY"),
    await person(null, null),
  ];
  await person("CN", "Student", "WITHDRAWN", "GOVERNMENT");
  await person("AZ", "Student", "PENDING");
  const held = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: first.slug,
      startsAt: new Date(Date.now() - 2 * DAY),
      endsAt: new Date(Date.now() - 2 * DAY + HOUR),
      joinUrl: "https://zoom.example.org/j/1",
    },
  });
  await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: first.slug,
      startsAt: new Date(Date.now() + 2 * DAY),
      endsAt: new Date(Date.now() + 2 * DAY + HOUR),
      joinUrl: "https://zoom.example.org/j/2",
    },
  });
  await setLectureStudied(t.db, { userId: studied, cohortId: cohort.id, lectureSlug: first.slug, studied: true });
  const started = await startAttempt(t.db, {
    userId: quizzed,
    cohortId: cohort.id,
    lectureSlug: first.slug,
    questions: first.questions,
  });
  if (!started.ok) throw new Error(started.reason);
  const answers = Object.fromEntries(first.questions.map((q) => [q.id, correctResponse(q)]));
  delete answers[first.questions[0]!.id]; // one question left unanswered: the hardest
  await submitAttempt(t.db, quizzed, started.attemptId, answers);
  await markAttendance(t.db, admin.id, cohort.id, held.id, [
    { userId: attended, status: "PRESENT", note: null },
    { userId: studied, status: "LATE", note: null },
    { userId: idle, status: "ABSENT", note: null },
  ]);
  const certificate = (userId: string, n: number, revokedAt: Date | null) =>
    t.db.certificate.create({
      data: {
        code: `ECOSF-26-${tag().toUpperCase().slice(0, 4)}-${n}${n}${n}${n}`,
        userId,
        cohortId: cohort.id,
        name: "Person",
        statusIndex: 5000 + ++issued,
        credential: "jwt",
        revokedAt,
        revokedReason: revokedAt ? "Issued in error" : null,
      },
    });
  await certificate(attended, 1, null);
  await certificate(idle, 2, new Date());
  return { cohort, held };
}

describe("programme report", () => {
  it("counts the cohort's places, people, attendance, quizzes and certificates", async () => {
    const { cohort, held } = await cohortWithPeople();
    await cohortWithPeople(); // another cohort, which must not count
    const report = await loadCohortReport(t.db, cohort.id, lectures);

    expect(report.funnel).toEqual({
      invited: 6,
      enrolled: 4,
      active: { count: 3, of: 4, percent: null },
      completed: expect.objectContaining({ of: 4 }),
      certified: { count: 1, of: 4, percent: null },
    });
    expect(report.countries.map((c) => [c.key, c.count])).toEqual([
      ["PK", 2],
      ["IR", 1],
      [null, 1],
    ]);
    // Only places held count: the withdrawn person's type is not among them.
    expect(report.organisationTypes.map((c) => [c.key, c.count])).toEqual([
      ["UNIVERSITY", 2],
      ["GOVERNMENT", 1],
      [null, 1],
    ]);
    expect(report.positions.map((c) => [c.key, c.count])).toEqual([
      ["Professor", 2],
      ["Researcher", 1],
      [null, 1],
    ]);
    expect(report.sessions).toEqual([
      expect.objectContaining({
        id: held.id,
        counts: { PRESENT: 1, LATE: 1, EXCUSED: 0, ABSENT: 1, unmarked: 1 },
      }),
    ]);
    const quiz = report.quizzes.find((q) => q.slug === first.slug)!;
    expect(quiz.summary).toMatchObject({ participants: 4, attempted: 1 });
    expect(quiz.hardest[0]).toMatchObject({ id: first.questions[0]!.id, correctShare: 0 });
    expect(report.quizzes.filter((q) => q.slug !== first.slug).every((q) => q.summary.attempted === 0)).toBe(true);
    expect(report.certificates).toEqual({ issued: 2, valid: 1, revoked: 1, reissued: 0 });
  });

  it("is all zeros for a cohort nobody joined", async () => {
    const cohort = await t.db.cohort.create({
      data: { slug: `empty-${tag()}`, name: "Empty", timeZone: "UTC", startsOn: new Date(), endsOn: new Date() },
    });
    const report = await loadCohortReport(t.db, cohort.id, lectures);
    expect(report.funnel.invited).toBe(0);
    expect(report.countries).toEqual([]);
    expect(report.sessions).toEqual([]);
    expect(report.certificates).toEqual({ issued: 0, valid: 0, revoked: 0, reissued: 0 });
  });
});
