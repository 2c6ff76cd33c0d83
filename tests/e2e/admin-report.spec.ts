import { execFileSync } from "node:child_process";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { addPerson, addSession, createCohort, enrol, markAttendance, uniqueEmail, uniqueName } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";
import { after, DAY, fromNow, MINUTE } from "./time";

test("[ADMIN][REPORT]: the cohort's report counts participation, countries and attendance, with a chart and a table for each", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Report cohort") });
  const heldAt = fromNow(-DAY);
  const held = await addSession(cohort.id, "nhz-policy-framework", heldAt, after(heldAt, 90 * MINUTE));
  const people: [string, string, "PRESENT" | "LATE" | "ABSENT"][] = [
    ["PK", "Professor", "PRESENT"],
    ["PK", "Researcher", "LATE"],
    ["IR", "Professor", "ABSENT"],
  ];
  const formula = `=HYPERLINK("https://evil.example","${uniqueName("Click")}")`;
  for (const [country, position, status] of people) {
    const email = uniqueEmail("reported");
    await addPerson(email, {
      name: status === "LATE" ? formula : uniqueName("Reported"),
      country,
      position,
      // The two from Pakistan said they work at a university; the third did not say.
      ...(country === "PK" && { organisationType: "UNIVERSITY" }),
    });
    await enrol(email, cohort.id);
    await markAttendance(held, email, status);
  }
  await signedInAdmin(page, "reporter");
  await page.goto(`/admin/cohorts/${cohort.id}`);
  await page.getByRole("navigation", { name: "Cohort pages" }).getByRole("link", { name: "Report" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/cohorts/${cohort.id}/report$`));

  const participation = page.getByRole("region", { name: "Participation" });
  await expect(participation.getByRole("definition").nth(1)).toHaveText("3");
  // Two of three attended: a share of 3 people is given as a count, not a percentage.
  await expect(participation.getByRole("definition").nth(2)).toHaveText("2 of 3");

  const countries = page.getByRole("region", { name: /Participants by country/ });
  await expect(countries.getByRole("heading", { level: 2 })).toHaveText("Participants by country (2 countries)");
  await expect(countries.getByRole("img", { name: /Bar chart of enrolled participants by country/ })).toBeVisible();
  const map = countries.getByRole("img", { name: /World map of enrolled participants by country/ });
  await expect(map).toBeVisible();
  await expect(map.locator("path title")).toHaveText(["Pakistan: 2", "Iran: 1"], { useInnerText: false });
  await expect(countries.locator("figcaption").first()).toHaveText(/People per country:\s*1\s*2/);
  await expect(countries.getByRole("row")).toHaveText([
    /Country\s*People/,
    /Pakistan\s*2\s*2 of 3/,
    /Iran\s*1\s*1 of 3/,
  ]);

  const types = page.getByRole("region", { name: "Participants by type of organisation" });
  await expect(types.getByRole("row")).toHaveText([
    /Type of organisation\s*People/,
    /University\s*2\s*2 of 3/,
    /Not given\s*1\s*1 of 3/,
  ]);

  const attendance = page.getByRole("region", { name: "Attendance at the live sessions" });
  await expect(attendance.getByRole("img", { name: /Stacked bar chart of attendance/ })).toBeVisible();
  const sessionRow = attendance.getByRole("row").nth(1);
  await expect(sessionRow.getByRole("rowheader")).toHaveText(/^Lecture 1, /);
  // Its number in the trend chart, the marks, then present or late of those marked.
  await expect(sessionRow.getByRole("cell")).toHaveText(["1", "1", "1", "0", "1", "0", "2 of 3"]);
  const trend = attendance.getByRole("img", { name: /Line chart of the share of marked participants present or late/ });
  await expect(trend).toBeVisible();
  await expect(trend.locator("circle title")).toHaveText([/^Lecture 1, .*: 2 of 3$/], { useInnerText: false });
  await expect(page.getByRole("region", { name: "Certificates" }).getByRole("definition").first()).toHaveText("0");
  await expectAccessible(page);

  // The workbook: the figures, then a sheet per table; a name written as a formula stays text.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the report as a workbook/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^report-cohort-[a-z0-9-]+-report\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  expect(book.worksheets.map((w) => w.name)).toEqual([
    "Summary",
    "Participants",
    "Attendance",
    "Quiz results",
    "Certificates",
  ]);
  const summary = book.getWorksheet("Summary")!;
  const figure = (part: string, name: string) =>
    summary
      .getRows(2, summary.rowCount - 1)!
      .find((r) => r.getCell(1).value === part && r.getCell(2).value === name)
      ?.getCell(3).value;
  expect(figure("Participation", "Enrolled")).toBe(3);
  expect(figure("Country", "PK")).toBe(2);
  const participants = book.getWorksheet("Participants")!;
  expect(participants.rowCount).toBe(4);
  const named = participants.getRows(2, 3)!.map((r) => r.getCell(1));
  const formulaCell = named.find((c) => c.value === formula)!;
  expect(formulaCell.type).toBe(ExcelJS.ValueType.String);
  expect(book.getWorksheet("Attendance")!.rowCount).toBe(4);
  expect(book.getWorksheet("Quiz results")!.rowCount).toBe(1 + 5 * 3);

  // The printable PDF: the programme, the cohort and each part, with the figures as text.
  const printing = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the report as a printable PDF/ }).click();
  const pdf = await printing;
  expect(pdf.suggestedFilename()).toMatch(/-report\.pdf$/);
  const pdfPath = (await pdf.path())!;
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
  for (const expected of [
    "Programme report",
    "4th BTBU-ECOSF Joint Training Program",
    "Beijing Technology and Business University",
    cohort.name,
    "Participation",
    "Participants by country (2 countries)",
    "Attendance at the live sessions",
    "Quizzes",
    "Certificates",
    "Page 1 of",
  ])
    expect(text, expected).toContain(expected);
  expect(text).toMatch(/Pakistan\s+2\s+2 of 3/);
  expect(text).toContain("Participants by type of organisation");
  expect(text).toMatch(/University\s+2\s+2 of 3/);
  // The map's legend, under the map drawn above the countries' bars.
  expect(text).toMatch(/People per country:\s+1\s+2/);
  // The attendance table's last column (its header wraps between others), then the session's row.
  expect(text).toContain("Present or late (of");
  expect(text).toMatch(/Lecture 1, [^\n]*1\s+1\s+0\s+1\s+0\s+2 of 3/);
  expect(text).toMatch(/Enrolled\s+3/);
});

test("[ADMIN][REPORT]: the programme report lists each cohort's figures and the totals, and leads to each cohort's report", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Programme cohort") });
  for (const country of ["KZ", "KZ", "UZ"]) {
    const email = uniqueEmail("programme");
    await addPerson(email, { name: uniqueName("Programme person"), country });
    await enrol(email, cohort.id);
  }
  await signedInAdmin(page, "programme-reporter");
  await page.goto("/admin/cohorts");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Programme report");
  const cohorts = page.getByRole("region", { name: "Cohorts" });
  const row = cohorts.getByRole("row").filter({ hasText: cohort.name });
  await expect(row.getByRole("cell")).toHaveText(["3", "0 of 3", "0 of 3", "0 of 3", "0", "—"]);
  await expect(cohorts.getByRole("row").last().getByRole("rowheader")).toHaveText("All cohorts");
  await expect(
    page.getByRole("region", { name: /Participants by country/ }).getByRole("row", { name: /Kazakhstan/ }),
  ).toBeVisible();
  await expectAccessible(page);
  await row.getByRole("link", { name: cohort.name }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/cohorts/${cohort.id}/report$`));
});
