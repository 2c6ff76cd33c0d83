// Reading an uploaded text file (a roster) whatever encoding a spreadsheet saved it in.
// Excel's "CSV UTF-8" starts with a UTF-8 byte-order mark; its "Unicode Text" is UTF-16
// little-endian with a mark, tab-separated; its plain "CSV" is Windows-1252 on Windows.

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/**
 * The encoding of `bytes`: the byte-order mark's when there is one; UTF-16 without a mark
 * when most of the first bytes' even (big-endian) or odd (little-endian) positions are
 * zero, as they are for Latin text; else UTF-8 when the bytes are valid UTF-8, and
 * Windows-1252 otherwise.
 */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length >= 4) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < sample.length; i += 2) {
      if (sample[i] === 0) evenZeros++;
      if (sample[i + 1] === 0) oddZeros++;
    }
    const pairs = sample.length / 2;
    if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.1) return "utf-16le";
    if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.1) return "utf-16be";
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** The text of `bytes` in its detected encoding, without a byte-order mark or NUL characters. */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes);
  // TextDecoder drops a leading byte-order mark of its own encoding.
  const text = new TextDecoder(encoding).decode(bytes).replaceAll("\0", "");
  return { text, encoding };
}
