// Pure rules about a participant's profile. No I/O.
import countries from "i18n-iso-countries";

export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.includes(code);
}

export { isTimeZone } from "./time-zones";

/** Letters of the Latin script (with accents), spaces, and . ' ’ - */
export function isLatinName(name: string): boolean {
  return /^[\p{Script=Latin}\p{M}\s.'’-]+$/u.test(name) && /\p{Script=Latin}/u.test(name);
}

/**
 * The kinds of organisation a participant may say they work for (users.organisation_type):
 * what a funder's report of an STI-policy programme groups people by.
 */
export const ORGANISATION_TYPES = [
  "GOVERNMENT",
  "UNIVERSITY",
  "RESEARCH",
  "BUSINESS",
  "NGO",
  "INTERNATIONAL",
  "OTHER",
] as const;
export type OrganisationTypeValue = (typeof ORGANISATION_TYPES)[number];

export type ProfileFields = {
  name: string | null;
  certificateName: string | null;
  country: string | null;
  organisation: string | null;
  position: string | null;
  timeZone: string | null;
};

/** What a participant must fill in before the course opens. */
export function missingProfileFields(p: ProfileFields): (keyof ProfileFields)[] {
  return (Object.keys(p) as (keyof ProfileFields)[]).filter((k) => !p[k]?.trim());
}
