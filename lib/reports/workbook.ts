// The programme report's workbook: one sheet per table, written with exceljs. Every text is
// written as a text cell, never as a formula, whatever it begins with ("=", "+", "-", "@"):
// a participant's name cannot become a formula when the file is opened.
import ExcelJS from "exceljs";
import type { Cell, Table } from "./cohort-tables";

export type Sheet = { name: string; table: Table };

const WIDEST = 60;

/** The workbook's bytes (.xlsx). */
export async function writeWorkbook(sheets: readonly Sheet[], meta: { title: string; created: Date }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.title = meta.title;
  book.creator = "BTBU-ECOSF Joint Training Center";
  book.created = meta.created;
  book.modified = meta.created;
  for (const { name, table } of sheets) {
    const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(cellValue));
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(
        table.header[i]?.length ?? 0,
        ...table.rows.slice(0, 500).map((r) => String(r[i] ?? "").length),
      );
      column.width = Math.min(WIDEST, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A cell as exceljs stores it: numbers as numbers, booleans as yes/no, the rest as plain text. */
function cellValue(value: Cell): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return value;
}
