// SQL sent straight to the pg pool under the Prisma client, for the statements on
// the busiest paths: the session read of every signed-in request, a quiz's
// start, saves and submit, the quiz and attempt pages, the dashboard's notices,
// and the delivery record of each mail of a bulk send. Prisma's query layer
// costs about 150-190 µs of CPU per statement on top of pg's (`npm run bench:sql`,
// figures in bench/README.md), a tenth or more of such a request. Everything else goes through Prisma.
//
//   const ZUserIdRow = z.strictObject({ id: z.string() });
//   const rows = await sql(db).rows(ZUserIdRow)`SELECT id FROM users WHERE email = ${email}`;
//
// Each row is parsed by the query's row schema (one per row shape, named Z...Row):
// what the code reads is what the schema checked, and a column the statement and the
// schema disagree on fails the query instead of reading as undefined. Values become
// bind parameters ($1, $2, ...), never text in the statement, and each statement is
// prepared once per connection under a name made from its text (parsed and planned
// once, not on every call: bench:sql's rate nearly doubled). Columns come back as pg
// reads them: timestamptz as Date, json and jsonb parsed, int4 as number, int8 and
// numeric as strings.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "./client";
import { poolOf } from "./client";

type Prepared = { name: string; text: string };
const prepared = new WeakMap<TemplateStringsArray, Prepared>();

/**
 * The statement of a tagged template, with $1, $2, ... for its values, and its prepared
 * statement's name, made from the text: each connection then parses and plans it once,
 * not on every call. Worked out once per call site.
 */
function preparedOf(strings: TemplateStringsArray): Prepared {
  let statement = prepared.get(strings);
  if (statement === undefined) {
    const text = strings.reduce((acc, part, i) => `${acc}$${i}${part}`);
    statement = { name: `lms_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`, text };
    prepared.set(strings, statement);
  }
  return statement;
}

/**
 * The rows of a raw query sent through Prisma ($queryRaw, for statements inside its
 * transactions), each parsed by `schema`, as sql(db).rows does for statements of its own.
 */
export const checkedRows = <S extends z.ZodType>(schema: S, rows: unknown): z.output<S>[] =>
  z.array(schema).parse(rows);

/** A row of one text id: what row locks (SELECT id ... FOR UPDATE) return. */
export const ZIdRow = z.strictObject({ id: z.string() });

/** The statement text of a tagged template, with $1, $2, ... for its values. */
export const statementOf = (strings: TemplateStringsArray): string => preparedOf(strings).text;

export function sql(db: Db) {
  const pool = poolOf(db);
  const run = (strings: TemplateStringsArray, values: unknown[]) => pool.query({ ...preparedOf(strings), values });
  return {
    /** The rows a query returns, each parsed by `schema`. */
    rows<S extends z.ZodType>(schema: S) {
      return async (strings: TemplateStringsArray, ...values: unknown[]): Promise<z.output<S>[]> =>
        (await run(strings, values)).rows.map((row: unknown) => schema.parse(row));
    },
    /** How many rows a statement changed. */
    async execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      return (await run(strings, values)).rowCount ?? 0;
    },
  };
}
