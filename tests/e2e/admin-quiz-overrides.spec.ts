import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import { correctResponse } from "../../lib/domain/quiz";
import { addPerson, auditCount, createCohort, enrol, setQuizLimits, uniqueEmail, uniqueName } from "./db";
import { signedInAdmin, signInAs } from "./people";
import { expectAccessible } from "./support";

const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const questions = lecture.quiz.questions;
const SITE_ORIGIN = { Origin: `http://localhost:${process.env.E2E_PORT ?? 3200}` };
/** A server action on a machine busy with other work can take longer than the default wait. */
const SLOW = { timeout: 30_000 };

const NODIRA = {
  name: "Nodira Karimova",
  country: "UZ",
  organisation: "Tashkent State University",
  position: "Lecturer",
};

test("[ADMIN][QUIZ]: an admin gives a participant who used all attempts an extra one; they start again and see the notice", async ({
  browser,
  page,
}) => {
  // Two people in two browsers and several axe runs: more than one ordinary test's time on a busy machine.
  test.slow();
  const cohort = await createCohort({ name: uniqueName("Override cohort") });
  await setQuizLimits(cohort.id, 1, null);
  const email = uniqueEmail("override");
  const userId = await addPerson(email, NODIRA);
  await enrol(email, cohort.id);

  // The participant uses their one attempt.
  const person = await (await browser.newContext()).newPage();
  await signInAs(person, userId);
  const started = await person.request.post(`/api/cohorts/${cohort.id}/quizzes/${lecture.slug}/attempts`, {
    headers: SITE_ORIGIN,
  });
  expect(started.status()).toBe(201);
  const { attemptId } = (await started.json()) as { attemptId: string };
  const answers = Object.fromEntries(questions.slice(0, 1).map((q) => [q.id, correctResponse(q)]));
  const submitted = await person.request.post(`/api/attempts/${attemptId}/submit`, {
    headers: SITE_ORIGIN,
    data: { answers },
  });
  expect(submitted.status()).toBe(200);
  const quizUrl = `/course/${cohort.id}/quiz/${lecture.slug}`;
  await person.goto(quizUrl);
  await expect(person.getByText("You have used all your attempts.")).toBeVisible();

  // The admin gives them one more, after a form sent without a participant is refused.
  await signedInAdmin(page, "override-admin");
  await page.goto(`/admin/cohorts/${cohort.id}/quizzes?lecture=${lecture.slug}`);
  const section = page.getByRole("region", { name: "Arrangements for individual participants" });
  await expect(section.getByText("Nobody has an arrangement for this quiz.")).toBeVisible();
  await section.getByLabel("Extra attempts").fill("1");
  await section.getByRole("button", { name: "Save the arrangement" }).click();
  await expect(section.getByText("Choose a participant.")).toBeVisible(SLOW);
  await expect(section.getByLabel("Participant *")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await section.getByLabel("Participant *").selectOption({ label: `${NODIRA.name} (${email})` });
  await section.getByLabel("Extra attempts").fill("1");
  await section.getByRole("button", { name: "Save the arrangement" }).click();
  await expect(section.getByRole("status")).toHaveText("Arrangement saved.", SLOW);
  const row = section.getByRole("row", { name: new RegExp(NODIRA.name) });
  await expect(row).toContainText("1 extra attempt");
  await expect(row).toContainText("override-admin");
  expect(await auditCount("quiz.override_set", cohort.id)).toBe(1);
  await expectAccessible(page);

  // The participant sees what they were given and starts attempt 2.
  await person.goto(quizUrl);
  await expect(person.getByText("You have been given 1 extra attempt.")).toBeVisible();
  await expect(person.getByText("2 attempts allowed; 1 left.")).toBeVisible();
  await expectAccessible(person);
  await person.getByRole("button", { name: "Start another attempt" }).click();
  await expect(person.getByRole("heading", { level: 1, name: "Lecture 1 quiz: attempt 2" })).toBeVisible(SLOW);

  // Removing it asks to confirm first.
  await page.reload();
  await row.getByText("Remove…").click();
  await row.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(section.getByRole("status")).toHaveText("Arrangement removed.", SLOW);
  await expect(section.getByText("Nobody has an arrangement for this quiz.")).toBeVisible();
  expect(await auditCount("quiz.override_remove", cohort.id)).toBe(1);
});
