import { z } from "zod";

/** The audit log's filter, from the query string: anything malformed is ignored, never an error. */
export const ZAuditFilter = z.object({
  action: z
    .string()
    .regex(/^[a-z]+(\.[a-z_]+)+$/)
    .optional()
    .catch(undefined),
  person: z.string().trim().max(254).optional().catch(undefined),
});
