import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import type { TQuestion } from "../../lib/schemas/content";
import { correctResponse } from "../../lib/domain/quiz";
import { adminSignInPath, createCohort, enrol, uniqueEmail, uniqueName } from "./db";
import { signedInPerson } from "./people";
import { expectAccessible } from "./support";

const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const questions = lecture.quiz.questions;

const AIGERIM = { name: "Aigerim Sadykova", country: "KZ", organisation: "Al-Farabi KazNU", position: "Researcher" };

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

/** Everything the page receives from now on, to be checked for the answer key with `expectNoKey`. */
function watchForKey(page: Page) {
  const bodies: { url: string; body: string }[] = [];
  page.on("response", async (r) => {
    // The public lecture pages (prefetched from the quiz's links) quote the passages each
    // question's evidence points to: they are open to all and carry no answer key.
    if (new URL(r.url()).pathname.startsWith("/lectures/")) return;
    const type = r.headers()["content-type"] ?? "";
    if (/html|json|x-component|text\/plain/.test(type))
      bodies.push({ url: r.url(), body: await r.text().catch(() => "") });
  });
  return {
    bodies,
    expectNoKey() {
      for (const { url, body } of bodies) expect(leaks(body), url).toEqual([]);
      // The check itself finds a key when there is one.
      expect(leaks(JSON.stringify(questions))).not.toEqual([]);
    },
  };
}

/** A cohort with Aigerim in it, signed in on the page. */
async function aigerimInCohort(page: Page) {
  const cohort = await createCohort({ name: uniqueName("Quiz cohort") });
  const { email, userId } = await signedInPerson(page, "quiz", AIGERIM);
  await enrol(email, cohort.id);
  return { cohort, email, userId, quizUrl: `/course/${cohort.id}/quiz/${lecture.slug}` };
}

/** What the site's own pages send with every PUT and POST of the JSON API. */
const SITE_ORIGIN = { Origin: `http://localhost:${process.env.E2E_PORT ?? 3200}` };

/** Starts lecture 1's quiz through the JSON API with the page's session, giving right answers to the first `answered` questions. */
async function startAttempt(page: Page, cohortId: string, answered = 0) {
  const started = await page.request.post(`/api/cohorts/${cohortId}/quizzes/${lecture.slug}/attempts`, {
    headers: SITE_ORIGIN,
  });
  expect(started.status()).toBe(201);
  const { attemptId } = (await started.json()) as { attemptId: string };
  for (const q of questions.slice(0, answered)) {
    const saved = await page.request.put(`/api/attempts/${attemptId}/answers`, {
      headers: SITE_ORIGIN,
      data: { questionId: q.id, response: correctResponse(q) },
    });
    expect(saved.status()).toBe(200);
  }
  return { attemptId, attemptUrl: `/course/${cohortId}/quiz/${lecture.slug}/attempt/${attemptId}` };
}

const answersUrl = /\/api\/attempts\/[^/]+\/answers$/;

test("[PARTICIPANT][QUIZ]: the dashboard shows a quiz not started yet, and the quiz page its rules", async ({
  page,
}) => {
  const { cohort } = await aigerimInCohort(page);
  await page.goto("/dashboard");
  const item = page
    .getByRole("region", { name: cohort.name })
    .getByRole("region", { name: "The five lectures" })
    .getByRole("listitem")
    .filter({ hasText: lecture.meta.title });
  await expect(item).toContainText("Quiz: not started · 3 attempts left");
  await item.getByRole("link", { name: /Take the quiz/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Quiz of lecture 1" })).toBeVisible();
  await expect(page.getByText("You pass with 70% or more.")).toBeVisible();
  await expectAccessible(page);
});

test("[PARTICIPANT][QUIZ]: answers are saved as they are given, and a reload resumes the attempt with them", async ({
  page,
}) => {
  const { quizUrl } = await aigerimInCohort(page);
  await page.goto(quizUrl);
  const key = watchForKey(page);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lecture 1 quiz: attempt 1" })).toBeVisible();
  await expect(page.getByRole("group")).toHaveCount(questions.length);
  await expectAccessible(page);

  // The first four questions as a mouse user would. The first answer's save is slow: the
  // page may say everything is saved only once that one is too.
  let slowed = false;
  await page.route(answersUrl, async (route) => {
    if (!slowed) {
      slowed = true;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    await route.continue();
  });
  await answer(page, questions[0]!);
  await expect(page.getByRole("status").filter({ hasText: "Saving…" })).toBeVisible();
  for (const q of questions.slice(1, 4)) await answer(page, q);
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
  await page.unroute(answersUrl);
  await expect(page.getByText(`${questions.length - 4} questions unanswered`)).toBeVisible();

  // A reload (or another device) resumes the same attempt with the answers given.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Lecture 1 quiz: attempt 1" })).toBeVisible();
  await expect(page.getByText(`${questions.length - 4} questions unanswered`)).toBeVisible();
  const single = questions.slice(0, 4).find((q) => q.type === "single");
  if (single?.type === "single")
    await expect(
      page
        .getByRole("group", { name: single.prompt })
        .getByRole("radio", { name: single.options.find((o) => o.correct)!.text, exact: true }),
    ).toBeChecked();
  key.expectNoKey();
});

test("[PARTICIPANT][QUIZ]: a save refused because the session ended says so, and the answer is saved once it can be", async ({
  page,
}) => {
  const { cohort } = await aigerimInCohort(page);
  const { attemptUrl } = await startAttempt(page, cohort.id, 4);
  await page.goto(attemptUrl);
  await expect(page.getByText(`${questions.length - 4} questions unanswered`)).toBeVisible();
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
  await page.reload();
  await expect(page.getByText(`${questions.length - 5} questions unanswered`)).toBeVisible();
});

test("[PARTICIPANT][QUIZ]: answers the rest by keyboard, submits, and sees the result and the explanations; the key never reaches the browser before", async ({
  page,
}) => {
  const { cohort } = await aigerimInCohort(page);
  const { attemptUrl } = await startAttempt(page, cohort.id, 5);
  const key = watchForKey(page);
  await page.goto(attemptUrl);
  await expect(page.getByText(`${questions.length - 5} questions unanswered`)).toBeVisible();

  // Keyboard only, where the question is a choice.
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
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();

  // Explicit fetches of the attempt page and its RSC payload, as another tab would.
  key.bodies.push({ url: attemptUrl, body: await (await page.request.get(attemptUrl)).text() });
  key.bodies.push({
    url: `${attemptUrl} (RSC)`,
    body: await (await page.request.get(attemptUrl, { headers: { RSC: "1" } })).text(),
  });
  expect(key.bodies.length).toBeGreaterThan(5);
  key.expectNoKey();

  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Passed" })).toBeVisible();
  await expect(
    page.getByText(`Score: ${questions.length} of ${questions.length} (100%). The pass mark is 70%.`),
  ).toBeVisible();
  // Now the explanations may show (the default rule shows them once no attempt can raise the score: full marks).
  await expect(page.getByText(questions[0]!.explanation)).toBeVisible();
  await expectAccessible(page);

  await page.goto("/dashboard");
  await expect(
    page
      .getByRole("region", { name: cohort.name })
      .getByRole("region", { name: "The five lectures" })
      .getByRole("listitem")
      .filter({ hasText: lecture.meta.title }),
  ).toContainText("Quiz: passed (100%)");
});

test("[PARTICIPANT][QUIZ]: another participant cannot open someone's attempt, save into it, or open the quiz of a cohort they are not in", async ({
  page,
  browser,
}) => {
  const { cohort } = await aigerimInCohort(page);
  const { attemptId, attemptUrl } = await startAttempt(page, cohort.id);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signedInPerson(other, "snoop", AIGERIM);
  expect((await other.goto(attemptUrl))?.status()).toBe(404);
  const put = await other.request.put(`/api/attempts/${attemptId}/answers`, {
    headers: SITE_ORIGIN,
    data: { questionId: questions[0]!.id, response: correctResponse(questions[0]!) },
  });
  expect(put.status()).toBe(404);
  expect((await other.goto(`/course/${cohort.id}/quiz/${lecture.slug}`))?.status()).toBe(404);
  await otherContext.close();
});

test("[ADMIN][QUIZ]: sees the cohort's results and their CSV, then shows participants their score only, with no limit on attempts", async ({
  page,
  browser,
}) => {
  const { cohort, email } = await aigerimInCohort(page);
  const { attemptId, attemptUrl } = await startAttempt(page, cohort.id, questions.length);
  expect(
    (await page.request.post(`/api/attempts/${attemptId}/submit`, { headers: SITE_ORIGIN, data: {} })).status(),
  ).toBe(200);

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
  await expect(page.getByText(questions[0]!.explanation)).toHaveCount(0);
  await page.goto(`/course/${cohort.id}/quiz/${lecture.slug}`);
  await expect(page.getByText("As many attempts as you like.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start another attempt" })).toBeVisible();
});
