// Erasing a person at their request (GDPR art. 17): which people may be erased, what
// stands in for their address, and how their identifying strings are taken out of the
// free text that mentions them (uploaded rosters and Zoom reports, audit entries). Pure.
//
// What an erasure keeps: the person's row under an address that cannot receive mail, with
// no name or profile, so that their attendance and quiz results still count, anonymously, in
// the cohort's figures. What it removes is listed in lib/db/erasure.ts.

import { normaliseEmail } from "./email";

/** The reason an erased person's certificates are revoked with, shown on /verify. */
export const ERASED_REASON = "erased at the holder's request";

/** What stands in for an erased person's strings in free text. */
export const ERASED_TEXT = "[erased]";

/**
 * The address an erased person's row keeps: unique (the random part), lower-case like every
 * stored address, and in the reserved .invalid domain (RFC 2606), so no mail can reach it.
 */
export function erasedAddress(random: string): string {
  return `erased-${random.toLowerCase()}@erased.invalid`;
}

export function isErasedAddress(address: string): boolean {
  return /^erased-[a-z0-9]+@erased\.invalid$/.test(address);
}

/** Whether a certificate was cleared by its holder's erasure (lib/db/erasure.ts empties its credential). */
export function certificateErased(certificate: { credential: string }): boolean {
  return certificate.credential === "";
}

export type ErasureRefusal = "self" | "admin" | "already-erased" | "not-confirmed";

/**
 * Why `actorId` may not erase the person, or null when they may: never themselves (an
 * admin's account is not erased from under their own session), never an admin (make them a
 * participant first, which the last-admin rule guards), only once, and only when the admin
 * typed the person's address to confirm.
 */
export function erasureRefusal(
  actorId: string,
  person: { id: string; email: string; role: string; erasedAt: Date | null },
  confirmation: string,
): ErasureRefusal | null {
  if (person.id === actorId) return "self";
  if (person.erasedAt) return "already-erased";
  if (person.role === "ADMIN") return "admin";
  if (normaliseEmail(confirmation) !== person.email) return "not-confirmed";
  return null;
}

type Person = {
  email: string;
  name?: string | null;
  certificateName?: string | null;
  nativeName?: string | null;
  organisation?: string | null;
  position?: string | null;
};

/**
 * The strings that name the person: their address and names. Replaced wherever they occur,
 * uploaded files included (where other people's lines share the file). Very short values
 * (one or two letters) are left out, since replacing them would shred unrelated words.
 */
export function identifyingStrings(person: Person): string[] {
  return distinctStrings([person.email, person.name, person.certificateName, person.nativeName]);
}

/**
 * The identifying strings and the rest of the profile (organisation, position): replaced in
 * the records that are about the person only (their audit entries), where an organisation's
 * name is their data rather than a colleague's.
 */
export function profileStrings(person: Person): string[] {
  return distinctStrings([...identifyingStrings(person), person.organisation, person.position]);
}

/** The values worth replacing (three characters or more), each once, longest first. */
export function distinctStrings(values: readonly (string | null | undefined)[]): string[] {
  const strings = values.flatMap((v) => (v && v.trim().length >= 3 ? [v.trim()] : []));
  // Longest first, so that a name inside a longer one ("Ali" in "Ali Khan") is not replaced first.
  return [...new Set(strings)].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `text` with every occurrence of each string replaced (case-insensitively) by ERASED_TEXT. */
export function redactText(text: string, strings: readonly string[]): string {
  if (strings.length === 0) return text;
  const pattern = new RegExp(strings.map(escapeRegExp).join("|"), "giu");
  return text.replace(pattern, ERASED_TEXT);
}

/** A JSON value with `redactText` applied to every string in it, keys included. */
export function redactJson(value: unknown, strings: readonly string[]): unknown {
  if (typeof value === "string") return redactText(value, strings);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, strings));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k, strings), redactJson(v, strings)]));
  return value;
}
