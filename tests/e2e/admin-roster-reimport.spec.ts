import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { addNewcomer, createCohort, enrol, enterOwnCertificateName, uniqueEmail, uniqueName } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";

const HEADER = "Name,Email,Country,Organisation,Position";

/** Uploads the roster on the cohort's import page and waits for its dry run. */
async function checkRoster(page: Page, cohortId: string, fileName: string, lines: string[]) {
  await page.goto(`/admin/cohorts/${cohortId}/import`);
  await page.getByLabel("Roster file (CSV)").setInputFiles({
    name: fileName,
    mimeType: "text/csv",
    buffer: Buffer.from([HEADER, ...lines].join("\r\n")),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Check before importing" })).toBeVisible();
}

test("[ADMIN][ROSTER]: a corrected roster updates organisation and position; the dry run shows old → new and keeps the certificate name the person chose", async ({
  page,
}) => {
  const { id } = await createCohort({ name: uniqueName("Roster cohort"), mode: "INVITE_ONLY" });
  const domain = `${randomBytes(4).toString("hex")}.roster.example.org`;
  await signedInAdmin(page, "roster-admin");

  await checkRoster(page, id, "roster.csv", [
    `Ayesha Khan,ayesha@${domain},Pakistan,NUST,Lecturer`,
    `Nadia Rahimi,nadia@${domain},Afghanistan,Kabul University,Researcher`,
    `Ivan Petrov,ivan@${domain},Kazakhstan,KazNU,Dean`,
  ]);
  await page.getByRole("button", { name: "Import 3 people" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "roster.csv is imported" })).toBeVisible();
  // Nadia then chooses her own certificate name on her profile.
  await enterOwnCertificateName(`nadia@${domain}`, "Dr Nadia Rahimi");

  await checkRoster(page, id, "roster-corrected.csv", [
    `Ayesha Khan,ayesha@${domain},Pakistan,NUST Islamabad,Senior Lecturer`,
    `Nadia Rahimy,nadia@${domain},Afghanistan,Kabul University,`,
    `Ivan Petrov,ivan@${domain},Kazakhstan,KazNU,Dean`,
  ]);
  await expect(
    page.getByText("0 new, 2 updated, 0 kept as entered by the person, 1 unchanged, 0 rows with errors."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Updated (2)" })).toHaveAttribute("aria-current", "page");
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(2);
  const ayesha = rows.filter({ hasText: `ayesha@${domain}` });
  await expect(ayesha).toContainText("Organisation: NUST → NUST Islamabad");
  await expect(ayesha).toContainText("Position: Lecturer → Senior Lecturer");
  const nadia = rows.filter({ hasText: `nadia@${domain}` });
  await expect(nadia).toContainText("Name: Nadia Rahimi → Nadia Rahimy");
  await expect(nadia).toContainText(
    "Certificate name: keeps Dr Nadia Rahimi, not Nadia Rahimy (kept: entered by the person)",
  );
  // A blank cell is not a change: the row shows the position she keeps.
  await expect(nadia).not.toContainText("Position:");
  await expect(nadia).toContainText("Researcher");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Unchanged (1)" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`ivan@${domain}`);

  await page.getByRole("button", { name: "Import 2 people" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "roster-corrected.csv is imported" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "people added" })).toHaveText(
    "0 people added, 2 updated, 1 unchanged, no row with errors; no invitation sent.",
  );
  await expectAccessible(page);

  await page.getByRole("link", { name: "Participants" }).click();
  const people = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(people).toHaveCount(3);
  const ayeshaRow = people.filter({ hasText: `ayesha@${domain}` });
  await expect(ayeshaRow).toContainText("NUST Islamabad");
  await expect(ayeshaRow).toContainText("Senior Lecturer");
  const nadiaRow = people.filter({ hasText: `nadia@${domain}` });
  await expect(nadiaRow.getByRole("rowheader")).toHaveText("Dr Nadia Rahimi");
  await expect(nadiaRow).toContainText("Researcher");
  await expectAccessible(page);
});

test("[ADMIN][PARTICIPANTS]: someone without a name shows “No certificate name yet”, not their e-mail a second time", async ({
  page,
}) => {
  const { id } = await createCohort({ name: uniqueName("Names cohort"), mode: "INVITE_ONLY" });
  const email = uniqueEmail("no-name");
  await addNewcomer(email);
  await enrol(email, id);
  await signedInAdmin(page, "names-admin");
  await page.goto(`/admin/cohorts/${id}/participants`);
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("cell") })
    .filter({ hasText: email });
  await expect(row.getByRole("rowheader")).toHaveText("No certificate name yet");
  await expect(row.getByRole("cell").first()).toHaveText(email);
  await expectAccessible(page);
});
