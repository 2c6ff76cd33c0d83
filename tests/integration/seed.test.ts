import { describe, expect, it } from "vitest";
import { DEMO_COHORT, seedDatabase } from "@/lib/db/seed";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();

describe("seedDatabase", () => {
  it("creates the demo cohort and the admin, and a second run changes nothing", async () => {
    await seedDatabase(t.db, { adminEmail: "Admin@Example.org" });
    const first = {
      cohorts: await t.db.cohort.findMany({ orderBy: { id: "asc" } }),
      users: await t.db.user.findMany({ orderBy: { id: "asc" } }),
    };
    await seedDatabase(t.db, { adminEmail: "admin@example.org" });
    const second = {
      cohorts: await t.db.cohort.findMany({ orderBy: { id: "asc" } }),
      users: await t.db.user.findMany({ orderBy: { id: "asc" } }),
    };

    expect(first.cohorts).toHaveLength(1);
    expect(first.cohorts[0]).toMatchObject({
      slug: DEMO_COHORT.slug,
      name: "4th Training Program, December 2021",
      archivedAt: null,
    });
    expect(first.users).toEqual([expect.objectContaining({ email: "admin@example.org", role: "ADMIN" })]);
    expect(second.cohorts.map((c) => c.id)).toEqual(first.cohorts.map((c) => c.id));
    expect(second.users.map((u) => [u.id, u.role])).toEqual(first.users.map((u) => [u.id, u.role]));
  });

  it("keeps an admin's edits to the demo cohort", async () => {
    await t.db.cohort.update({ where: { slug: DEMO_COHORT.slug }, data: { name: "Renamed by an admin" } });
    await seedDatabase(t.db, { adminEmail: "admin@example.org" });
    expect((await t.db.cohort.findUniqueOrThrow({ where: { slug: DEMO_COHORT.slug } })).name).toBe(
      "Renamed by an admin",
    );
  });

  it("promotes an existing participant named as ADMIN_EMAIL", async () => {
    await t.db.user.create({ data: { email: "lead@example.org", role: "PARTICIPANT" } });
    await seedDatabase(t.db, { adminEmail: "lead@example.org" });
    expect((await t.db.user.findUniqueOrThrow({ where: { email: "lead@example.org" } })).role).toBe("ADMIN");
  });
});
