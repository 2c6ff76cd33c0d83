import { describe, expect, it } from "vitest";
import { listOpenCohorts } from "@/lib/db/cohorts";
import { createCohort, setCohortArchived, updateCohort } from "@/lib/db/cohorts-admin";
import { ZCohortForm } from "@/lib/schemas/cohort";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();

const input = (over: Record<string, string> = {}) =>
  ZCohortForm.parse({
    name: "Spring cohort",
    slug: "",
    description: "",
    timeZone: "Asia/Tehran",
    startsOn: "2026-04-01",
    endsOn: "2026-04-03",
    enrolmentOpensAt: "",
    enrolmentClosesAt: "",
    capacity: "",
    enrolmentMode: "OPEN",
    ...over,
  });

describe("cohort administration", () => {
  it("creates, edits and archives a cohort, audit-logging each change with before and after", async () => {
    const admin = await t.db.user.create({ data: { email: "admin@example.org", role: "ADMIN" } });
    const created = await createCohort(t.db, admin.id, input());
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : "";
    expect((await listOpenCohorts(new Date("2026-03-01"), t.db)).map((c) => c.slug)).toEqual(["spring-cohort"]);

    expect(
      await updateCohort(
        t.db,
        admin.id,
        id,
        input({ name: "Spring cohort 2026", slug: "spring-cohort", capacity: "40" }),
      ),
    ).toEqual({ ok: true, id });
    expect(await t.db.cohort.findUniqueOrThrow({ where: { id } })).toMatchObject({
      name: "Spring cohort 2026",
      capacity: 40,
    });

    expect(await setCohortArchived(t.db, admin.id, id, true)).toBe(true);
    expect(await listOpenCohorts(new Date("2026-03-01"), t.db)).toEqual([]);
    expect(await setCohortArchived(t.db, admin.id, id, true)).toBe(true); // already archived: no second entry
    expect(await setCohortArchived(t.db, admin.id, id, false)).toBe(true);

    const events = await t.db.auditEvent.findMany({
      where: { entity: "cohort", entityId: id },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "cohort.create",
      "cohort.update",
      "cohort.archive",
      "cohort.unarchive",
    ]);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
    expect(events[1]!.before).toMatchObject({ name: "Spring cohort", capacity: null });
    expect(events[1]!.after).toMatchObject({ name: "Spring cohort 2026", capacity: 40 });
  });

  it("refuses a short name another cohort uses, and writes nothing", async () => {
    const admin = await t.db.user.create({ data: { email: "admin2@example.org", role: "ADMIN" } });
    await createCohort(t.db, admin.id, input({ slug: "taken" }));
    const count = await t.db.cohort.count();
    const audits = await t.db.auditEvent.count();
    expect(await createCohort(t.db, admin.id, input({ name: "Another", slug: "taken" }))).toEqual({
      ok: false,
      field: "slug",
      error: "slug-taken",
    });
    expect(await t.db.cohort.count()).toBe(count);
    expect(await t.db.auditEvent.count()).toBe(audits);
  });

  it("answers not-found for a cohort that does not exist", async () => {
    const admin = await t.db.user.create({ data: { email: "admin3@example.org", role: "ADMIN" } });
    expect(await updateCohort(t.db, admin.id, "no-such-id", input())).toEqual({
      ok: false,
      field: null,
      error: "not-found",
    });
    expect(await setCohortArchived(t.db, admin.id, "no-such-id", true)).toBe(false);
  });
});
