/**
 * Digits as people type them: a Persian or Urdu keyboard types ۱۹۸۸, an Arabic one ١٩٨٨, a
 * Chinese input method often full-width １９８８. Codes, years and amounts are compared and
 * computed in ASCII digits; `asciiDigits` turns the others into them and leaves everything
 * else as it is. Pure, for the browser's bundle and the server's.
 */

/** The zero of each run of decimal digits a participant's keyboard may type besides ASCII's. */
const DIGIT_ZEROS = [
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic (Persian, Urdu)
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0e50, // Thai
  0x1040, // Myanmar
  0x17e0, // Khmer
  0xff10, // full-width (Chinese and Japanese input methods)
];

export function asciiDigits(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    out += zero === undefined ? ch : String(code - zero);
  }
  return out;
}
