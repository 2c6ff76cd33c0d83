// Reading an uploaded text file (a roster) whatever encoding a spreadsheet saved it in.
// Excel's "CSV UTF-8" starts with a UTF-8 byte-order mark; its "Unicode Text" is UTF-16
// little-endian with a mark, tab-separated; its plain "CSV" is Windows-1252 on Windows.

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/**
 * The encoding the bytes' beginning names: a byte-order mark's, or UTF-16 without a mark
 * when most of the first bytes' even (big-endian) or odd (little-endian) positions are
 * zero, as they are for Latin text. Null when it names none.
 */
function markedEncoding(bytes: Uint8Array): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.1) return "utf-16le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.1) return "utf-16be";
  return null;
}

/**
 * The text of `bytes` and the encoding it was read in, without a byte-order mark or NUL
 * characters: the encoding the beginning names; else UTF-8 when the bytes are valid UTF-8,
 * and Windows-1252 otherwise. The bytes are decoded once.
 */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  // TextDecoder drops a leading byte-order mark of its own encoding.
  const read = (encoding: TextEncoding, text: string) => ({ text: text.replaceAll("\0", ""), encoding });
  const marked = markedEncoding(bytes);
  if (marked) return read(marked, new TextDecoder(marked).decode(bytes));
  try {
    return read("utf-8", new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return read("windows-1252", new TextDecoder("windows-1252").decode(bytes));
  }
}
