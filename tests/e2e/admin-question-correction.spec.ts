// Correcting a quiz question from the admin pages, then regrading the attempts it changes.
// Corrections hold in every cohort: this spec uses lecture 5's quiz, which no other spec
// answers, and puts the question back as the content has it before it ends.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { loadLectures } from "../../lib/content/load";
import { correctResponse } from "../../lib/domain/quiz";
import type { TQuestion } from "../../lib/schemas/content";
import { addPerson, createCohort, enrol, openSession, uniqueEmail, uniqueName } from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible } from "./support";

const lecture = loadLectures(path.join(process.cwd(), "content"))[4]!;
const questions = lecture.quiz.questions;
const target = (() => {
  const q = questions.find((x) => x.id === "cluster-three-layers");
  if (q?.type !== "single") throw new Error("cluster-three-layers is a single-choice question");
  return q;
})();
const SITE_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3200}`;

/** A participant of the cohort who takes lecture 5's quiz through the JSON API, right but for the question corrected here (option B). */
async function attemptWithOneAnswerOff(page: Page, cohortId: string) {
  const email = uniqueEmail("corrected");
  const userId = await addPerson(email, { name: "Farah Corrected", country: "PK" });
  await enrol(email, cohortId);
  const headers = { Origin: SITE_ORIGIN, Cookie: `authjs.session-token=${await openSession(userId)}` };
  const started = await page.request.post(`/api/cohorts/${cohortId}/quizzes/${lecture.slug}/attempts`, { headers });
  expect(started.status()).toBe(201);
  const { attemptId } = (await started.json()) as { attemptId: string };
  const asB = { ...target, options: target.options.map((o) => ({ ...o, correct: o.id === "b" })) } as TQuestion;
  for (const q of questions) {
    const saved = await page.request.put(`/api/attempts/${attemptId}/answers`, {
      headers,
      data: { questionId: q.id, response: correctResponse(q.id === target.id ? asB : q) },
    });
    expect(saved.status()).toBe(200);
  }
  const submitted = await page.request.post(`/api/attempts/${attemptId}/submit`, { headers, data: {} });
  expect(submitted.status()).toBe(200);
  return { email };
}

test("[ADMIN][QUIZ][CORRECTION]: the admin corrects a question's key; attempts keep their version, the regrade is offered and applied, the correction is audited and exported as YAML", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Correction cohort") });
  const { email } = await attemptWithOneAnswerOff(page, cohort.id);
  const admin = await signedInAdmin(page, "corrector");
  const quizzes = `/admin/cohorts/${cohort.id}/quizzes?lecture=${lecture.slug}`;
  await page.goto(quizzes);
  await expect(page.getByText(`it is in content/lectures/${lecture.folder}/lecture.md`)).toBeVisible();
  // Nothing to regrade while the key is as the content has it.
  const regrade = page.getByRole("region", { name: "Regrade" });
  await expect(regrade.getByRole("button", { name: /^Regrade/ })).toHaveCount(0);

  await page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: target.prompt, exact: true }) })
    .getByRole("link", { name: /^Correct…/ })
    .click();
  await expect(page.getByRole("heading", { name: "Correct a question" })).toBeVisible();
  await expect(page.getByText(`content/lectures/${lecture.folder}/quiz.yaml`)).toBeVisible();
  await expect(page.getByText("This question is as the content file has it")).toBeVisible();
  await expect(page.getByLabel("Question", { exact: true })).toHaveValue(target.prompt);
  await expect(page.getByLabel("Option A is correct")).toBeChecked();
  await expectAccessible(page);

  // Saved as it is: refused, nothing written.
  await page.getByRole("button", { name: "Save the correction" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Nothing was changed: the question is saved as it was.",
  );
  // The key moves to B, the explanation says why.
  await page.getByLabel("Option B is correct").check();
  const explanation = `${target.explanation} (Corrected: the slide lists B.)`;
  await page.getByLabel("Explanation").fill(explanation);
  await page.getByRole("button", { name: "Save the correction" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText(
    "The question was corrected (version 1). Attempts already taken keep the question they were given; below, whose result a regrade would change.",
  );

  // The attempt taken before keeps its version; the regrade shows what the corrected key changes.
  const row = regrade.getByRole("row", { name: /Farah Corrected/ });
  await expect(row).toContainText(email);
  await expect(row).toContainText("90% Passed");
  await expect(row).toContainText("100% Passed");
  await expect(row).toContainText(target.prompt);
  await expectAccessible(page);
  await regrade.getByRole("button", { name: "Regrade one attempt" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("One attempt regraded.");
  await expect(regrade.getByRole("button", { name: /^Regrade/ })).toHaveCount(0);

  // The quiz as it stands, in the content format, to commit.
  const exported = await page.request.get(`/api/admin/quizzes/${lecture.slug}/quiz.yaml`);
  expect(exported.status()).toBe(200);
  const yaml = await exported.text();
  expect(yaml.split("\n")[0]).toBe(
    `# content/lectures/${lecture.folder}/quiz.yaml, with the corrections saved in the app. Commit it in place of that file.`,
  );
  const file = parse(yaml) as { questions: TQuestion[] };
  expect(file.questions.map((q) => q.id)).toEqual(questions.map((q) => q.id));
  const corrected = file.questions.find((q) => q.id === target.id)!;
  expect(corrected).toMatchObject({ explanation, type: "single" });
  expect(corrected.type === "single" && corrected.options.filter((o) => o.correct).map((o) => o.id)).toEqual(["b"]);

  // The audit log names the change and who made it.
  await page.goto("/admin/audit");
  await expect(page.getByRole("main")).toContainText("Corrected a quiz question");
  await expect(page.getByRole("main")).toContainText(admin.email);

  // Put back as the content has it (a second version), so that the quiz is left as found.
  await page.goto(`/admin/cohorts/${cohort.id}/quizzes/${lecture.slug}/questions/${target.id}`);
  await expect(page.getByText(/Shown as last corrected: version 1/)).toBeVisible();
  await page.getByLabel("Option A is correct").check();
  await page.getByLabel("Explanation").fill(target.explanation);
  await page.getByRole("button", { name: "Save the correction" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("(version 2)");
  const restored = parse(await (await page.request.get(`/api/admin/quizzes/${lecture.slug}/quiz.yaml`)).text()) as {
    questions: TQuestion[];
  };
  expect(restored.questions).toEqual(questions);
});
