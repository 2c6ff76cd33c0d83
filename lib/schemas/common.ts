import { z } from "zod";
import { normaliseEmail } from "@/lib/domain/email";

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

/**
 * An e-mail address typed into a form or a roster: normalised as lib/domain/email.ts says
 * (full-width forms, ideographic full stops, other scripts' digits, case, spaces), then
 * checked. The longest address SMTP carries is 254 characters (RFC 5321's path of 256, less
 * its angle brackets), as a roster's are held to (lib/domain/roster.ts).
 */
export const ZEmailAddress = z.string().max(1000).transform(normaliseEmail).pipe(z.email().max(254));

/**
 * A whole number typed into a form's field, within `min`..`max`. The codes a form translates:
 * "whole-number" for what is not one (letters, a fraction), `between-<min>-<max>` for one out
 * of range, a negative one included ("-5" is a whole number, only not an allowed one).
 */
export function zWholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, "whole-number")
    .transform(Number)
    .refine((n) => n >= min && n <= max, `between-${min}-${max}`);
}

/** zWholeNumber, or nothing: an empty field is null ("no limit"). */
export function zOptionalWholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^(-?\d+)?$/, "whole-number")
    .transform((s) => (s === "" ? null : Number(s)))
    .refine((n) => n === null || (n >= min && n <= max), `between-${min}-${max}`);
}
