import { describe, expect, it } from "vitest";
import { cohortAttendance, markAttendance, ownAttendance } from "@/lib/db/attendance";
import { sessionRegister } from "@/lib/db/attendance-register";
import { deleteSession } from "@/lib/db/sessions";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
let n = 0;
const HOUR = 60 * 60 * 1000;
/** `hours` from the moment the test runs: which sessions count as held depends on the clock. */
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * HOUR);

async function setup() {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `a-${n}`,
      name: `Att ${n}`,
      timeZone: "UTC",
      startsOn: hoursFromNow(-48),
      endsOn: hoursFromNow(31 * 24),
    },
  });
  const admin = await t.db.user.create({ data: { email: `att-admin${n}@example.org`, role: "ADMIN" } });
  const people = await Promise.all(
    ["a", "b", "c"].map((x) =>
      t.db.user.create({ data: { email: `att-${x}${n}@example.org`, certificateName: `Person ${x.toUpperCase()}` } }),
    ),
  );
  for (const p of people)
    await t.db.enrolment.create({ data: { userId: p.id, cohortId: cohort.id, status: "ACTIVE" } });
  const s1 = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: "nhz-policy-framework",
      startsAt: hoursFromNow(-30),
      endsAt: hoursFromNow(-29),
    },
  });
  const s2 = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: "china-st-system-reform",
      startsAt: hoursFromNow(-28),
      endsAt: hoursFromNow(-27),
    },
  });
  const later = await t.db.liveSession.create({
    data: {
      cohortId: cohort.id,
      lectureSlug: "pakistan-sti-policy",
      startsAt: hoursFromNow(30 * 24),
      endsAt: hoursFromNow(30 * 24 + 1),
    },
  });
  return { cohort, admin, people, s1, s2, later };
}

describe("attendance", () => {
  it("marks one or all, writes nothing for an unchanged mark, and logs each change with old and new value", async () => {
    const { cohort, admin, people, s1 } = await setup();
    const [a, b, c] = people;
    expect(
      await markAttendance(
        t.db,
        admin.id,
        cohort.id,
        s1.id,
        people.map((p) => ({ userId: p.id, status: "PRESENT", note: null })),
      ),
    ).toEqual({ ok: true, changed: 3 });
    expect(
      await markAttendance(t.db, admin.id, cohort.id, s1.id, [
        { userId: a!.id, status: "PRESENT", note: "" },
        { userId: b!.id, status: "LATE", note: "joined at 10:20" },
      ]),
    ).toEqual({ ok: true, changed: 1 });
    const grid = await sessionRegister(t.db, cohort.id, s1.id, { show: "all", q: "", page: 1 });
    expect(
      grid?.rows.map((r) => [
        r.user.certificateName,
        r.record?.status,
        r.record?.source,
        r.record?.note,
        r.record?.updatedBy?.email,
      ]),
    ).toEqual([
      ["Person A", "PRESENT", "MANUAL", null, admin.email],
      ["Person B", "LATE", "MANUAL", "joined at 10:20", admin.email],
      ["Person C", "PRESENT", "MANUAL", null, admin.email],
    ]);
    const audit = await t.db.auditEvent.findMany({
      where: { action: "attendance.mark", entityId: `${s1.id}:${b!.id}` },
      orderBy: { at: "asc" },
    });
    expect(audit.map((e) => [e.before, (e.after as { status: string }).status])).toEqual([
      [null, "PRESENT"],
      [{ status: "PRESENT", source: "MANUAL", note: null }, "LATE"],
    ]);
    void c;
  });

  it("refuses a session of another cohort and people without an active place; nothing is written", async () => {
    const one = await setup();
    const two = await setup();
    expect(
      await markAttendance(t.db, one.admin.id, one.cohort.id, two.s1.id, [
        { userId: two.people[0]!.id, status: "PRESENT", note: null },
      ]),
    ).toEqual({ ok: false, error: "not-found" });
    expect(
      await markAttendance(t.db, one.admin.id, one.cohort.id, one.s1.id, [
        { userId: two.people[0]!.id, status: "PRESENT", note: null },
      ]),
    ).toEqual({ ok: false, error: "not-enrolled" });
    expect(await sessionRegister(t.db, one.cohort.id, two.s1.id, { show: "all", q: "", page: 1 })).toBeNull();
    expect(
      await t.db.attendanceRecord.count({ where: { session: { cohortId: { in: [one.cohort.id, two.cohort.id] } } } }),
    ).toBe(0);
  });

  it("computes rates over held sessions, with excused counted as the cohort says; a participant sees only their own", async () => {
    const { cohort, admin, people, s1, s2, later } = await setup();
    const [a, b] = people;
    await markAttendance(t.db, admin.id, cohort.id, s1.id, [
      { userId: a!.id, status: "PRESENT", note: null },
      { userId: b!.id, status: "EXCUSED", note: "ill" },
    ]);
    await markAttendance(t.db, admin.id, cohort.id, s2.id, [
      { userId: a!.id, status: "LATE", note: null },
      { userId: b!.id, status: "PRESENT", note: null },
    ]);
    const matrix = await cohortAttendance(t.db, cohort.id);
    expect(matrix.held).toBe(2);
    expect(matrix.rows.map((r) => [r.user.certificateName, r.rate])).toEqual([
      ["Person A", 100],
      ["Person B", 100],
      ["Person C", 0],
    ]);
    expect(matrix.perSession).toEqual([66.7, 66.7, null]);
    await t.db.attendanceSettings.create({ data: { cohortId: cohort.id, excusedCounts: false } });
    expect((await cohortAttendance(t.db, cohort.id)).rows.map((r) => r.rate)).toEqual([100, 100, 0]);
    const own = await ownAttendance(t.db, b!.id, cohort.id);
    expect(own.sessions.map((s) => [s.id, s.status])).toEqual([
      [s1.id, "EXCUSED"],
      [s2.id, "PRESENT"],
      [later.id, null],
    ]);
    expect(own.rate).toBe(100); // the excused session is left out when excused does not count
    const outsider = await t.db.user.create({ data: { email: `outsider-att${n}@example.org` } });
    expect((await ownAttendance(t.db, outsider.id, cohort.id)).sessions).toEqual([]);
    // A session with attendance is deleted only when the organiser says its records go too.
    expect(await deleteSession(t.db, admin.id, cohort.id, s1.id)).toBe("has-attendance");
    expect(await t.db.attendanceRecord.count({ where: { sessionId: s1.id } })).toBe(2);
  });

  it("deletes a session with its attendance when asked to, keeping every record in the audit log", async () => {
    const { cohort, admin, people, s1, s2 } = await setup();
    await markAttendance(t.db, admin.id, cohort.id, s1.id, [
      { userId: people[0]!.id, status: "PRESENT", note: null },
      { userId: people[1]!.id, status: "EXCUSED", note: "ill" },
    ]);
    await markAttendance(t.db, admin.id, cohort.id, s2.id, [{ userId: people[0]!.id, status: "LATE", note: null }]);
    const { sessionDeletionImpact } = await import("@/lib/db/sessions");
    expect(await sessionDeletionImpact(t.db, cohort.id, s1.id)).toEqual({ attendance: 2, excuses: 0, zoomImports: 0 });
    const other = await setup();
    expect(await sessionDeletionImpact(t.db, other.cohort.id, s1.id)).toBeNull();
    expect(await deleteSession(t.db, admin.id, other.cohort.id, s1.id, { withAttendance: true })).toBe("not-found");

    expect(await deleteSession(t.db, admin.id, cohort.id, s1.id, { withAttendance: true })).toBe("deleted");
    expect(await t.db.liveSession.count({ where: { id: s1.id } })).toBe(0);
    expect(await t.db.attendanceRecord.count({ where: { sessionId: s1.id } })).toBe(0);
    expect(await t.db.attendanceRecord.count({ where: { sessionId: s2.id } })).toBe(1);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "session.delete", entityId: s1.id } });
    const kept = (audit.before as { attendance: { userId: string; status: string; note: string | null }[] }).attendance;
    expect(kept.map((r) => [r.userId, r.status, r.note]).sort()).toEqual(
      [
        [people[0]!.id, "PRESENT", null],
        [people[1]!.id, "EXCUSED", "ill"],
      ].sort(),
    );
  });
});

describe("cohortAttendanceRecords", () => {
  it("lists the cohort's records only, by session then name, with minutes, note and who marked them", async () => {
    const { cohortAttendanceRecords } = await import("@/lib/db/attendance");
    const { cohort, admin, people, s1, s2 } = await setup();
    const other = await setup();
    await markAttendance(t.db, admin.id, cohort.id, s2.id, [{ userId: people[0]!.id, status: "LATE", note: null }]);
    await markAttendance(t.db, admin.id, cohort.id, s1.id, [
      { userId: people[1]!.id, status: "EXCUSED", note: "ill" },
      { userId: people[0]!.id, status: "PRESENT", note: null },
    ]);
    await markAttendance(t.db, other.admin.id, other.cohort.id, other.s1.id, [
      { userId: other.people[0]!.id, status: "PRESENT", note: null },
    ]);
    await t.db.attendanceRecord.updateMany({
      where: { sessionId: s1.id, userId: people[0]!.id },
      data: { minutes: 87.5 },
    });
    const records = await cohortAttendanceRecords(t.db, cohort.id);
    expect(
      records.map((r) => [
        r.session.lectureSlug,
        r.user.certificateName,
        r.status,
        r.minutes?.toString() ?? null,
        r.note,
      ]),
    ).toEqual([
      ["nhz-policy-framework", "Person A", "PRESENT", "87.5", null],
      ["nhz-policy-framework", "Person B", "EXCUSED", null, "ill"],
      ["china-st-system-reform", "Person A", "LATE", null, null],
    ]);
    expect(records.every((r) => r.updatedBy?.email === admin.email && r.source === "MANUAL")).toBe(true);
  });
});

describe("attendance rules", () => {
  it("saves a cohort's rules with before and after in the audit log; the rate follows them", async () => {
    const { saveAttendanceSettings, getAttendanceSettings, DEFAULT_ATTENDANCE_SETTINGS } =
      await import("@/lib/db/attendance");
    const { cohort, admin, people, s1, s2 } = await setup();
    await markAttendance(t.db, admin.id, cohort.id, s1.id, [{ userId: people[0]!.id, status: "EXCUSED", note: null }]);
    await markAttendance(t.db, admin.id, cohort.id, s2.id, [{ userId: people[0]!.id, status: "ABSENT", note: null }]);
    expect((await cohortAttendance(t.db, cohort.id)).rows[0]!.rate).toBe(50);
    const values = { ...DEFAULT_ATTENDANCE_SETTINGS, excusedCounts: false, presentPercent: 80 };
    expect(await saveAttendanceSettings(t.db, admin.id, cohort.id, values)).toBe(true);
    expect(await getAttendanceSettings(t.db, cohort.id)).toEqual(values);
    expect((await cohortAttendance(t.db, cohort.id)).rows[0]!.rate).toBe(0);
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "attendance.settings_update", entityId: cohort.id },
    });
    expect([audit.before, audit.after]).toEqual([DEFAULT_ATTENDANCE_SETTINGS, values]);
    expect(await saveAttendanceSettings(t.db, admin.id, "no-such-cohort", values)).toBe(false);
  });
});

describe("excuse requests", () => {
  it("a participant asks for their own session; the admin approves (the record becomes excused) or rejects; decisions are final", async () => {
    const { askToBeExcused, decideExcuse, getOwnExcuse, listSessionExcuses } = await import("@/lib/db/excuses");
    const { cohort, admin, people, s1, s2 } = await setup();
    const [a, b] = people;
    expect(await askToBeExcused(t.db, a!.id, cohort.id, s1.id, "  ")).toEqual({ ok: false, error: "invalid-reason" });
    expect(await askToBeExcused(t.db, a!.id, cohort.id, s1.id, "Flight delayed")).toEqual({ ok: true });
    expect(await askToBeExcused(t.db, a!.id, cohort.id, s1.id, "Flight delayed by a day")).toEqual({ ok: true }); // edited while pending
    expect(await askToBeExcused(t.db, b!.id, cohort.id, s2.id, "Exam at university")).toEqual({ ok: true });
    const list = await listSessionExcuses(t.db, cohort.id, s1.id);
    expect(list.map((r) => [r.user.id, r.reason, r.status])).toEqual([[a!.id, "Flight delayed by a day", "PENDING"]]);

    expect(await decideExcuse(t.db, admin.id, cohort.id, list[0]!.id, true)).toEqual({ ok: true });
    expect(await getOwnExcuse(t.db, a!.id, s1.id)).toMatchObject({ status: "APPROVED" });
    expect(
      await t.db.attendanceRecord.findUniqueOrThrow({
        where: { sessionId_userId: { sessionId: s1.id, userId: a!.id } },
      }),
    ).toMatchObject({ status: "EXCUSED", note: "Flight delayed by a day" });
    expect(await decideExcuse(t.db, admin.id, cohort.id, list[0]!.id, false)).toEqual({
      ok: false,
      error: "already-decided",
    });
    expect(await askToBeExcused(t.db, a!.id, cohort.id, s1.id, "again")).toEqual({
      ok: false,
      error: "already-decided",
    });

    const other = (await listSessionExcuses(t.db, cohort.id, s2.id))[0]!;
    expect(await decideExcuse(t.db, admin.id, cohort.id, other.id, false)).toEqual({ ok: true });
    expect(await getOwnExcuse(t.db, b!.id, s2.id)).toMatchObject({ status: "REJECTED" });
    expect(await t.db.attendanceRecord.count({ where: { sessionId: s2.id, userId: b!.id } })).toBe(0);
    expect(
      await t.db.auditEvent.count({ where: { action: { in: ["excuse.request", "excuse.approve", "excuse.reject"] } } }),
    ).toBeGreaterThanOrEqual(5);
  });

  it("refuses a session of another cohort, someone without a place, and another cohort's request id", async () => {
    const { askToBeExcused, decideExcuse, listSessionExcuses } = await import("@/lib/db/excuses");
    const one = await setup();
    const two = await setup();
    expect(await askToBeExcused(t.db, one.people[0]!.id, one.cohort.id, two.s1.id, "Not my cohort")).toEqual({
      ok: false,
      error: "not-found",
    });
    expect(await askToBeExcused(t.db, one.people[0]!.id, two.cohort.id, two.s1.id, "Not my cohort")).toEqual({
      ok: false,
      error: "not-found",
    });
    await askToBeExcused(t.db, two.people[0]!.id, two.cohort.id, two.s1.id, "Ill");
    const request = (await listSessionExcuses(t.db, two.cohort.id, two.s1.id))[0]!;
    expect(await listSessionExcuses(t.db, one.cohort.id, two.s1.id)).toEqual([]);
    expect(await decideExcuse(t.db, one.admin.id, one.cohort.id, request.id, true)).toEqual({
      ok: false,
      error: "not-found",
    });
  });
});

describe("self check-in", () => {
  it("checks a participant in with the current code while open (late after the cohort's minutes), refuses wrong codes, other cohorts, and a closed session; guessing is limited", async () => {
    const { checkIn, setCheckIn, getOpenCheckIn } = await import("@/lib/db/check-in");
    const { checkInCode } = await import("@/lib/auth/check-in-codes");
    const { cohort, admin, people, s1 } = await setup();
    const [a, b, c] = people;
    const start = s1.startsAt;
    const minutes = (m: number) => new Date(start.getTime() + m * 60_000);
    expect(await checkIn(t.db, a!.id, s1.id, "000000", minutes(1))).toEqual({ ok: false, error: "closed" });
    expect(await setCheckIn(t.db, admin.id, cohort.id, s1.id, { minutes: 30 }, minutes(0))).toBe(true);
    const open = (await getOpenCheckIn(t.db, cohort.id, s1.id, minutes(1)))!;
    expect(await checkIn(t.db, a!.id, s1.id, checkInCode(open.secret, minutes(2)), minutes(2))).toEqual({
      ok: true,
      status: "PRESENT",
    });
    expect(await checkIn(t.db, a!.id, s1.id, checkInCode(open.secret, minutes(3)), minutes(3))).toEqual({
      ok: false,
      error: "already-marked",
    });
    expect(await checkIn(t.db, b!.id, s1.id, checkInCode(open.secret, minutes(15)), minutes(15))).toEqual({
      ok: true,
      status: "LATE",
    });
    const wrong = checkInCode(open.secret, minutes(15)) === "123456" ? "654321" : "123456";
    expect(await checkIn(t.db, c!.id, s1.id, wrong, minutes(15))).toEqual({ ok: false, error: "wrong-code" });
    const outsider = await setup();
    expect(
      await checkIn(t.db, outsider.people[0]!.id, s1.id, checkInCode(open.secret, minutes(5)), minutes(5)),
    ).toEqual({ ok: false, error: "not-found" });
    for (let i = 0; i < 9; i += 1) await checkIn(t.db, c!.id, s1.id, wrong, minutes(16));
    expect(await checkIn(t.db, c!.id, s1.id, checkInCode(open.secret, minutes(16)), minutes(16))).toMatchObject({
      ok: false,
      error: "rate-limited",
    });
    expect(
      await t.db.attendanceRecord.findMany({
        where: { sessionId: s1.id },
        orderBy: { status: "asc" },
        select: { status: true, source: true },
      }),
    ).toEqual([
      { status: "PRESENT", source: "SELF_CHECK_IN" },
      { status: "LATE", source: "SELF_CHECK_IN" },
    ]);
    expect(await setCheckIn(t.db, admin.id, cohort.id, s1.id, null, minutes(20))).toBe(true);
    expect(await getOpenCheckIn(t.db, cohort.id, s1.id, minutes(21))).toBeNull();
    expect(await setCheckIn(t.db, admin.id, outsider.cohort.id, s1.id, { minutes: 5 })).toBe(false);
  });

  it("a code that came with the QR link before sign-in is judged as at the time the link was opened, for twenty minutes", async () => {
    const { checkIn, setCheckIn, getOpenCheckIn } = await import("@/lib/db/check-in");
    const { checkInCode, readCheckInPass, signCheckInPass } = await import("@/lib/auth/check-in-codes");
    const { cohort, admin, people, s1 } = await setup();
    const [a, b, c] = people;
    const minutes = (m: number) => new Date(s1.startsAt.getTime() + m * 60_000);
    expect(await setCheckIn(t.db, admin.id, cohort.id, s1.id, { minutes: 30 }, minutes(0))).toBe(true);
    const open = (await getOpenCheckIn(t.db, cohort.id, s1.id, minutes(1)))!;
    const key = "server-key";
    // The phone opens the QR link at minute 2, then signs in: it checks in at minute 12, after the ten minutes that count as on time.
    const scanned = { code: checkInCode(open.secret, minutes(2)), seenAt: minutes(2) };
    const pass = readCheckInPass(key, s1.id, signCheckInPass(key, s1.id, scanned), minutes(12))!;
    expect(pass).toEqual({ code: scanned.code, seenAt: new Date(Math.floor(scanned.seenAt.getTime() / 1000) * 1000) });
    expect(await checkIn(t.db, a!.id, s1.id, pass.code, minutes(12))).toEqual({ ok: false, error: "wrong-code" });
    expect(await checkIn(t.db, a!.id, s1.id, pass.code, minutes(12), pass.seenAt)).toEqual({
      ok: true,
      status: "PRESENT",
    });
    // Arrival counts from the scan: a late scan stays late, an early one is not made late by the sign-in.
    const late = { code: checkInCode(open.secret, minutes(14)), seenAt: minutes(14) };
    expect(await checkIn(t.db, b!.id, s1.id, late.code, minutes(20), late.seenAt)).toEqual({
      ok: true,
      status: "LATE",
    });
    // A pass is for its session only, and lasts twenty minutes; a time to come is refused.
    expect(readCheckInPass(key, "another-session", signCheckInPass(key, s1.id, scanned), minutes(3))).toBeUndefined();
    expect(readCheckInPass(key, s1.id, signCheckInPass(key, s1.id, scanned), minutes(23))).toBeUndefined();
    expect(await checkIn(t.db, c!.id, s1.id, scanned.code, minutes(2), minutes(3))).toEqual({
      ok: false,
      error: "wrong-code",
    });
  });
});
