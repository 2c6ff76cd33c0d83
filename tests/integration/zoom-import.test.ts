import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { markAttendance } from "@/lib/db/attendance";
import { commitZoomImport, previewZoomImport, stageZoomImport } from "@/lib/db/zoom-import";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const report = readFileSync(path.join(process.cwd(), "tests/fixtures/zoom/with-meeting-block.csv"), "utf8");

/** The cohort, its admin, session and roster; `tag` keeps a second setup in this file's database apart from the first. */
async function setup(tag = "") {
  const cohort = await t.db.cohort.create({
    data: {
      slug: `zoom${tag}`,
      name: "Zoom cohort",
      timeZone: "Asia/Shanghai",
      startsOn: new Date("2021-12-15"),
      endsOn: new Date("2021-12-15"),
    },
  });
  const admin = await t.db.user.create({ data: { email: `zoom-admin${tag}@example.org`, role: "ADMIN" } });
  const session = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: "nhz-policy-framework",
      startsAt: new Date("2021-12-15T01:00:00Z"),
      endsAt: new Date("2021-12-15T04:00:00Z"),
    },
  });
  const roster = [
    { email: "ali.raza@student.example.org", certificateName: "Ali Raza" },
    { email: "maryam@example.org", certificateName: "Maryam Ahmadi", nativeName: "مریم احمدی" }, // Persian ی; the report typed Arabic ي
    { email: "dilnoza.t@student.example.org", certificateName: "Dilnoza Toshmatova" },
    { email: "nurlan.sadykov@student.example.org", certificateName: "Nurlan Sadykov" },
    { email: "jose@example.org", certificateName: "José García" }, // typed without accents in the report
    { email: "nobody-in-report@example.org", certificateName: "Absent Person" },
    { email: "excused@example.org", certificateName: "Excused Person" },
  ];
  const users = [];
  for (const r of roster) {
    const u = await t.db.user.create({ data: { ...r, email: r.email.replace("@", `${tag}@`) } });
    await t.db.enrolment.create({ data: { userId: u.id, cohortId: cohort.id, status: "ACTIVE" } });
    users.push(u);
  }
  return { cohort, admin, session, users };
}

describe("Zoom report import", () => {
  it("previews without writing, needs review for unknown people, applies once, protects excused marks, and a re-import changes nothing", async () => {
    const { cohort, admin, session, users } = await setup();
    const byEmail = (e: string) => users.find((u) => u.email === e)!.id;
    await markAttendance(t.db, admin.id, cohort.id, session.id, [
      { userId: byEmail("excused@example.org"), status: "EXCUSED", note: "travel" },
    ]);
    const { id } = await stageZoomImport(t.db, admin.id, session.id, {
      fileName: "zoom.csv",
      content: report,
      timeZone: "Asia/Shanghai",
    });

    const preview = (await previewZoomImport(t.db, cohort.id, session.id, id))!;
    const proposal = (e: string) => preview.plan!.proposals.find((p) => p.userId === byEmail(e))!;
    expect([
      proposal("ali.raza@student.example.org").how,
      proposal("ali.raza@student.example.org").status,
      proposal("ali.raza@student.example.org").minutes,
    ]).toEqual(["email", "PRESENT", 166.9]);
    expect([proposal("maryam@example.org").how, proposal("maryam@example.org").status]).toEqual(["name", "PRESENT"]);
    expect([proposal("jose@example.org").how, proposal("jose@example.org").status]).toEqual(["name", "PRESENT"]);
    expect(proposal("dilnoza.t@student.example.org").status).toBe("LATE");
    expect(proposal("nurlan.sadykov@student.example.org").status).toBe("ABSENT");
    expect([proposal("nobody-in-report@example.org").how, proposal("nobody-in-report@example.org").status]).toEqual([
      "not-in-report",
      "ABSENT",
    ]);
    expect(proposal("excused@example.org").change).toBe("protected");
    // The host, the guest's iPad and people on no roster wait for the admin: listed, not dropped.
    expect(preview.plan!.review.length).toBeGreaterThanOrEqual(3);
    expect(preview.plan!.review.map((r) => r.person.name)).toContain("Hamid's iPad");
    expect(await t.db.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(1);

    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, session.id, id, { assignments: {}, overrides: new Set() }),
    ).toEqual({ ok: false, error: "needs-review" });
    const assignments = Object.fromEntries(preview.plan!.review.map((r) => [r.person.key, "ignore"]));
    const issuingJobs = async () =>
      (
        await t.db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'issue-certificates'`
      )[0]!.n;
    const jobsBefore = await issuingJobs();
    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, session.id, id, { assignments, overrides: new Set() }),
    ).toEqual({ ok: true, set: 6, alreadyCommitted: false });
    // The marks it set queue automatic issuing to those six, in the import's own transaction.
    expect(await issuingJobs()).toBe(jobsBefore + 1);
    const records = await t.db.attendanceRecord.findMany({
      where: { sessionId: session.id },
      include: { user: { select: { email: true } } },
    });
    expect(Object.fromEntries(records.map((r) => [r.user.email, [r.status, r.source]]))).toMatchObject({
      "ali.raza@student.example.org": ["PRESENT", "ZOOM"],
      "excused@example.org": ["EXCUSED", "MANUAL"],
      "nobody-in-report@example.org": ["ABSENT", "ZOOM"],
    });
    expect(await t.db.auditEvent.count({ where: { action: "attendance.zoom" } })).toBe(6);
    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, session.id, id, { assignments, overrides: new Set() }),
    ).toEqual({ ok: true, set: 0, alreadyCommitted: true });

    const again = await stageZoomImport(t.db, admin.id, session.id, {
      fileName: "zoom.csv",
      content: report,
      timeZone: "Asia/Shanghai",
    });
    const second = (await previewZoomImport(t.db, cohort.id, session.id, again.id, {
      assignments,
      overrides: new Set(),
    }))!;
    expect(second.plan!.counts).toMatchObject({ set: 0, protected: 1 });
    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, session.id, again.id, { assignments, overrides: new Set() }),
    ).toEqual({ ok: true, set: 0, alreadyCommitted: false });
  });

  it("places a person the admin names by a participant's address, typed in full-width or in capitals, as that participant", async () => {
    const { cohort, admin, session, users } = await setup("-typed");
    const { id } = await stageZoomImport(t.db, admin.id, session.id, {
      fileName: "zoom.csv",
      content: report,
      timeZone: "Asia/Shanghai",
    });
    const before = (await previewZoomImport(t.db, cohort.id, session.id, id))!;
    const [first, second, third] = before.plan!.review;
    expect(third).toBeDefined();
    const absent = users.find((u) => u.certificateName === "Absent Person")!;
    const excused = users.find((u) => u.certificateName === "Excused Person")!;
    const fullWidth = (text: string) =>
      text.replace(/[!-~]/g, (ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0));
    const preview = (await previewZoomImport(t.db, cohort.id, session.id, id, {
      assignments: {
        // As an input method in full-width mode types it, the domain's last dot ideographic.
        [first!.person.key]: fullWidth(absent.email).replace(/．(?=[^．]*$)/, "。"),
        [second!.person.key]: ` ${excused.email.toUpperCase()} `,
        [third!.person.key]: "someone-else@example.org",
      },
      overrides: new Set(),
    }))!;
    expect(preview.plan!.assigned.map((a) => [a.person.key, a.userId])).toEqual([
      [first!.person.key, absent.id],
      [second!.person.key, excused.id],
    ]);
    // An address of nobody in the cohort places no one: that person still waits for review.
    expect(preview.plan!.review.map((r) => r.person.key)).toContain(third!.person.key);
  });

  it("cannot preview or apply an import through another session or cohort", async () => {
    const cohort = await t.db.cohort.create({
      data: {
        slug: "zoom-2",
        name: "Zoom 2",
        timeZone: "UTC",
        startsOn: new Date("2021-12-15"),
        endsOn: new Date("2021-12-15"),
      },
    });
    const admin = await t.db.user.create({ data: { email: "zoom-admin-2@example.org", role: "ADMIN" } });
    const session = await t.db.liveSession.create({
      data: {
        cohortId: cohort.id,
        lectureSlug: "nhz-policy-framework",
        startsAt: new Date("2021-12-15T01:00:00Z"),
        endsAt: new Date("2021-12-15T02:00:00Z"),
      },
    });
    const other = await t.db.liveSession.create({
      data: {
        cohortId: cohort.id,
        lectureSlug: "pakistan-sti-policy",
        startsAt: new Date("2021-12-15T05:00:00Z"),
        endsAt: new Date("2021-12-15T06:00:00Z"),
      },
    });
    const { id } = await stageZoomImport(t.db, admin.id, session.id, {
      fileName: "zoom.csv",
      content: report,
      timeZone: "Asia/Shanghai",
    });
    expect(await previewZoomImport(t.db, cohort.id, other.id, id)).toBeNull();
    expect(await previewZoomImport(t.db, "another-cohort", session.id, id)).toBeNull();
    expect(
      await commitZoomImport(t.db, admin.id, cohort.id, other.id, id, { assignments: {}, overrides: new Set() }),
    ).toEqual({ ok: false, error: "not-found" });
  });
});
