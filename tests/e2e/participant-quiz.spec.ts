import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import type { TQuestion } from "../../lib/schemas/content";
import { correctResponse } from "../../lib/domain/quiz";
import {
  adminSignInPath,
  attemptCount,
  attemptRow,
  createCohort,
  enrol,
  moveAttempt,
  setQuizLimits,
  setQuizTimeLimit,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInPerson, signInAs } from "./people";
import { answer, expectAccessible } from "./support";
import { fromNow, MINUTE } from "./time";

const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const questions = lecture.quiz.questions;

const AIGERIM = { name: "Aigerim Sadykova", country: "KZ", organisation: "Al-Farabi KazNU", position: "Researcher" };

/** What only the answer key carries: its fields (as JSON, or escaped inside an RSC payload) and its texts. */
function leaks(body: string): string[] {
  const fields = [/\\?"correct\\?"\s*:\s*true/, /\\?"(answer|tolerance|evidence|explanation)\\?"\s*:/]
    .filter((re) => re.test(body))
    .map(String);
  const texts = questions.flatMap((q) => [q.explanation, q.evidence]).filter((text) => body.includes(text));
  return [...fields, ...texts];
}

/**
 * Everything the page receives from now on, to be checked for the answer key with
 * `expectNoKey`, which first waits for the bodies still being read.
 */
function watchForKey(page: Page) {
  const bodies: { url: string; body: string }[] = [];
  const reading: Promise<void>[] = [];
  page.on("response", (r) => {
    // The public lecture pages (prefetched from the quiz's links) quote the passages each
    // question's evidence points to: they are open to all and carry no answer key.
    if (new URL(r.url()).pathname.startsWith("/lectures/")) return;
    const type = r.headers()["content-type"] ?? "";
    if (/html|json|x-component|text\/plain/.test(type))
      reading.push(
        r.text().then(
          (body) => void bodies.push({ url: r.url(), body }),
          () => undefined,
        ),
      );
  });
  return {
    bodies,
    /** The addresses of what the page has received so far, once every body is read. */
    async received() {
      await Promise.all(reading);
      return bodies.map((b) => new URL(b.url).pathname);
    },
    async expectNoKey() {
      await Promise.all(reading);
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
  // What the result will show, as the result page shows it (lib/domain/quiz.ts mayShowAnswers):
  // with three attempts, the right answers wait until another attempt could not raise the score.
  await expect(
    page.getByText(
      "After each attempt you see your score; the right answers and explanations once another attempt could not raise it: full marks, your attempts used up or the quiz closed.",
    ),
  ).toBeVisible();
  // The lecture is a link away, worded for someone who has not read it yet as for one who has.
  await expect(page.getByRole("main").getByRole("link", { name: "Read the lecture", exact: true })).toHaveAttribute(
    "href",
    `/lectures/${lecture.slug}`,
  );
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
  await key.expectNoKey();
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

  // What the page received: the attempt page itself, and the answers it saved.
  const received = await key.received();
  expect(received).toContain(new URL(attemptUrl, page.url()).pathname);
  expect(received.filter((p) => answersUrl.test(p)).length).toBeGreaterThan(0);

  // Explicit fetches of the attempt page and its RSC payload, as another tab would.
  key.bodies.push({ url: attemptUrl, body: await (await page.request.get(attemptUrl)).text() });
  key.bodies.push({
    url: `${attemptUrl} (RSC)`,
    body: await (await page.request.get(attemptUrl, { headers: { RSC: "1" } })).text(),
  });
  await key.expectNoKey();

  await page.getByRole("button", { name: "Submit answers" }).click();
  const summary = page.getByRole("dialog", { name: "Submit your answers?" });
  await expect(summary).toContainText(`You have answered ${questions.length} of ${questions.length} questions.`);
  await summary.getByRole("button", { name: "Submit now" }).click();
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

/** The requests the page sends from now on: server actions, new documents, and the quiz API's writes. */
function watchRequests(page: Page) {
  const seen = { actions: 0, documents: 0, api: [] as string[] };
  page.on("request", (r) => {
    if (r.headers()["next-action"] !== undefined) seen.actions += 1;
    else if (r.resourceType() === "document") seen.documents += 1;
    const { pathname } = new URL(r.url());
    if (pathname.startsWith("/api/") && r.method() === "POST") seen.api.push(pathname);
  });
  return seen;
}

test("[PARTICIPANT][QUIZ]: with JavaScript, Carry on and Submit go through the quiz API and the page moves on by itself, with no server action; should the API fail, Start posts the form as a page", async ({
  page,
}) => {
  const { cohort, quizUrl, userId } = await aigerimInCohort(page);
  const startUrl = `/api/cohorts/${cohort.id}/quizzes/${lecture.slug}/attempts`;

  // The quiz API out of reach: Start still starts, through the form's server action.
  await page.goto(quizUrl);
  await page.route(
    (url) => url.pathname === startUrl,
    (route) => route.abort(),
  );
  const fallback = watchRequests(page);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/attempt\/[^/?]+$/);
  const attemptId = new URL(page.url()).pathname.split("/").at(-1)!;
  expect(fallback.actions).toBe(1);
  await page.unrouteAll();

  await page.goto(quizUrl);
  const seen = watchRequests(page);
  await page.getByRole("button", { name: "Carry on with your attempt" }).click();
  await expect(page).toHaveURL(new RegExp(`/attempt/${attemptId}$`));
  expect(seen.api).toEqual([startUrl]);
  for (const q of questions) await answer(page, q);
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await page.getByRole("dialog", { name: "Submit your answers?" }).getByRole("button", { name: "Submit now" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Passed" })).toBeVisible();
  expect(seen.api).toEqual([startUrl, `/api/attempts/${attemptId}/submit`]);
  expect(seen).toMatchObject({ actions: 0, documents: 0 });
  expect((await attemptRow(attemptId))?.status).toBe("SUBMITTED");
  expect(await attemptCount(userId)).toBe(1);
  await expectAccessible(page);
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
  // Not a bare "page not found": it says why, and where to go instead.
  await expect(other.getByRole("heading", { level: 1, name: "You are not in this cohort" })).toBeVisible();
  await expect(other.getByRole("link", { name: "Go to your dashboard" })).toHaveAttribute("href", /\/dashboard$/);
  await expectAccessible(other);
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

/** A wrong answer to a question: the first wrong option, the other truth value, or a number far off. */
function wrongResponse(q: TQuestion) {
  switch (q.type) {
    case "single":
      return { type: "single", optionId: q.options.find((o) => !o.correct)!.id };
    case "multiple":
      return { type: "multiple", optionIds: [q.options.find((o) => !o.correct)!.id] };
    case "true-false":
      return { type: "true-false", value: !q.answer };
    case "numeric":
      return { type: "numeric", value: q.answer + 1000 };
  }
}

test("[PARTICIPANT][QUIZ]: Submit first shows what is answered, with a link to each question, and the navigator marks them; after submitting, the focus is on the result, and each question links to its lecture section", async ({
  page,
}) => {
  const { cohort } = await aigerimInCohort(page);
  const { attemptId, attemptUrl } = await startAttempt(page, cohort.id, 1);
  await page.goto(attemptUrl);
  const navigator = page.getByRole("navigation", { name: "Questions" });
  await expect(navigator.getByRole("link", { name: /, answered$/ })).toHaveCount(1);
  await expect(navigator.getByRole("link", { name: /, not answered$/ })).toHaveCount(questions.length - 1);

  // Submit shows the summary; nothing is submitted yet.
  await page.getByRole("button", { name: "Submit answers" }).click();
  const summary = page.getByRole("dialog", { name: "Submit your answers?" });
  await expect(summary).toContainText(`You have answered 1 of ${questions.length} questions.`);
  await expect(summary.getByRole("heading", { name: `${questions.length - 1} questions not answered` })).toBeVisible();
  await expectAccessible(page);
  expect((await attemptRow(attemptId))?.status).toBe("IN_PROGRESS");

  // An unanswered question's link closes the summary and puts the focus in that question.
  const link = summary.getByRole("link", { name: /not answered$/ }).first();
  const number = Number((await link.getAttribute("href"))!.replace("#question-", ""));
  await link.click();
  await expect(summary).toBeHidden();
  await expect(page.locator(`#question-${number} input:not([type=hidden])`).first()).toBeFocused();
  const shown = await page.locator(`#question-${number} legend`).innerText();
  await answer(
    page,
    questions.find((q) => shown.includes(q.prompt))!,
  );
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
  await expect(navigator.getByRole("link", { name: `Question ${number}, answered` })).toBeVisible();

  // Back to the questions, then submit for real.
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(summary).toContainText(`You have answered 2 of ${questions.length} questions.`);
  await summary.getByRole("button", { name: "Back to the questions" }).click();
  await expect(summary).toBeHidden();
  expect((await attemptRow(attemptId))?.status).toBe("IN_PROGRESS");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await summary.getByRole("button", { name: "Submit now" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Not passed" })).toBeFocused();

  // Each question names the lecture section it comes from, with a link to it.
  for (const q of questions) {
    const section = lecture.sections.find((s) => s.id === q.section)!;
    await expect(
      page.getByRole("listitem").filter({ hasText: q.prompt }).getByRole("link", { name: section.title }),
    ).toHaveAttribute("href", new RegExp(`/lectures/${lecture.slug}#${section.id}$`));
  }
  await expectAccessible(page);
});

test("[PARTICIPANT][QUIZ]: on a phone, no keyboard stop of a timed attempt is hidden under the sticky bars", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 700 });
  const { cohort } = await aigerimInCohort(page);
  await setQuizTimeLimit(cohort.id, 30);
  const { attemptUrl } = await startAttempt(page, cohort.id);
  await page.goto(attemptUrl);
  await expect(page.getByText("Time left:")).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();
  const hidden: string[] = [];
  let stops = 0;
  for (; stops < 60; stops++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const submit = [...document.querySelectorAll("button")].find((b) => b.textContent === "Submit answers")!;
      // The sticky header, the countdown and the Submit bar, where they are now.
      const bars = [
        submit.closest(".sticky")!,
        document.querySelector("header")!,
        ...document.querySelectorAll("[data-sticky-top]"),
      ]
        .map((e) => e.getBoundingClientRect())
        .filter((b) => b.height > 0);
      const r = el.getBoundingClientRect();
      const inBars = !!el.closest(".sticky, header, [data-sticky-top]");
      return {
        name: `${el.tagName} ${el.getAttribute("name") ?? el.textContent?.slice(0, 30)}`,
        covered: !inBars && bars.some((b) => r.top < b.bottom - 0.5 && r.bottom > b.top + 0.5),
        last: el === submit,
      };
    });
    if (stop.covered) hidden.push(stop.name);
    if (stop.last) break;
  }
  expect(stops).toBeGreaterThan(questions.length);
  expect(hidden).toEqual([]);
});

test("[PARTICIPANT][QUIZ]: answers changed on another device are not overwritten by this one's older ones: the page warns and shows them", async ({
  page,
  context,
}) => {
  const { cohort } = await aigerimInCohort(page);
  const { attemptId, attemptUrl } = await startAttempt(page, cohort.id);
  const choice = questions.find((q) => q.type === "single")!;
  const other = questions.find((q) => q.type === "true-false")!;
  if (choice.type !== "single" || other.type !== "true-false") throw new Error("the quiz needs both kinds");
  const phone = await context.newPage(); // the same person, signed in on another device
  const phoneSaves = (q: TQuestion, response: unknown) =>
    phone.request.put(`/api/attempts/${attemptId}/answers`, {
      headers: SITE_ORIGIN,
      data: { questionId: q.id, response },
    });
  const rightOption = page
    .getByRole("group", { name: choice.prompt })
    .getByRole("radio", { name: choice.options.find((o) => o.correct)!.text, exact: true });
  const wrongText = choice.options.find((o) => !o.correct)!.text;
  const changed = page.getByRole("alert").filter({ hasText: "Your answers were changed on another device" });

  // The laptop answers wrong; the phone then puts it right.
  await page.goto(attemptUrl);
  await page.getByRole("group", { name: choice.prompt }).getByRole("radio", { name: wrongText, exact: true }).check();
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
  expect((await phoneSaves(choice, correctResponse(choice))).status()).toBe(200);

  // The laptop's next save finds that out: the page warns and shows the phone's answer.
  await page
    .getByRole("group", { name: other.prompt })
    .getByRole("radio", { name: other.answer ? "True" : "False", exact: true })
    .check();
  await expect(changed).toBeVisible();
  await expect(rightOption).toBeChecked();
  await expectAccessible(page);

  // The phone changes it again; the laptop, not knowing, submits: refused, nothing overwritten, the newer answers shown.
  expect((await phoneSaves(choice, wrongResponse(choice))).status()).toBe(200);
  expect((await phoneSaves(choice, correctResponse(choice))).status()).toBe(200);
  const before = page.url();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await page.getByRole("dialog", { name: "Submit your answers?" }).getByRole("button", { name: "Submit now" }).click();
  await expect(page).not.toHaveURL(before);
  await expect(changed).toBeVisible();
  await expect(rightOption).toBeChecked();
  expect(await attemptRow(attemptId)).toMatchObject({
    status: "IN_PROGRESS",
    responses: { [choice.id]: correctResponse(choice) },
  });

  // Now up to date, it submits with the newer answers.
  await page.getByRole("button", { name: "Submit answers" }).click();
  await page.getByRole("dialog", { name: "Submit your answers?" }).getByRole("button", { name: "Submit now" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Not passed" })).toBeVisible();
  // Two right (the choice and the true-or-false question) of all.
  expect(await attemptRow(attemptId)).toMatchObject({
    status: "SUBMITTED",
    percent: ((2 / questions.length) * 100).toFixed(1),
  });
});

test("[PARTICIPANT][QUIZ] @clock: an attempt left until its time ran out shows as submitted with its score, and Carry on leads to its result, not to a new attempt", async ({
  page,
  context,
}) => {
  const { cohort, userId, quizUrl } = await aigerimInCohort(page);
  await setQuizTimeLimit(cohort.id, 10);
  const { attemptId, attemptUrl } = await startAttempt(page, cohort.id, 3);
  await page.goto(quizUrl);
  const carryOn = page.getByRole("button", { name: "Carry on with your attempt" });
  await expect(carryOn).toBeVisible();

  // The participant left it: its ten minutes ended a quarter of an hour ago.
  await moveAttempt(attemptId, fromNow(-25 * MINUTE), fromNow(-15 * MINUTE));
  const dashboard = await context.newPage();
  await dashboard.goto("/dashboard");
  const item = dashboard
    .getByRole("region", { name: cohort.name })
    .getByRole("region", { name: "The five lectures" })
    .getByRole("listitem")
    .filter({ hasText: lecture.meta.title });
  // The three answers startAttempt gave are right.
  const percent = +((3 / questions.length) * 100).toFixed(1);
  await expect(item).toContainText(`Quiz: not passed yet (${percent}%)`);
  await expect(item.getByRole("link", { name: /See the result/ })).toHaveAttribute(
    "href",
    new RegExp(`${attemptUrl}$`),
  );
  await expectAccessible(dashboard);

  // The quiz page, opened before, still offers to carry on: that shows the result, and starts nothing.
  await carryOn.click();
  await expect(page).toHaveURL(new RegExp(`${attemptUrl}$`));
  await expect(page.getByRole("heading", { level: 2, name: "Not passed" })).toBeVisible();
  await expect(page.getByText("Submitted automatically when the time was up.")).toBeVisible();
  expect(await attemptCount(userId)).toBe(1);

  await page.goto(quizUrl);
  await expect(
    page.getByText(
      `Your attempt 1 ran out of time and was submitted automatically with the answers saved by then: ${percent}%, not passed.`,
    ),
  ).toBeVisible();
  await page.getByRole("link", { name: "See the result of attempt 1" }).click();
  await expect(page).toHaveURL(new RegExp(`${attemptUrl}$`));
  await page.goto(quizUrl);
  await expect(page.getByRole("button", { name: "Start another attempt" })).toBeVisible();
  await expectAccessible(page);
});

test("[PARTICIPANT][QUIZ]: without JavaScript, the quiz says answers are saved on submitting; Submit answers first shows the summary above the answers kept, and Submit now submits them", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const { quizUrl, userId } = await aigerimInCohort(page);
  await page.goto(quizUrl);
  // Nothing saves an answer before the form is posted: the page does not promise it.
  await expect(page.getByRole("main")).toContainText(
    "Your answers are saved when you press Submit answers, not before: answer the questions in one visit.",
  );
  await expect(page.getByRole("main")).not.toContainText("Each answer is saved as you give it");
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/attempt\/[^/?]+$/);
  await expect(
    page.getByRole("status").filter({ hasText: "Your answers are saved when you press Submit answers, not before." }),
  ).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("saved as you go");
  const attemptId = new URL(page.url()).pathname.split("/").at(-1)!;
  for (const q of questions.slice(0, 2)) await answer(page, q);
  await page.getByRole("button", { name: "Submit answers" }).click();

  // Nothing is submitted yet: the summary comes first, and the answers given are kept.
  const summary = page.getByRole("region", { name: "Submit your answers?" });
  await expect(summary).toContainText(`You have answered 2 of ${questions.length} questions.`);
  await expect(summary).toContainText(`${questions.length - 2} questions not answered`);
  await expect(page).toHaveURL(/\?review=1$/);
  const row = await attemptRow(attemptId);
  expect(row?.status).toBe("IN_PROGRESS");
  // Kept on the server (a multiple-choice question left blank is kept as an empty choice).
  expect(row?.responses).toEqual(
    expect.objectContaining(Object.fromEntries(questions.slice(0, 2).map((q) => [q.id, expect.anything()]))),
  );

  // The same page state with scripts running (the summary beside the dialog) passes axe.
  const withScripts = await browser.newContext();
  const visitor = await withScripts.newPage();
  await signInAs(visitor, userId);
  await visitor.goto(page.url());
  await expect(visitor.getByRole("region", { name: "Submit your answers?" })).toBeVisible();
  await expectAccessible(visitor);
  await withScripts.close();

  await summary.getByRole("button", { name: "Submit now" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^(Passed|Not passed)$/ })).toBeVisible();
  expect((await attemptRow(attemptId))?.status).toBe("SUBMITTED");
  await context.close();
});

test("[PARTICIPANT][QUIZ]: a number typed in Persian digits, or with a decimal comma, is read as that number, whether saved as it is typed or posted without JavaScript", async ({
  page,
  browser,
}) => {
  const numeric = questions.find((q) => q.type === "numeric")!;
  const { quizUrl, userId } = await aigerimInCohort(page);
  await page.goto(quizUrl);
  // With JavaScript each answer is saved as it is given, and the page says so.
  await expect(page.getByRole("main")).toContainText("Each answer is saved as you give it");
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/attempt\/[^/?]+$/);
  await expect(page.getByRole("status").filter({ hasText: "Your answers are saved as you go." })).toBeVisible();
  const attemptId = new URL(page.url()).pathname.split("/").at(-1)!;
  const box = page.getByRole("group", { name: numeric.prompt }).getByRole("textbox");

  // Typed on a Persian keyboard, saved as it is typed.
  await box.fill("۱۹۸۸");
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
  await expect
    .poll(async () => (await attemptRow(attemptId))?.responses[numeric.id])
    .toEqual({
      type: "numeric",
      value: 1988,
    });

  // A decimal comma, posted with the form by a page without JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await signInAs(plain, userId);
  await plain.goto(page.url());
  await plain.getByRole("group", { name: numeric.prompt }).getByRole("textbox").fill("2,5");
  await plain.getByRole("button", { name: "Submit answers" }).click();
  await expect(plain).toHaveURL(/\?review=1$/);
  expect((await attemptRow(attemptId))?.responses[numeric.id]).toEqual({ type: "numeric", value: 2.5 });
  await context.close();
});

test("[PARTICIPANT][QUIZ]: a quiz that cannot be taken again says why in words: attempts used up, or the quiz closed", async ({
  page,
}) => {
  const { cohort, quizUrl } = await aigerimInCohort(page);
  await setQuizLimits(cohort.id, 1, null);
  const { attemptId } = await startAttempt(page, cohort.id, questions.length);
  expect(
    (await page.request.post(`/api/attempts/${attemptId}/submit`, { headers: SITE_ORIGIN, data: {} })).status(),
  ).toBe(200);

  await page.goto(quizUrl);
  await expect(page.getByText("You have used all your attempts.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Start/ })).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("Quiz.");
  await expectAccessible(page);

  await setQuizLimits(cohort.id, null, fromNow(-MINUTE));
  await page.goto(quizUrl);
  await expect(page.getByText("The quiz has closed.")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Quiz.");
});
