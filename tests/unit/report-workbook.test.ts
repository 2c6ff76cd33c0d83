import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeWorkbook } from "@/lib/reports/workbook";

async function readBack(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe("the report's workbook", () => {
  it("has one sheet per table, the header first, numbers as numbers", async () => {
    const bytes = await writeWorkbook(
      [
        { name: "Summary", table: { header: ["Part", "Figure", "Count"], rows: [["Participation", "Enrolled", 42]] } },
        {
          name: "Participants",
          table: {
            header: ["Name", "Country"],
            rows: [
              ["Zoë Ćirić", "RS"],
              ["آنا خان", null],
            ],
          },
        },
      ],
      { title: "Cohort: programme report", created: new Date(Date.UTC(2026, 0, 1)) },
    );
    const book = await readBack(bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Summary", "Participants"]);
    const summary = book.getWorksheet("Summary")!;
    expect(summary.getRow(1).values).toEqual([undefined, "Part", "Figure", "Count"]);
    expect(summary.getCell("C2").value).toBe(42);
    expect(summary.getCell("C2").type).toBe(ExcelJS.ValueType.Number);
    const people = book.getWorksheet("Participants")!;
    expect(people.getCell("A3").value).toBe("آنا خان");
    expect(people.getCell("B3").value).toBeNull();
    expect(people.rowCount).toBe(3);
  });

  it.each(['=HYPERLINK("https://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "=1+2 Formula"])(
    "keeps %s as text, never a formula",
    async (text) => {
      const bytes = await writeWorkbook([{ name: "People", table: { header: ["Name"], rows: [[text]] } }], {
        title: "t",
        created: new Date(0),
      });
      const cell = (await readBack(bytes)).getWorksheet("People")!.getCell("A2");
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(text);
    },
  );
});
