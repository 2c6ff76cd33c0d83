import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createPrismaClient, poolOf } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { sql, statementOf } from "@/lib/db/sql";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const tag = (strings: TemplateStringsArray, ..._values: unknown[]) => strings;
const ZIdRow = z.strictObject({ id: z.string() });
const ZNumberRow = z.strictObject({ x: z.number() });

describe("statementOf", () => {
  it.each([
    [tag`SELECT 1`, "SELECT 1"],
    [tag`SELECT ${1}`, "SELECT $1"],
    [tag`SELECT * FROM t WHERE a = ${1} AND b = ${2}::jsonb`, "SELECT * FROM t WHERE a = $1 AND b = $2::jsonb"],
    [tag`${1}${2}`, "$1$2"],
  ])("%j → %s", (strings, text) => {
    expect(statementOf(strings)).toBe(text);
  });
});

describe("sql(db): statements straight to the client's pg pool", () => {
  it("binds values as parameters, never as text of the statement", async () => {
    const user = await t.db.user.create({ data: { email: "o'brien@example.org", name: "x'); DROP TABLE users; --" } });
    const ZUserRow = z.strictObject({ id: z.string(), name: z.string(), created_at: z.date() });
    const [row] = await sql(t.db).rows(
      ZUserRow,
    )`SELECT id, name, created_at FROM users WHERE email = ${"o'brien@example.org"}`;
    expect(row).toMatchObject({ id: user.id, name: "x'); DROP TABLE users; --" });
    expect(row!.created_at).toBeInstanceOf(Date);
    expect(await sql(t.db).rows(ZIdRow)`SELECT id FROM users WHERE email = ${"' OR '1'='1"}`).toEqual([]);
  });

  it("parses each row with the query's row schema: a column the two disagree on fails the query", async () => {
    await t.db.user.create({ data: { email: "schema@rows.example.org" } });
    const email = "schema@rows.example.org";
    expect(await sql(t.db).rows(ZIdRow)`SELECT id FROM users WHERE email = ${email}`).toEqual([
      { id: expect.any(String) },
    ]);
    // A column the schema does not name, one it names that the statement does not select, one of another type.
    await expect(sql(t.db).rows(ZIdRow)`SELECT id, email FROM users WHERE email = ${email}`).rejects.toThrow(
      z.ZodError,
    );
    await expect(
      sql(t.db).rows(ZIdRow.extend({ name: z.string() }))`SELECT id FROM users WHERE email = ${email}`,
    ).rejects.toThrow(z.ZodError);
    await expect(sql(t.db).rows(ZNumberRow)`SELECT id AS x FROM users WHERE email = ${email}`).rejects.toThrow(
      z.ZodError,
    );
  });

  it("counts the rows a statement changed, and reads back what it wrote through Prisma", async () => {
    await t.db.user.createMany({ data: [{ email: "a@sql.example.org" }, { email: "b@sql.example.org" }] });
    const at = new Date("2026-11-26T10:00:00.123Z");
    expect(
      await sql(t.db)
        .execute`UPDATE users SET profile_completed_at = ${at}, time_zone = ${"Asia/Karachi"} WHERE email LIKE ${"%@sql.example.org"}`,
    ).toBe(2);
    const users = await t.db.user.findMany({ where: { email: { endsWith: "@sql.example.org" } } });
    expect(users.map((u) => [u.profileCompletedAt, u.timeZone])).toEqual([
      [at, "Asia/Karachi"],
      [at, "Asia/Karachi"],
    ]);
  });

  it("prepares each statement once per connection, under a name made from its text", async () => {
    const db = createPrismaClient(t.url, { max: 1 });
    try {
      for (const n of [1, 2, 3])
        expect(await sql(db).rows(ZNumberRow)`SELECT ${n}::int + 1 AS x`).toEqual([{ x: n + 1 }]);
      const prepared = await sql(db).rows(
        z.strictObject({ name: z.string(), statement: z.string() }),
      )`SELECT name, statement FROM pg_prepared_statements ORDER BY statement`;
      expect(prepared).toEqual([
        { name: expect.stringMatching(/^lms_[0-9a-f]{20}$/), statement: "SELECT $1::int + 1 AS x" },
        {
          name: expect.stringMatching(/^lms_[0-9a-f]{20}$/),
          statement: "SELECT name, statement FROM pg_prepared_statements ORDER BY statement",
        },
      ]);
    } finally {
      await db.$disconnect();
    }
  });

  it("reports a unique violation as one", async () => {
    await t.db.user.create({ data: { email: "twice@example.org" } });
    const err = await sql(t.db)
      .execute`INSERT INTO users (id, email, updated_at) VALUES (${"u2"}, ${"twice@example.org"}, now())`.catch(
      (e: unknown) => e,
    );
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error("duplicate key"))).toBe(false);
  });

  it.each([
    ["Prisma and sql", true, true],
    ["only sql", false, true],
    ["only Prisma", true, false],
  ])("runs on the pool Prisma's adapter uses, which $disconnect ends (%s used)", async (_, usePrisma, useSql) => {
    const db = createPrismaClient(t.url, { max: 2 });
    const pool = poolOf(db);
    if (usePrisma) await db.user.count();
    if (useSql) await sql(db).rows(ZNumberRow)`SELECT 1 AS x`;
    expect(pool.totalCount).toBeGreaterThan(0);
    await db.$disconnect();
    expect(pool.ended).toBe(true);
    expect(pool.totalCount).toBe(0);
  });
});
