// Which language a name in Arabic script is written in, and so in which style of the
// script it is printed: Urdu readers expect Nastaliq (the slanted, stacked style of
// Urdu books and newspapers) and read Naskh as foreign; Persian, Arabic, Pashto and the
// rest are printed in Naskh. No I/O: the name and the holder's country are all we have.

export type ArabicScriptLang = "ur" | "fa" | "ps" | "ar";
export type ArabicScriptStyle = "nastaliq" | "naskh";

// Letters of Urdu's alphabet that Persian, Arabic and Pashto do not use: retroflex ٹ ڈ ڑ,
// noon ghunna ں, bari ye ے ۓ, do-chashmi he ھ and gol he ہ ۂ ۃ. Persian and Urdu share
// پ چ ژ گ ک ی, so those decide nothing.
const URDU_ONLY = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1-\u06C3\u06D2\u06D3]/u;
// Pashto's own letters (ټ ډ ړ ږ ښ ځ څ ڼ ګ ۍ ې), none of them in Urdu.
const PASHTO_ONLY = /[\u067C\u0681\u0685\u0689\u0693\u0696\u069A\u06AB\u06BC\u06CD\u06D0]/u;
// Persian's heh with yeh above (ۀ, the ezafe in "خانهٔ"), which Urdu writes as ۂ.
const PERSIAN_ONLY = /[\u06C0]/u;

// Where the letters do not tell, the country of the holder does. In India a name written
// in Arabic script is Urdu (Kashmiri, the other one, is rare among our participants).
const BY_COUNTRY: Record<string, ArabicScriptLang> = { PK: "ur", IN: "ur", IR: "fa", AF: "fa", TJ: "fa" };

/**
 * The language of a name in Arabic script, in this order:
 * 1. letters only Urdu uses (ٹ ڈ ڑ ں ے ھ ہ): Urdu, wherever the holder lives;
 * 2. letters Urdu never uses: Pashto's own letters give Pashto, Persian's ۀ Persian;
 * 3. the holder's country: Pakistan and India Urdu; Iran, Afghanistan, Tajikistan Persian;
 * 4. otherwise Arabic, the script's most widespread language.
 * Undefined when the name has no Arabic letter.
 */
export function arabicScriptLang(name: string, country?: string | null): ArabicScriptLang | undefined {
  if (!/\p{Script=Arabic}/u.test(name)) return undefined;
  if (URDU_ONLY.test(name)) return "ur";
  if (PASHTO_ONLY.test(name)) return "ps";
  if (PERSIAN_ONLY.test(name)) return "fa";
  return (country && BY_COUNTRY[country.trim().toUpperCase()]) || "ar";
}

/** Nastaliq for Urdu, Naskh for every other language of the script (see arabicScriptLang). */
export function arabicScriptStyle(name: string, country?: string | null): ArabicScriptStyle | undefined {
  const lang = arabicScriptLang(name, country);
  if (!lang) return undefined;
  return lang === "ur" ? "nastaliq" : "naskh";
}
