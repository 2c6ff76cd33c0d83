// The cohort's certificate template: the admin's editor with its live preview, and what
// issued certificates print. PDFs are read with poppler (pdftotext, pdfimages) and drawn
// to PNG (pdftoppm), attached to the test's report to be looked at.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import sharp from "sharp";
import {
  addParticipant,
  addSession,
  certificatesOf,
  createCohort,
  markPresent,
  setCertificateName,
  setCertificateRule,
  uniqueEmail,
  uniqueName,
} from "./db";
import { issueDue, signedInAdmin } from "./people";
import { expectAccessible } from "./support";
import { after, DAY, fromNow, MINUTE } from "./time";

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80"><rect width="240" height="80" rx="10" fill="#1b4d89"/><circle cx="40" cy="40" r="24" fill="#ffffff"/></svg>`;
const signaturePng = () =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="90"><path d="M10 70 C 60 10, 90 90, 140 40 S 220 20, 290 60" stroke="#1a237e" stroke-width="5" fill="none"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "certificate-template-"));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A PDF's text (one line per line), the pixel sizes of its images, and its page drawn as a PNG attached to the report. */
async function readPdf(bytes: Buffer, name: string) {
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" });
  const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" })
    .trim()
    .split("\n")
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((columns) => columns[2] === "image");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-singlefile", file, path.join(dir, name)]);
  await test.info().attach(`${name}.png`, { path: path.join(dir, `${name}.png`), contentType: "image/png" });
  return { text, images: images.length };
}

async function pdfOf(response: APIResponse, name: string) {
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  return readPdf(await response.body(), name);
}

/** The preview of the form as it stands: the request the page makes for its frame, made again from the page. */
async function previewPdf(page: Page, cohortId: string, name: string) {
  const base64 = await page.evaluate(async (url) => {
    const form = document.querySelector("form:has(input[name=cohortId])") as HTMLFormElement;
    const response = await fetch(url, { method: "POST", body: new FormData(form) });
    if (!response.ok) throw new Error(`preview: ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
  }, `/api/admin/cohorts/${cohortId}/certificate-template/preview.pdf`);
  return readPdf(Buffer.from(base64, "base64"), name);
}

test("[CERTIFICATES][TEMPLATE]: the admin gives the cohort a logo, a signatory and new words, with a live preview; issued certificates keep their template, a reissue takes the new one", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Template cohort") });
  const heldAt = fromNow(-DAY);
  const session = await addSession(cohort.id, "nhz-policy-framework", heldAt, after(heldAt, 90 * MINUTE));
  await setCertificateRule(cohort.id, { minAttendancePercent: 100, requiredQuizzes: [], autoIssue: false });
  const [early, late] = [uniqueEmail("template-early"), uniqueEmail("template-late")];
  const earlyId = await addParticipant(cohort.id, early, "Maryam Rezaei");
  await markPresent(session, early);
  await issueDue(page.request, cohort.id);
  const [before] = await certificatesOf(earlyId, cohort.id);

  await signedInAdmin(page, "template-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const templateSection = page.getByRole("region", { name: "Template" });
  await expect(templateSection).toContainText("Certificates are printed with the default template");
  await templateSection.getByRole("link", { name: "Edit the certificate template" }).click();
  await expect(page.getByRole("heading", { name: "Certificate template" })).toBeVisible();

  // The default, as the form shows it: the programme's three organisations, no images.
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Certificate of Completion");
  await expect(page.getByLabel("Organisations printed across the top")).toHaveValue(
    [
      "Beijing Technology and Business University",
      "Economic Cooperation Organization Science Foundation",
      "China Association for Science and Technology",
    ].join("\n"),
  );
  const status = page.getByRole("region", { name: "Preview" }).getByRole("status");
  await expect(status).toHaveText("The preview shows the form as it stands (not saved yet).");
  await expectAccessible(page);

  // Edits, a logo (SVG) and a signatory with a signature (PNG); the preview follows.
  await page.getByLabel("Title", { exact: true }).fill("Certificate of Participation");
  await page.getByLabel("Words after the name").fill("took part in the 4th BTBU-ECOSF Joint Training Program");
  await page.getByLabel("Logo 1", { exact: true }).setInputFiles({
    name: "btbu.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from(LOGO_SVG),
  });
  const signatory = page.getByRole("group", { name: "Signatory 1" });
  await signatory.getByLabel("Name").fill("Prof. Sun Baowen");
  await signatory.getByLabel("Title or position").fill("President, Beijing Technology and Business University");
  await signatory.getByLabel("Signature 1", { exact: true }).setInputFiles({
    name: "signature.png",
    mimeType: "image/png",
    buffer: await signaturePng(),
  });
  await page.getByLabel("Sample holder in the preview").selectOption({ label: "Li Wei / 李伟" });
  await expect(status).toHaveText("The preview shows the form as it stands (not saved yet).");
  const preview = await previewPdf(page, cohort.id, "preview");
  expect(preview.text).toContain("Certificate of Participation");
  expect(preview.text).toContain("Prof. Sun Baowen");
  expect(preview.text).toContain("李伟");
  expect(preview.images).toBe(2);
  await expect(status).toHaveText("The preview shows the form as it stands (not saved yet).");
  await expect(page.getByTestId("template-preview")).toHaveAttribute("src", /^blob:/);

  // A file that is not an image: the preview and the save both say which one, nothing is saved.
  await page.getByLabel("Logo 2", { exact: true }).setInputFiles({
    name: "logo.png",
    mimeType: "image/png",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await expect(status).toHaveText("Logo 2: the file is not a PNG or SVG image that can be read.");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Logo 2: the file is not a PNG or SVG image that can be read.",
  );
  await page.getByLabel("Logo 2", { exact: true }).setInputFiles([]);
  // A main colour too light to read on white.
  await page.getByLabel("Main colour").fill("#dddddd");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "The main colour is too light to read on white",
  );
  await page.getByLabel("Main colour").fill("#5b1a3a");
  // The form keeps what was typed and chosen after a refusal.
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Certificate of Participation");

  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText(
    "Saved as version 1. The next certificate issued (a reissue too) is printed with it.",
  );
  const versions = page.getByRole("region", { name: "Saved versions" });
  await expect(versions.getByRole("row")).toHaveCount(2);
  await expect(versions.getByRole("row").nth(1)).toContainText("1");
  const logo = page.getByRole("img", { name: "Logo 1 as saved" });
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByRole("img", { name: "Signature 1 as saved" })).toBeVisible();
  await expectAccessible(page);

  // The sample with the saved template, without JavaScript's preview.
  const saved = await pdfOf(
    await page.request.get(`/api/admin/cohorts/${cohort.id}/certificate-template/preview.pdf?sample=russian`),
    "saved-sample",
  );
  expect(saved.text).toContain("Certificate of Participation");
  expect(saved.text).toContain("Айгерим Нурлановна");

  // Issued before: still the default template.
  const old = await pdfOf(await page.request.get(`/api/certificates/${before!.id}/pdf`), "issued-before");
  expect(old.text).toContain("Certificate of Completion");
  expect(old.text.replace(/\s+/g, " ")).toContain("CHINA ASSOCIATION FOR SCIENCE AND TECHNOLOGY");
  expect(old.text).not.toContain("Prof. Sun Baowen");
  expect(old.images).toBe(0);

  // Issued now: the new template.
  const lateId = await addParticipant(cohort.id, late, "Anna Ivanova");
  await markPresent(session, late);
  await issueDue(page.request, cohort.id);
  const [fresh] = await certificatesOf(lateId, cohort.id);
  const issued = await pdfOf(await page.request.get(`/api/certificates/${fresh!.id}/pdf`), "issued-after");
  expect(issued.text).toContain("Certificate of Participation");
  expect(issued.text).toContain("took part in the 4th BTBU-ECOSF Joint Training Program");
  expect(issued.text).toContain("Prof. Sun Baowen");
  expect(issued.text).toContain("President, Beijing Technology and Business University");
  expect(issued.images).toBe(2);

  // The early certificate reissued for a corrected name: printed with the current template.
  await setCertificateName(early, "Maryam Rezaei Tehrani");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates`);
  const row = page.getByRole("row", { name: /Maryam Rezaei/ });
  await row.getByText("Reissue with the current name…").click();
  await row.getByRole("button", { name: "Replace the certificate" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText(
    "A corrected certificate was issued; the old one shows as replaced.",
  );
  await expect(page.getByRole("region", { name: "Template" })).toContainText(
    "Certificates are printed with version 1 of this cohort's template.",
  );
  const [reissued] = await certificatesOf(earlyId, cohort.id);
  expect(reissued!.id).not.toBe(before!.id);
  const replacement = await pdfOf(await page.request.get(`/api/certificates/${reissued!.id}/pdf`), "reissued");
  expect(replacement.text).toContain("Maryam Rezaei Tehrani");
  expect(replacement.text).toContain("Certificate of Participation");
  const replaced = await pdfOf(await page.request.get(`/api/certificates/${before!.id}/pdf`), "replaced");
  expect(replaced.text).toContain("Certificate of Completion");

  await page.goto(`/admin/cohorts/${cohort.id}/certificates/template`);
  // Version 1 now prints two certificates: the one issued after it and the reissue.
  await expect(
    page.getByRole("region", { name: "Saved versions" }).getByRole("row").nth(1).getByRole("cell").last(),
  ).toHaveText("2");
  expect(readFileSync(path.join(dir, "issued-after.png")).length).toBeGreaterThan(0);
});

test("[CERTIFICATES][TEMPLATE]: the button that puts the default wording and colours back does so, and shows only where scripts run", async ({
  page,
  browser,
}) => {
  const cohort = await createCohort({ name: uniqueName("Defaults cohort") });
  await signedInAdmin(page, "defaults-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/certificates/template`);
  await page.getByLabel("Title", { exact: true }).fill("Certificate of Participation");
  await page.getByLabel("Main colour").fill("#5b1a3a");
  await page.getByRole("button", { name: "Put back the default wording and colours" }).click();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Certificate of Completion");
  await expect(page.getByLabel("Main colour")).not.toHaveValue("#5b1a3a");

  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScripts = await plain.newPage();
  await signedInAdmin(noScripts, "defaults-admin-plain");
  await noScripts.goto(`/admin/cohorts/${cohort.id}/certificates/template`);
  await expect(noScripts.getByLabel("Title", { exact: true })).toHaveValue("Certificate of Completion");
  await expect(noScripts.getByRole("button", { name: "Put back the default wording and colours" })).toHaveCount(0);
  await plain.close();
});
