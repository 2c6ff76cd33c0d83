// Reading a CSV roster an admin uploads for a cohort, and planning what importing it would do. Pure.
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import Papa from "papaparse";
import { z } from "zod";
import { normaliseEmail } from "./email";
import { isCountryCode } from "./profile";

// The browser build of i18n-iso-countries registers no locale; the names below need English.
countries.registerLocale(en);

export const ROSTER_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 10_000 } as const;
const MAX_LENGTH = { name: 200, email: 254, organisation: 200, position: 200 } as const;

export type RosterField = "name" | "email" | "country" | "organisation" | "position";
const FIELDS: readonly RosterField[] = ["name", "email", "country", "organisation", "position"];

/** line: the row number a spreadsheet shows for this record (the header is line 1). */
export type RosterRow = {
  line: number;
  name: string;
  email: string;
  country: string | null;
  organisation: string;
  position: string;
};
export type RosterRowErrorCode =
  "invalid-email" | "unknown-country" | "duplicate-in-file" | "missing-name" | "too-long";
export type RosterRowError = { line: number; code: RosterRowErrorCode; value: string; field: RosterField };
export type ParsedRoster =
  | {
      ok: true;
      rows: RosterRow[];
      errors: RosterRowError[];
      /** Which column of the file each field was read from. */
      columns: Partial<Record<RosterField, string>>;
      ignoredColumns: string[];
    }
  | { ok: false; error: "too-large"; limit: number; actual: number }
  | { ok: false; error: "too-many-rows"; limit: number; actual: number }
  | { ok: false; error: "empty" }
  | { ok: false; error: "missing-columns"; missing: RosterField[] };

// ---------------------------------------------------------------- headers

/** Lower case, letters and digits only: "E-mail Address" and "email_address" meet. */
const headerKey = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

type HeaderMatch = RosterField | "givenName" | "familyName";
const HEADER_SYNONYMS: Record<HeaderMatch, readonly string[]> = {
  name: ["name", "full name", "participant name", "participant", "nom"],
  email: ["email", "e-mail", "email address", "mail", "user email"],
  country: ["country", "nationality", "country of residence", "country/region"],
  organisation: ["organisation", "organization", "institution", "affiliation", "company", "employer", "university"],
  position: ["position", "job title", "title", "designation", "role", "job"],
  givenName: ["first name", "given name"],
  familyName: ["last name", "surname", "family name"],
};
const HEADERS = new Map<string, HeaderMatch>(
  (Object.entries(HEADER_SYNONYMS) as [HeaderMatch, readonly string[]][]).flatMap(([field, names]) =>
    names.map((n) => [headerKey(n), field] as const),
  ),
);

/** Which roster field a column header names, ignoring case, spaces and punctuation. */
export function matchHeader(header: string): HeaderMatch | null {
  return HEADERS.get(headerKey(header)) ?? null;
}

// ---------------------------------------------------------------- countries

/** Lower case without accents; "." and apostrophes dropped, other punctuation as one space. */
const countryKey = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[.'’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Names people write that the English list of i18n-iso-countries lacks. */
const COUNTRY_ALIASES: Record<string, string> = {
  Britain: "GB",
  England: "GB",
  Scotland: "GB",
  Wales: "GB",
  "Northern Ireland": "GB",
  Syria: "SY",
  Laos: "LA",
  Moldova: "MD",
  Macedonia: "MK",
  Brunei: "BN",
  "DR Congo": "CD",
  DRC: "CD",
  "Congo-Kinshasa": "CD",
  "Congo-Brazzaville": "CG",
  Holland: "NL",
  Swaziland: "SZ",
  Burma: "MM",
  "East Timor": "TL",
  Vatican: "VA",
  Macau: "MO",
  Bosnia: "BA",
  Micronesia: "FM",
  "Kyrgyz Republic": "KG",
  Kirghizia: "KG",
  "Iran, Islamic Republic of": "IR",
  "Islamic Republic of Iran": "IR",
  "Republic of Türkiye": "TR",
  "People's Republic of China": "CN",
  PRC: "CN",
  "Russian Federation": "RU",
  "U.S.": "US",
  "United States of America": "US",
  "U.K.": "GB",
};

const COUNTRY_NAMES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [code, names] of Object.entries(countries.getNames("en", { select: "all" }))) {
    // First name wins, as with getAlpha2Code: "Congo" is CG, not CD.
    for (const name of names) if (!map.has(countryKey(name))) map.set(countryKey(name), code);
  }
  for (const [name, code] of Object.entries(COUNTRY_ALIASES)) map.set(countryKey(name), code);
  return map;
})();

/** ISO 3166-1 alpha-2 code for an alpha-2 or alpha-3 code or an English country name; null if unknown. */
export function parseCountry(value: string): string | null {
  const v = value.trim();
  if (/^[a-z]{2}$/i.test(v) && isCountryCode(v.toUpperCase())) return v.toUpperCase();
  if (/^[a-z]{3}$/i.test(v)) {
    const code = countries.alpha3ToAlpha2(v.toUpperCase());
    if (code) return code;
  }
  const code = COUNTRY_NAMES.get(countryKey(v));
  return code && isCountryCode(code) ? code : null;
}

// ---------------------------------------------------------------- parsing

const ZEmail = z.email();
const collapse = (s: string) => s.trim().replace(/\s+/gu, " ");
const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");

function utf8Bytes(text: string): number {
  return typeof Buffer !== "undefined" ? Buffer.byteLength(text, "utf8") : new TextEncoder().encode(text).length;
}

type Columns = { [K in HeaderMatch]?: number };

export function parseRoster(text: string): ParsedRoster {
  const bytes = utf8Bytes(text);
  if (bytes > ROSTER_LIMITS.maxBytes)
    return { ok: false, error: "too-large", limit: ROSTER_LIMITS.maxBytes, actual: bytes };
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;

  // Guess the delimiter ignoring blank lines, then read every record, blank ones too, so that
  // a record's index is the row number a spreadsheet shows (a quoted newline stays in one row).
  const delimitersToGuess = [",", ";", "\t"];
  const { delimiter } = Papa.parse<string[]>(input, {
    header: false,
    skipEmptyLines: "greedy",
    preview: 10,
    delimitersToGuess,
  }).meta;
  const records = Papa.parse<string[]>(input, { header: false, skipEmptyLines: false, delimiter }).data;

  const headerIndex = records.findIndex((r) => !isBlank(r));
  const header = records[headerIndex];
  if (!header) return { ok: false, error: "empty" };

  const found: Columns = {};
  const ignoredColumns: string[] = [];
  header.forEach((cell, i) => {
    const title = cell.trim();
    const match = matchHeader(title);
    if (match && found[match] === undefined) found[match] = i;
    else if (title) ignoredColumns.push(title);
  });

  const columns: Partial<Record<RosterField, string>> = {};
  for (const f of FIELDS) if (found[f] !== undefined) columns[f] = header[found[f]]!.trim();
  const byParts = found.name === undefined && found.givenName !== undefined && found.familyName !== undefined;
  if (byParts) columns.name = `${header[found.givenName!]!.trim()} + ${header[found.familyName!]!.trim()}`;
  else {
    // A name column wins: first and last name columns beside it are not read.
    for (const part of ["givenName", "familyName"] as const)
      if (found[part] !== undefined) ignoredColumns.push(header[found[part]]!.trim());
  }
  const missing = (["email", "name"] as const).filter((f) => columns[f] === undefined);
  if (missing.length) return { ok: false, error: "missing-columns", missing };

  const dataCount = records.reduce((n, r, i) => (i > headerIndex && !isBlank(r) ? n + 1 : n), 0);
  if (dataCount > ROSTER_LIMITS.maxRows)
    return { ok: false, error: "too-many-rows", limit: ROSTER_LIMITS.maxRows, actual: dataCount };
  if (dataCount === 0) return { ok: false, error: "empty" };

  const cell = (record: readonly string[], col: number | undefined) =>
    col === undefined ? "" : (record[col] ?? "").trim();
  const rows: RosterRow[] = [];
  const errors: RosterRowError[] = [];
  const seen = new Set<string>();
  const countryOf = new Map<string, string | null>(); // a roster repeats a few dozen countries

  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]!;
    if (isBlank(record)) continue;
    const line = i + 1;
    const rowErrors: RosterRowError[] = [];
    const fail = (field: RosterField, code: RosterRowErrorCode, value: string) =>
      rowErrors.push({ line, code, value, field });

    const name = byParts
      ? collapse(`${cell(record, found.givenName)} ${cell(record, found.familyName)}`)
      : collapse(cell(record, found.name));
    if (!name) fail("name", "missing-name", name);
    else if (name.length > MAX_LENGTH.name) fail("name", "too-long", name);

    const rawEmail = cell(record, found.email);
    const email = normaliseEmail(rawEmail);
    if (email.length > MAX_LENGTH.email) fail("email", "too-long", rawEmail);
    else if (!ZEmail.safeParse(email).success) fail("email", "invalid-email", rawEmail);
    else if (seen.has(email)) fail("email", "duplicate-in-file", rawEmail);
    else seen.add(email);

    const rawCountry = cell(record, found.country);
    let country = countryOf.get(rawCountry);
    if (country === undefined) countryOf.set(rawCountry, (country = rawCountry ? parseCountry(rawCountry) : null));
    if (rawCountry && !country) fail("country", "unknown-country", rawCountry);

    const organisation = cell(record, found.organisation);
    if (organisation.length > MAX_LENGTH.organisation) fail("organisation", "too-long", organisation);
    const position = cell(record, found.position);
    if (position.length > MAX_LENGTH.position) fail("position", "too-long", position);

    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push({ line, name, email, country, organisation, position });
  }
  return { ok: true, rows, errors, columns, ignoredColumns };
}
