import { z } from "zod";

/**
 * A record's id as a form or an address carries it: the database's ids (cuid, 25 characters)
 * with room to spare. Anything longer, or empty, is not an id, and is refused before a query.
 */
export const ZId = z.string().min(1).max(40);

/**
 * A lecture's slug as a form or an address carries it: kebab-case, as the content's folder
 * names are (lib/schemas/content.ts). Whether such a lecture exists is the caller's look-up.
 */
export const ZLectureSlug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
