// SQL sent straight to the pg pool under the Prisma client, for the statements on
// the busiest paths: the session read of every signed-in request, and a quiz's
// start, saves and submit. Prisma's query layer costs about 150-190 µs of CPU per
// statement on top of pg's (`npm run bench:sql`, figures in bench/README.md), a
// tenth or more of such a request. Everything else goes through Prisma.
//
//   const rows = await sql(db).rows<{ id: string }>`SELECT id FROM users WHERE email = ${email}`;
//
// Values become bind parameters ($1, $2, ...), never text in the statement, and each
// statement is prepared once per connection under a name made from its text (parsed
// and planned once, not on every call: bench:sql's rate nearly doubled). Columns
// come back as pg reads them: timestamptz as Date, json and jsonb parsed, int4 as
// number, int8 and numeric as strings.
import { createHash } from "node:crypto";
import type { Db } from "./client";
import { poolOf } from "./client";

const texts = new WeakMap<TemplateStringsArray, string>();
const names = new Map<string, string>();

/** The statement of a tagged template, with $1, $2, ... for its values (made once per call site). */
export function statementOf(strings: TemplateStringsArray): string {
  let text = texts.get(strings);
  if (text === undefined) {
    text = strings.reduce((acc, part, i) => `${acc}$${i}${part}`);
    texts.set(strings, text);
  }
  return text;
}

/**
 * A prepared statement's name for `text`: each connection then parses and plans it once,
 * not on every call.
 */
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `lms_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

export function sql(db: Db) {
  const pool = poolOf(db);
  return {
    /** The rows a query returns. */
    async rows<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
      const text = statementOf(strings);
      return (await pool.query({ name: nameOf(text), text, values })).rows as T[];
    },
    /** How many rows a statement changed. */
    async execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      const text = statementOf(strings);
      return (await pool.query({ name: nameOf(text), text, values })).rowCount ?? 0;
    },
  };
}
