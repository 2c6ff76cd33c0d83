import { describe, expect, it } from "vitest";
import { commitZoomImport, forgetZoomName, previewZoomImport, stageZoomImport } from "@/lib/db/zoom-import";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const none = { assignments: {}, overrides: new Set<string>() };

/** A report of one session held on `day` (2021-12-DD) 09:00-10:30 UTC: Omer's phone, a Sara, and Ali by e-mail. */
const reportOf = (day: string) =>
  [
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
    `iPhone de Omer,,12/${day}/2021 09:00:00 AM,12/${day}/2021 10:30:00 AM,90,Yes`,
    `Sara Ahmadi,,12/${day}/2021 09:00:00 AM,12/${day}/2021 10:30:00 AM,90,Yes`,
    `Ali Raza,ali@example.org,12/${day}/2021 09:00:00 AM,12/${day}/2021 10:30:00 AM,90,Yes`,
  ].join("\n");

async function cohortWithTwoSessions(slug: string) {
  const cohort = await t.db.cohort.create({
    data: { slug, name: slug, timeZone: "UTC", startsOn: new Date("2021-12-15"), endsOn: new Date("2021-12-16") },
  });
  const admin = await t.db.user.create({ data: { email: `${slug}-admin@example.org`, role: "ADMIN" } });
  const sessions = await Promise.all(
    ["15", "16"].map((day, i) =>
      t.db.liveSession.create({
        data: {
          cohortId: cohort.id,
          lectureSlug: i === 0 ? "nhz-policy-framework" : "pakistan-sti-policy",
          startsAt: new Date(`2021-12-${day}T09:00:00Z`),
          endsAt: new Date(`2021-12-${day}T10:30:00Z`),
        },
      }),
    ),
  );
  const ids: Record<string, string> = {};
  for (const [key, data] of Object.entries({
    omer: { email: `${slug}-omer@example.org`, certificateName: "Ömer Çelik", country: "TR" },
    sara: { email: `${slug}-sara@example.org`, certificateName: "Sara Ahmadi", country: "IR" },
    sara2: { email: `${slug}-sara2@example.org`, certificateName: "Sara Ahmadi", country: "AF" },
    ali: { email: slug === "names" ? "ali@example.org" : `${slug}-ali@example.org`, certificateName: "Ali Raza" },
  })) {
    const u = await t.db.user.create({ data: data });
    await t.db.enrolment.create({ data: { userId: u.id, cohortId: cohort.id, status: "ACTIVE" } });
    ids[key] = u.id;
  }
  const stage = async (session: number) =>
    (
      await stageZoomImport(t.db, admin.id, sessions[session]!.id, {
        fileName: "zoom.csv",
        content: reportOf(session === 0 ? "15" : "16"),
        timeZone: "UTC",
      })
    ).id;
  return { cohort, admin, sessions, ids, stage };
}

describe("Remembered Zoom names", () => {
  it("a hand match confirmed for one session places the same name in the next session's report as before; a changed choice updates the memory", async () => {
    const { cohort, admin, sessions, ids, stage } = await cohortWithTwoSessions("names");
    const first = await stage(0);
    const preview = (await previewZoomImport(t.db, cohort.id, sessions[0]!.id, first))!;
    expect(preview.plan!.review.map((r) => [r.person.name, r.candidates])).toEqual([
      ["iPhone de Omer", []],
      ["Sara Ahmadi", [ids.sara2, ids.sara]], // namesakes in the order of their e-mails
    ]);
    const choices = {
      assignments: { "name:de iphone omer": ids.omer!, "name:ahmadi sara": ids.sara2! },
      overrides: new Set<string>(),
    };
    expect(await commitZoomImport(t.db, admin.id, cohort.id, sessions[0]!.id, first, choices)).toMatchObject({
      ok: true,
    });
    const memory = await t.db.zoomNameMatch.findMany({ where: { cohortId: cohort.id }, orderBy: { zoomKey: "asc" } });
    expect(memory.map((m) => [m.zoomKey, m.zoomName, m.userId, m.confirmedById])).toEqual([
      ["name:ahmadi sara", "Sara Ahmadi", ids.sara2, admin.id],
      ["name:de iphone omer", "iPhone de Omer", ids.omer, admin.id],
    ]);
    expect(await t.db.auditEvent.count({ where: { action: "attendance.zoom_name" } })).toBe(2);

    // The next session's report: nobody to review, the two placed as before.
    const second = await stage(1);
    const next = (await previewZoomImport(t.db, cohort.id, sessions[1]!.id, second))!;
    expect(next.plan!.review).toEqual([]);
    const how = (id: string) => next.plan!.proposals.find((p) => p.userId === id)!;
    expect([how(ids.omer!).how, how(ids.omer!).status]).toEqual(["remembered", "PRESENT"]);
    expect([how(ids.sara2!).how, how(ids.sara!).how, how(ids.ali!).how]).toEqual([
      "remembered",
      "not-in-report",
      "email",
    ]);
    expect(next.plan!.remembered.map((r) => [r.person.name, r.userId])).toEqual([
      ["iPhone de Omer", ids.omer],
      ["Sara Ahmadi", ids.sara2],
    ]);

    // The organiser corrects Sara this time: the import follows and the memory learns it.
    const corrected = { assignments: { "name:ahmadi sara": ids.sara! }, overrides: new Set<string>() };
    expect(await commitZoomImport(t.db, admin.id, cohort.id, sessions[1]!.id, second, corrected)).toMatchObject({
      ok: true,
    });
    const records = await t.db.attendanceRecord.findMany({ where: { sessionId: sessions[1]!.id } });
    const status = Object.fromEntries(records.map((r) => [r.userId, r.status]));
    expect([status[ids.omer!], status[ids.sara!], status[ids.sara2!]]).toEqual(["PRESENT", "PRESENT", "ABSENT"]);
    expect(
      (await t.db.zoomNameMatch.findUnique({
        where: { cohortId_zoomKey: { cohortId: cohort.id, zoomKey: "name:ahmadi sara" } },
      }))!.userId,
    ).toBe(ids.sara);
    const change = await t.db.auditEvent.findFirst({
      where: { action: "attendance.zoom_name", entityId: `${cohort.id}:name:ahmadi sara` },
      orderBy: { at: "desc" },
    });
    expect([change!.before, change!.after]).toEqual([
      { userId: ids.sara2 },
      { userId: ids.sara, zoomName: "Sara Ahmadi" },
    ]);
    // Omer was kept as before: no new entry.
    expect(await t.db.auditEvent.count({ where: { action: "attendance.zoom_name" } })).toBe(3);
  });

  it("keeps each cohort's memory to itself, and forgets a name only within its cohort, audit-logged", async () => {
    const a = await cohortWithTwoSessions("names-a");
    const b = await cohortWithTwoSessions("names-b");
    const first = await a.stage(0);
    const choices = {
      assignments: { "name:de iphone omer": a.ids.omer!, "name:ahmadi sara": "ignore" },
      overrides: new Set<string>(),
    };
    expect(await commitZoomImport(t.db, a.admin.id, a.cohort.id, a.sessions[0]!.id, first, choices)).toMatchObject({
      ok: true,
    });
    // An ignored person is not remembered.
    expect((await t.db.zoomNameMatch.findMany({ where: { cohortId: a.cohort.id } })).map((m) => m.zoomKey)).toEqual([
      "name:de iphone omer",
    ]);
    const other = (await previewZoomImport(t.db, b.cohort.id, b.sessions[1]!.id, await b.stage(1)))!;
    expect(other.plan!.review.map((r) => r.person.name)).toContain("iPhone de Omer");
    expect(other.plan!.remembered).toEqual([]);

    expect(await forgetZoomName(t.db, b.admin.id, b.cohort.id, "name:de iphone omer")).toBe(false);
    expect(await t.db.zoomNameMatch.count({ where: { cohortId: a.cohort.id } })).toBe(1);
    expect(await forgetZoomName(t.db, a.admin.id, a.cohort.id, "name:de iphone omer")).toBe(true);
    expect(await t.db.zoomNameMatch.count({ where: { cohortId: a.cohort.id } })).toBe(0);
    expect(
      await t.db.auditEvent.findFirst({
        where: { action: "attendance.zoom_name_forget", actorId: a.admin.id },
        select: { before: true },
      }),
    ).toEqual({ before: { userId: a.ids.omer, zoomName: "iPhone de Omer" } });
    const again = (await previewZoomImport(t.db, a.cohort.id, a.sessions[1]!.id, await a.stage(1)))!;
    expect(again.plan!.review.map((r) => r.person.name)).toContain("iPhone de Omer");
    expect(await commitZoomImport(t.db, a.admin.id, a.cohort.id, a.sessions[1]!.id, await a.stage(1), none)).toEqual({
      ok: false,
      error: "needs-review",
    });
  });
});
