// SQL sent straight to the pg pool under the Prisma client, for the statements on
// the busiest paths: the session read of every signed-in request, and a quiz's
// start, saves and submit. Prisma's query layer costs about 170 µs of CPU per
// statement on top of pg's (bench/README.md, "Prisma or pg"), a fifth of such a
// request. Everything else goes through Prisma.
//
//   const rows = await sql(db).rows<{ id: string }>`SELECT id FROM users WHERE email = ${email}`;
//
// Values become bind parameters ($1, $2, ...), never text in the statement. Columns
// come back as pg reads them: timestamptz as Date, json and jsonb parsed, int4 as
// number, int8 and numeric as strings.
import type { Db } from "./client";
import { poolOf } from "./client";

const texts = new WeakMap<TemplateStringsArray, string>();

/** The statement of a tagged template, with $1, $2, ... for its values (made once per call site). */
export function statementOf(strings: TemplateStringsArray): string {
  let text = texts.get(strings);
  if (text === undefined) {
    text = strings.reduce((acc, part, i) => `${acc}$${i}${part}`);
    texts.set(strings, text);
  }
  return text;
}

export function sql(db: Db) {
  const pool = poolOf(db);
  return {
    /** The rows a query returns. */
    async rows<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
      return (await pool.query(statementOf(strings), values)).rows as T[];
    },
    /** How many rows a statement changed. */
    async execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      return (await pool.query(statementOf(strings), values)).rowCount ?? 0;
    },
  };
}
