import { z } from "zod";

const action = z.string().regex(/^[a-z]+(\.[a-z_]+)+$/);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const cursor = z.string().max(120);
const blank = (v: unknown) => (v === "" ? undefined : v);

/** What the audit log is asked for, as GET parameters; an empty field means "any". */
export const ZAuditQuery = z
  .object({
    action: z.preprocess(blank, action.optional()),
    person: z.preprocess(blank, z.string().trim().max(254).optional()),
    cohort: z.preprocess(blank, id.optional()),
    from: z.preprocess(blank, day.optional()),
    to: z.preprocess(blank, day.optional()),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from-after-to", path: ["to"] });
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

/**
 * The audit page's query string: a malformed field is ignored, never an error, so an edited
 * or old link still shows the log. `older`/`newer` are positions to page from.
 */
export const ZAuditFilter = z.object({
  action: action.optional().catch(undefined),
  person: z.string().trim().max(254).optional().catch(undefined),
  cohort: id.optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  older: cursor.optional().catch(undefined),
  newer: cursor.optional().catch(undefined),
  size: z.coerce
    .number()
    .pipe(z.union([z.literal(50), z.literal(100)]))
    .optional()
    .catch(undefined),
});
