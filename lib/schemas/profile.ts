import { z } from "zod";
import { isCountryCode, isLatinName, isTimeZone, ORGANISATION_TYPES } from "@/lib/domain/profile";
import { currentZoneName } from "@/lib/domain/time-zones";

const text = (max: number) => z.string().trim().min(1, "required").max(max, "too-long");
/** Optional: "" (not said) or one of the kinds; a form without the field leaves it as it is. */
const organisationType = z
  .union([z.literal(""), z.enum(ORGANISATION_TYPES)], { error: "unknown-organisation-type" })
  .transform((v) => v || null);

export const ZProfile = z.object({
  name: text(120),
  certificateName: text(120).refine(isLatinName, "latin-only"),
  nativeName: z
    .string()
    .trim()
    .max(120, "too-long")
    .transform((s) => s || null),
  country: z.string().trim().toUpperCase().refine(isCountryCode, "unknown-country"),
  organisation: text(160),
  position: text(120),
  organisationType: organisationType.optional(),
  timeZone: z.string().trim().refine(isTimeZone, "unknown-time-zone").transform(currentZoneName),
});
export type TProfile = z.infer<typeof ZProfile>;
export type TProfileField = keyof TProfile;
export const PROFILE_FIELDS = Object.keys(ZProfile.shape) as TProfileField[];
/** Error codes, translated by the form. */
export type TProfileErrors = Partial<Record<TProfileField, string>>;

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too-long")
    .transform((s) => s || null);

/**
 * An organiser's edit of a participant's profile. The names a certificate needs are
 * required; country, organisation and position may stay empty (a roster may not have
 * them), and the time zone stays the participant's own.
 */
export const ZAdminProfile = z.object({
  name: text(120),
  certificateName: text(120).refine(isLatinName, "latin-only"),
  nativeName: optional(120),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => c === "" || isCountryCode(c), "unknown-country")
    .transform((c) => c || null),
  organisation: optional(160),
  position: optional(120),
  organisationType: organisationType.optional(),
});
export type TAdminProfile = z.infer<typeof ZAdminProfile>;
export type TAdminProfileField = keyof TAdminProfile;
export const ADMIN_PROFILE_FIELDS = Object.keys(ZAdminProfile.shape) as TAdminProfileField[];
