// Pure rules about people's names: which language a name in another script is written
// in (for the `lang` that screen readers and fonts need), and which issued certificates
// still show a name the profile no longer has. No I/O.
import { arabicScriptLang } from "./arabic-script";

type ScriptRule = { script: RegExp; lang: string; byCountry?: Record<string, string> };

// The profile stores no language, only the name and the country. The script narrows the
// language down; where one script serves several languages of the region, the country
// chooses among them, and the script's most widespread language is the fallback.
// Arabic script is decided by its letters first, then the country: arabic-script.ts.
const SCRIPTS: readonly ScriptRule[] = [
  {
    script: /\p{Script=Cyrillic}/u,
    lang: "ru",
    byCountry: {
      KZ: "kk",
      KG: "ky",
      TJ: "tg",
      MN: "mn",
      UA: "uk",
      BY: "be",
      BG: "bg",
      RS: "sr",
      ME: "sr",
      BA: "sr",
      MK: "mk",
      UZ: "uz",
      AZ: "az",
      TM: "tk",
    },
  },
  { script: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, lang: "ja" },
  { script: /\p{Script=Hangul}/u, lang: "ko" },
  { script: /[\p{Script=Han}\p{Script=Bopomofo}]/u, lang: "zh", byCountry: { JP: "ja", KR: "ko" } },
  { script: /\p{Script=Devanagari}/u, lang: "hi", byCountry: { NP: "ne" } },
  { script: /\p{Script=Bengali}/u, lang: "bn" },
  { script: /\p{Script=Tamil}/u, lang: "ta" },
  { script: /\p{Script=Sinhala}/u, lang: "si" },
  { script: /\p{Script=Thai}/u, lang: "th" },
  { script: /\p{Script=Lao}/u, lang: "lo" },
  { script: /\p{Script=Khmer}/u, lang: "km" },
  { script: /\p{Script=Myanmar}/u, lang: "my" },
  { script: /\p{Script=Georgian}/u, lang: "ka" },
  { script: /\p{Script=Armenian}/u, lang: "hy" },
  { script: /\p{Script=Hebrew}/u, lang: "he" },
  { script: /\p{Script=Greek}/u, lang: "el" },
  { script: /\p{Script=Mongolian}/u, lang: "mn" },
];

/**
 * The language tag of a name written in a script other than Latin, e.g. "fa" for a
 * Persian name of someone from Iran; undefined for a Latin-script name (it reads as the
 * page's language) or a script not listed.
 */
export function nameLang(name: string | null | undefined, country?: string | null): string | undefined {
  if (!name) return undefined;
  const arabic = arabicScriptLang(name, country);
  if (arabic) return arabic;
  const rule = SCRIPTS.find((r) => r.script.test(name));
  if (!rule) return undefined;
  return (country && rule.byCountry?.[country.toUpperCase()]) || rule.lang;
}

export type IssuedNames = { code: string; name: string; nativeName: string | null };
export type ProfileNames = { certificateName: string | null; nativeName: string | null };

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? "").normalize("NFC").replace(/\s+/g, " ").trim() === (b ?? "").normalize("NFC").replace(/\s+/g, " ").trim();

/**
 * The valid certificates that print a name the profile no longer has: an issued
 * certificate keeps the names it was issued with, so after a change the participant must
 * ask the organisers to reissue it.
 */
export function certificatesWithOldNames<T extends IssuedNames>(
  certificates: readonly T[],
  profile: ProfileNames,
): T[] {
  return certificates.filter((c) => !same(c.name, profile.certificateName) || !same(c.nativeName, profile.nativeName));
}
