import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import type { TQuestion } from "../../lib/schemas/content";
import { adminSignInPath, createCohort, enrol, uniqueEmail } from "./db";
import { signUpParticipant } from "./people";
import { expectAccessible } from "./support";

const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const questions = lecture.quiz.questions;

const AIGERIM = {
  name: "Aigerim Sadykova",
  country: "Kazakhstan",
  organisation: "Al-Farabi KazNU",
  position: "Researcher",
};

/** Answers a question right, as a person would, inside its own group. */
async function answer(page: Page, q: TQuestion) {
  const group = page.getByRole("group", { name: q.prompt });
  switch (q.type) {
    case "single":
      return group.getByRole("radio", { name: q.options.find((o) => o.correct)!.text, exact: true }).check();
    case "multiple":
      for (const o of q.options.filter((o) => o.correct))
        await group.getByRole("checkbox", { name: o.text, exact: true }).check();
      return;
    case "true-false":
      return group.getByRole("radio", { name: q.answer ? "True" : "False", exact: true }).check();
    case "numeric":
      return group.getByRole("textbox").fill(String(q.answer));
  }
}

/** What only the answer key carries: its fields (as JSON, or escaped inside an RSC payload) and its texts. */
function leaks(body: string): string[] {
  const fields = [/\\?"correct\\?"\s*:\s*true/, /\\?"(answer|tolerance|evidence|explanation)\\?"\s*:/]
    .filter((re) => re.test(body))
    .map(String);
  const texts = questions.flatMap((q) => [q.explanation, q.evidence]).filter((text) => body.includes(text));
  return [...fields, ...texts];
}

test("[PARTICIPANT][QUIZ]: takes a quiz with answers saved as they go, resumes after a reload, submits and sees the result; the key never reaches the browser before", async ({
  page,
  browser,
}) => {
  const name = `Quiz cohort ${Date.now()}`;
  const cohort = await createCohort({ name });
  const email = uniqueEmail("quiz");
  await signUpParticipant(page, email, AIGERIM);
  await enrol(email, cohort.id);
  await page.reload();
  const item = page
    .getByRole("region", { name })
    .getByRole("region", { name: "The five lectures" })
    .getByRole("listitem")
    .filter({ hasText: lecture.meta.title });
  await expect(item).toContainText("Quiz: not started · 3 attempts left");
  await item.getByRole("link", { name: /Take the quiz/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Quiz of lecture 1" })).toBeVisible();
  await expect(page.getByText("You pass with 70% or more.")).toBeVisible();
  await expectAccessible(page);

  // Everything the browser receives while the attempt is open is checked for the answer key.
  const bodies: { url: string; body: string }[] = [];
  page.on("response", async (r) => {
    const type = r.headers()["content-type"] ?? "";
    if (/html|json|x-component|text\/plain/.test(type))
      bodies.push({ url: r.url(), body: await r.text().catch(() => "") });
  });

  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lecture 1 quiz: attempt 1" })).toBeVisible();
  await expect(page.getByRole("group")).toHaveCount(questions.length);
  await expectAccessible(page);

  // The first four questions as a mouse user would. The first answer's save is slow: the
  // page may say everything is saved only once that one is too.
  const answersUrl = /\/api\/attempts\/[^/]+\/answers$/;
  let slowed = false;
  await page.route(answersUrl, async (route) => {
    if (!slowed) {
      slowed = true;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    await route.continue();
  });
  const first = questions[0]!;
  await answer(page, first);
  await expect(page.getByRole("status").filter({ hasText: "Saving…" })).toBeVisible();
  for (const q of questions.slice(1, 4)) await answer(page, q);
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
  await page.unroute(answersUrl);
  await expect(page.getByText(`${questions.length - 4} questions unanswered`)).toBeVisible();

  // A reload (or another device) resumes the same attempt with the answers given.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Lecture 1 quiz: attempt 1" })).toBeVisible();
  await expect(page.getByText(`${questions.length - 4} questions unanswered`)).toBeVisible();
  const tf = questions.slice(0, 4).find((q) => q.type === "true-false" || q.type === "single");
  if (tf?.type === "single")
    await expect(
      page
        .getByRole("group", { name: tf.prompt })
        .getByRole("radio", { name: tf.options.find((o) => o.correct)!.text, exact: true }),
    ).toBeChecked();

  // The session ends for a while: the page says so, and saves once it can again.
  await page.route(answersUrl, (route) => route.fulfill({ status: 401, json: { error: "sign-in-required" } }));
  await answer(page, questions[4]!);
  await expect(
    page.getByRole("status").filter({
      hasText: "Not saved: you are signed out. Sign in again in another tab, and your answers will be saved.",
    }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.unroute(answersUrl);
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();

  // The rest with the keyboard only, where the question is a choice.
  for (const q of questions.slice(5)) {
    if (q.type === "true-false") {
      const group = page.getByRole("group", { name: q.prompt });
      await group.getByRole("radio").first().focus();
      await page.keyboard.press(q.answer ? "Space" : "ArrowRight");
      await expect(group.getByRole("radio", { name: q.answer ? "True" : "False", exact: true })).toBeChecked();
    } else {
      await answer(page, q);
    }
  }
  await expect(page.getByText("All questions answered.")).toBeVisible();

  // Explicit fetches of the attempt page and its RSC payload, as another tab would.
  const attemptUrl = page.url();
  bodies.push({ url: attemptUrl, body: await (await page.request.get(attemptUrl)).text() });
  bodies.push({
    url: `${attemptUrl} (RSC)`,
    body: await (await page.request.get(attemptUrl, { headers: { RSC: "1" } })).text(),
  });
  expect(bodies.length).toBeGreaterThan(5);
  for (const { url, body } of bodies) expect(leaks(body), url).toEqual([]);
  // The check itself finds a key when there is one.
  expect(leaks(JSON.stringify(questions))).not.toEqual([]);

  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Passed" })).toBeVisible();
  await expect(
    page.getByText(`Score: ${questions.length} of ${questions.length} (100%). The pass mark is 70%.`),
  ).toBeVisible();
  // Now the explanations may show (the default rule shows them after each attempt).
  await expect(page.getByText(first.explanation)).toBeVisible();
  await expectAccessible(page);

  // A replayed submission counts once.
  await page.goto("/dashboard");
  await expect(
    page
      .getByRole("region", { name })
      .getByRole("region", { name: "The five lectures" })
      .getByRole("listitem")
      .filter({ hasText: lecture.meta.title }),
  ).toContainText("Quiz: passed (100%)");

  // Another participant cannot open this attempt.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUpParticipant(other, uniqueEmail("snoop"), AIGERIM);
  expect((await other.goto(attemptUrl))?.status()).toBe(404);
  const put = await other.request.put(`/api/attempts/${attemptUrl.split("/").pop()}/answers`, {
    data: { questionId: first.id, response: { type: "true-false", value: true } },
  });
  expect(put.status()).toBe(404);
  expect((await other.goto(`/course/${cohort.id}/quiz/${lecture.slug}`))?.status()).toBe(404);
  await otherContext.close();

  // The admin sees the result, then switches the cohort to "score only".
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(await adminSignInPath(uniqueEmail("quiz-admin"), `/admin/cohorts/${cohort.id}/quizzes`));
  await expect(admin.getByRole("heading", { level: 2, name: "Quiz results" })).toBeVisible();
  await expect(admin.locator("dl > div").filter({ hasText: "Pass rate" }).locator("dd")).toHaveText("100% (1 of 1)");
  await expect(admin.getByRole("row").filter({ hasText: email })).toContainText("100%Passed");
  await expectAccessible(admin);
  const csv = await (
    await admin.request.get(`/api/admin/cohorts/${cohort.id}/quizzes/${lecture.slug}/results.csv`)
  ).text();
  expect(csv).toContain(`Aigerim Sadykova,${email},KZ,1,100,yes,`);
  await admin.getByLabel("Attempts allowed").fill("0");
  await admin.getByRole("button", { name: "Save the rules" }).click();
  await expect(admin.getByLabel("Attempts allowed")).toHaveAccessibleDescription(
    /Enter a number from 1 to 100, or leave it empty\.$/,
  );
  await admin.getByLabel("Attempts allowed").fill("");
  await admin.getByLabel("Their score only").check();
  await admin.getByRole("button", { name: "Save the rules" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Rules saved." })).toBeVisible();
  await adminContext.close();

  await page.goto(attemptUrl);
  await expect(page.getByText("The right answers are not shown for this quiz.")).toBeVisible();
  await expect(page.getByText(first.explanation)).toHaveCount(0);
  await page.goto(`/course/${cohort.id}/quiz/${lecture.slug}`);
  await expect(page.getByText("As many attempts as you like.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start another attempt" })).toBeVisible();
});
