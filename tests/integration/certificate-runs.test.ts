// Bulk certificate issuing as a job of the queue: a second request joins the run under way;
// the worker issues to everyone due and records the result; a run that dies half-way is
// retried and ends with exactly one certificate per person.
import { describe, expect, it } from "vitest";
import { getCertificateRun, openCertificateRun, startCertificateRun } from "@/lib/db/certificate-runs";
import { setUpTestDatabase } from "./support/database";
import { dyingAfter, makeRetriesDue, runDueJobs } from "./support/jobs";

const t = setUpTestDatabase();
let n = 0;

/** A cohort whose rule every active participant meets, with `names` (an empty one: no certificate name). */
async function cohortOf(names: string[]) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `runs-${n}`,
      name: `Runs ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2021-12-15"),
      endsOn: new Date("2021-12-16"),
    },
  });
  await t.db.certificateRule.create({
    data: { cohortId: cohort.id, minAttendancePercent: 0, requiredQuizzes: [], autoIssue: false },
  });
  const admin = await t.db.user.create({ data: { email: `runs-admin${n}@example.org`, role: "ADMIN" } });
  const people = [];
  for (const [i, name] of names.entries()) {
    const user = await t.db.user.create({
      data: { email: `runs${n}-${i}@example.org`, certificateName: name || null },
    });
    await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: "ACTIVE" } });
    people.push(user);
  }
  return { cohort, admin, people };
}

describe("bulk certificate issuing", () => {
  it("[CERTIFICATES][JOBS]: a request starts a run, a second joins it; the worker issues to everyone due and records whom it skipped", async () => {
    const { cohort, admin, people } = await cohortOf(["Ali Raza", "Chen Wei", ""]);
    const run = await startCertificateRun(t.db, admin.id, cohort.id);
    expect(run).toMatchObject({ status: "queued", result: null });
    expect((await startCertificateRun(t.db, admin.id, cohort.id)).id).toBe(run.id);
    expect((await openCertificateRun(t.db, cohort.id))?.id).toBe(run.id);

    await runDueJobs(t);
    const done = await getCertificateRun(t.db, cohort.id, run.id);
    expect(done).toMatchObject({ status: "done", total: 2, done: 2, issued: 2 });
    expect(done!.result).toMatchObject({
      participants: 3,
      eligible: 3,
      issued: 2,
      noName: 1,
      skipped: [{ userId: people[2]!.id, reason: "no-name" }],
    });
    expect(await openCertificateRun(t.db, cohort.id)).toBeNull();
    // Another cohort's run is not reachable through this one.
    expect(await getCertificateRun(t.db, "another-cohort", run.id)).toBeNull();
    // The next request starts a new run, which finds nobody more to issue to.
    const again = await startCertificateRun(t.db, admin.id, cohort.id);
    expect(again.id).not.toBe(run.id);
    await runDueJobs(t);
    expect(await getCertificateRun(t.db, cohort.id, again.id)).toMatchObject({ status: "done", issued: 0 });
    expect(await t.db.certificate.count({ where: { cohortId: cohort.id } })).toBe(2);
  });

  it("[CERTIFICATES][JOBS][CRASH]: a run that dies after two certificates is retried and ends with exactly one certificate per person", async () => {
    const names = ["Ali Raza", "Bilal Qureshi", "Chen Wei", "Dilnoza Karimova", "Elif Yilmaz"];
    const { cohort, admin, people } = await cohortOf(names);
    const run = await startCertificateRun(t.db, admin.id, cohort.id);
    const dying = dyingAfter(t.db, 2);
    await runDueJobs(t, { taskDb: () => dying });
    expect(await t.db.certificate.count({ where: { cohortId: cohort.id } })).toBe(2);
    expect(await getCertificateRun(t.db, cohort.id, run.id)).toMatchObject({ status: "running" });

    await makeRetriesDue(t);
    await runDueJobs(t);
    expect(await getCertificateRun(t.db, cohort.id, run.id)).toMatchObject({ status: "done" });
    const held = await t.db.certificate.groupBy({ by: ["userId"], where: { cohortId: cohort.id }, _count: true });
    expect(held.map((h) => [h.userId, h._count]).sort()).toEqual(people.map((p) => [p.id, 1]).sort());
  });
});
