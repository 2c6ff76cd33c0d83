import { z } from "zod";
import { isCountryCode, isLatinName, isTimeZone } from "@/lib/domain/profile";

const text = (max: number) => z.string().trim().min(1, "required").max(max, "too-long");

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
  timeZone: z.string().trim().refine(isTimeZone, "unknown-time-zone"),
});
export type TProfile = z.infer<typeof ZProfile>;
export type TProfileField = keyof TProfile;
export const PROFILE_FIELDS = Object.keys(ZProfile.shape) as TProfileField[];
/** Error codes, translated by the form. */
export type TProfileErrors = Partial<Record<TProfileField, string>>;
