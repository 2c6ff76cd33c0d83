// Writing CSV files that spreadsheets open safely. Pure.
import Papa from "papaparse";

type Cell = string | number | boolean | null | undefined;

/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text; text that could start a formula gets a leading apostrophe. Numbers are written as they are. */
export function safeCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  // -Infinity would read as a formula; finite numbers (also negative ones) are plain numbers.
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A CSV file: UTF-8 BOM (so Excel reads non-Latin scripts), RFC 4180 quoting, cells made safe,
 * and every line, the last one too, ended by CRLF.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  // Header and rows as one list of lines: Papa writes each line as it is and adds no final line break.
  const lines = [header, ...rows].map((line) => line.map(safeCell));
  return `\uFEFF${Papa.unparse(lines, { newline: "\r\n", escapeFormulae: false })}\r\n`;
}

/** Rows of a CSV file without its header and BOM, each line ended by CRLF: for a file written in parts after toCsv's header. */
export function csvRows(rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return "";
  return `${Papa.unparse(
    rows.map((line) => line.map(safeCell)),
    { newline: "\r\n", escapeFormulae: false },
  )}\r\n`;
}
