import { z } from "zod";

/**
 * A record's id as a form or an address carries it: the database's ids (cuid, 25 characters)
 * with room to spare. Anything longer, or empty, is not an id, and is refused before a query.
 */
export const ZId = z.string().min(1).max(40);
